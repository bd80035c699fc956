"""Split a Markdown file into YAML front matter and body, reporting problems as findings."""

from __future__ import annotations

from typing import Any

from .findings import Finding, finding
from .yamlio import MAX_FRONT_MATTER, fullwidth_typo, parse_yaml


def split(text: str, path: str) -> tuple[dict[str, Any], str, int, list[Finding]]:
    """Return ``(meta, body, body_line, findings)``; ``body_line`` is the 1-based line where the body starts."""
    if not text.startswith("---\n"):
        return {}, text, 1, [
            finding("schema.frontmatter", path, "文件开头缺少以 --- 包围的信息字段（front matter）",
                    "在文件第一行写 ---，随后逐行写 title、index_no 等字段，再用一行 --- 结束", line=1)
        ]
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4:end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        return {}, text, 1, [
            finding("schema.frontmatter", path, "信息字段（front matter）没有结束标记 ---",
                    "在最后一个字段之后单独写一行 ---", line=1)
        ]
    head = text[4:end + 1]
    body = text[end + 5:] if text[end + 4:end + 5] == "\n" else ""
    body_line = head.count("\n") + 3
    # Capped far below other YAML: a front matter is a dozen short fields (64 KiB ≈ 300 real ones).
    data, problems = parse_yaml(head, path, rule="schema.yaml", line_offset=1, max_bytes=MAX_FRONT_MATTER)
    if problems:
        return {}, body, body_line, problems
    typo = fullwidth_typo(head, top_level_only=True)
    if typo is not None:
        # ``index_no: x`` then ``title：测试`` parses: the second line continues the first value, and the
        # clerk would read "缺少字段 title". Name the character and the line instead.
        n, message, hint = typo
        return {}, body, body_line, [finding("schema.yaml", path, message, hint, line=n + 1)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, body, body_line, [
            finding("schema.frontmatter", path, "信息字段应为“字段名: 值”的形式", "参考 zwgk new 生成的模板", line=2)
        ]
    return {str(k): v for k, v in data.items()}, body, body_line, []
