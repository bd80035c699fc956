"""Automated 保密审查 (confidentiality review) scanners: pure domain code, no MkDocs import.

Public API::

    config, problems = ScanConfig.from_mapping(options.get("scan"), "mkdocs.yml")
    findings = scan_markdown(text, "content/xxgk/2024-001.md", config)
    findings += cached_scan_attachment(cache, abs_path, "content/xxgk/files/名单.xlsx", config)
    findings = apply_exceptions(findings, record.get("exceptions", []), "governance/reviews/2024-001.yml")

Rule ids: privacy.id_number, privacy.mobile, privacy.bank_card, privacy.gps, secrecy.mark,
html.unsafe, link.external, wording.errata, attachment.unreadable, attachment.too_large,
attachment.no_text (warning), attachment.unscanned (warning), scan.exception_invalid,
scan.exception_unused (warning), scan.config_invalid.
"""

from __future__ import annotations

from .attachments import PARSE_COUNTS, scan_attachment
from .cache import SCANNER_VERSION, ScanCache, cached_scan_attachment
from .config import ScanConfig
from .exceptions import ScanException, apply_exceptions
from .fingerprint import fingerprint, fingerprint_of, mask
from .markdown import scan_markdown

RULES: dict[str, str] = {
    "privacy.id_number": "居民身份证号（18位含校验码、15位旧号）",
    "privacy.mobile": "手机号码",
    "privacy.bank_card": "银行卡号、银行账号",
    "privacy.gps": "图片中的 GPS 拍摄位置",
    "secrecy.mark": "密级标志（★）和内部资料标志",
    "html.unsafe": "可执行的 HTML（脚本、表单、内联框架、事件属性、javascript: 链接）",
    "link.external": "指向允许域名以外的外部链接",
    "wording.errata": "错敏词",
    "attachment.unreadable": "附件无法读取",
    "attachment.too_large": "附件超过自动审查的大小上限",
    "attachment.no_text": "PDF 无文字层（扫描件），需人工审查",
    "attachment.unscanned": "附件格式无法自动审查",
    "attachment.format_refused": "浏览器会执行或渲染的附件格式（不在允许清单内或内容伪装）",
    "scan.exception_invalid": "审查表中的例外登记无效",
    "scan.exception_unused": "审查表中的例外没有对应发现",
    "scan.config_invalid": "保密审查配置有误",
}

__all__ = [
    "PARSE_COUNTS",
    "RULES",
    "SCANNER_VERSION",
    "ScanCache",
    "ScanConfig",
    "ScanException",
    "apply_exceptions",
    "cached_scan_attachment",
    "fingerprint",
    "fingerprint_of",
    "mask",
    "scan_attachment",
    "scan_markdown",
]
