"""Full-width punctuation typed with a Chinese input method: a Chinese hint at the right line (issue #18)."""

from __future__ import annotations

import pytest
from zwgk.core import frontmatter
from zwgk.core.yamlio import parse_yaml


@pytest.mark.parametrize(("case", "text", "line", "words"), [
    ("colon on the first field", "---\ntitle：测试\nindex_no: x\n---\n正文\n", 2, "全角冒号"),
    ("colon after a field (parses as a continuation)", "---\nindex_no: x\ntitle：测试\n---\n", 3, "全角冒号"),
    ("small form colon", "---\ntitle: a\nsummary﹕b\n---\n", 3, "全角冒号"),
    ("full-width space before a key", "---\ntitle: a\n\u3000summary: b\n---\n", 3, "全角空格"),
])
def test_fullwidth_typo_is_named_at_its_line(case: str, text: str, line: int, words: str) -> None:
    meta, _, _, problems = frontmatter.split(text, "content/gzdt/x.md")
    assert meta == {} and len(problems) == 1, case
    assert problems[0].line == line and words in problems[0].message, (case, problems[0])
    assert "半角" in problems[0].hint and problems[0].rule == "schema.yaml"


@pytest.mark.parametrize(("case", "text"), [
    ("full-width colon inside a value", "---\ntitle: 关于：政务公开\nsummary: 时间：9月\n---\n"),
    ("inside an indented block of text", "---\ntitle: a\nsummary: |\n  Q：怎么办\n  A：这样办\n---\n"),
])
def test_fullwidth_colon_in_text_is_fine(case: str, text: str) -> None:
    meta, _, _, problems = frontmatter.split(text, "content/gzdt/x.md")
    assert problems == [] and meta["title"], case


def test_other_yaml_files_get_the_hint_when_they_fail_to_parse() -> None:
    _, problems = parse_yaml("title: a\nblocks：\n  - type: figures\n", "interpretations/x/tujie.yml")
    assert len(problems) == 1 and problems[0].line == 2 and "全角冒号" in problems[0].message
    value, problems = parse_yaml("title: a\nnote: |\n  Q：怎么办\n", "interpretations/x/tujie.yml")
    assert problems == [] and value["note"] == "Q：怎么办\n"
