"""ScanConfig.from_mapping: defaults, extension, validation findings."""

from __future__ import annotations

from zwgk.core.scan import ScanConfig
from zwgk.core.scan.config import DEFAULT_MAX_ATTACHMENT_BYTES, default_errata


def test_defaults() -> None:
    config, problems = ScanConfig.from_mapping(None, "mkdocs.yml")
    assert problems == []
    assert config.allowed_domains == ("gov.cn",)
    assert len(config.errata) == len(default_errata()) >= 30
    assert config.max_attachment_bytes == DEFAULT_MAX_ATTACHMENT_BYTES
    assert config == ScanConfig() and config.digest() == ScanConfig().digest()


def test_allowed_domains_extend_and_normalise() -> None:
    config, problems = ScanConfig.from_mapping(
        {"allowed_domains": ["People.com.cn", "https://www.xinhuanet.com/", "gov.cn"]}, "mkdocs.yml"
    )
    assert problems == []
    assert config.allowed_domains == ("gov.cn", "people.com.cn", "www.xinhuanet.com")


def test_invalid_values_keep_defaults_and_are_reported() -> None:
    config, problems = ScanConfig.from_mapping(
        {
            "allowed_domains": ["not a domain", 5],
            "max_attachment_bytes": "big",
            "errata_extra": [{"wrong": "账号", "right": "银行账号"}, {"wrong": ""}, "x", {"wrong": "a", "right": "b", "z": 1}],
            "colour": "red",
        },
        "mkdocs.yml",
    )
    fields = [p.field for p in problems]
    assert fields == [
        "scan.colour",
        "scan.allowed_domains[0]",
        "scan.allowed_domains[1]",
        "scan.errata_extra[0]",
        "scan.errata_extra[1]",
        "scan.errata_extra[2]",
        "scan.errata_extra[3]",
        "scan.max_attachment_bytes",
    ]
    assert all(p.rule == "scan.config_invalid" and p.path == "mkdocs.yml" for p in problems)
    assert "包含错误写法" in problems[3].message
    assert config.allowed_domains == ("gov.cn",)
    assert config.max_attachment_bytes == DEFAULT_MAX_ATTACHMENT_BYTES
    assert ("a", "b") in config.errata  # the valid part of an entry with an unknown key is kept


def test_not_a_mapping() -> None:
    config, (problem,) = ScanConfig.from_mapping(["x"], "mkdocs.yml")  # type: ignore[arg-type]
    assert problem.field == "scan" and config == ScanConfig()


def test_digest_changes_with_rules() -> None:
    base, _ = ScanConfig.from_mapping(None, "m")
    other, _ = ScanConfig.from_mapping({"errata_extra": [{"wrong": "甲", "right": "乙"}]}, "m")
    assert base.digest() != other.digest()


def test_shipped_errata_never_contain_each_other() -> None:
    entries = default_errata()
    for e in entries:
        for other in entries:
            assert e.wrong not in other.right, (e, other)
