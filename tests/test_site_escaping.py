"""Every front-matter value and file name a template prints is escaped (issue 12 §2, templates).

A real strict build of the demo copy with hostile front matter — signed, so that the build reaches
the templates — parsed with an HTML5 parser (selectolax/Lexbor, as a browser parses it): no script
beyond the theme's own, no event-handler attribute, and the hostile text still shows literally.
The clean twin is the demo build itself (test_site_golden.py): its pages are unchanged by escaping.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from support import copy_demo, edit_front_matter, mkdocs_build, resign

TITLE = "T</title><script>alert(1)</script>"
DESCRIPTION = '"><script>alert(2)</script>'
TOPIC = "\"'><svg onload=alert(4)>"
ATT_TITLE = "<b onmouseover=alert(6)>附件</b>"
# Quotes and angle brackets in a file name are refused before the build (publish.unsafe_name, tested
# in test_output_gate.py); what a name may still hold must be escaped (&) and percent-encoded (space).
ATT_NAME = "申请表 a&b=c;d.docx"
REASON = "<script>alert(8)</script>"
HEADING = "X &lt;/title&gt;&lt;script&gt;alert(7)&lt;/script&gt;"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("escaping") / "demo")

    def hostile(meta: dict) -> None:  # type: ignore[type-arg]
        meta.update(title=TITLE, description=DESCRIPTION, topic=TOPIC, redirect_from=["zcwj/old-name/"])

    edit_front_matter(root / "content/zcwj/2026-003.md", hostile)
    resign(root, "content/zcwj/2026-003.md")

    # A YAML escape: the file has no "<" at all, the parsed title has a script tag.
    p = root / "content/zcwj/2026-010.md"
    text = p.read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    p.write_text(text[:start] + 'title: "\\x3cscript\\x3ealert(5)\\x3c/script\\x3e"' + text[end:], encoding="utf-8")
    resign(root, "content/zcwj/2026-010.md")

    folder = root / "content/ysqgk/2026-007"
    shutil.move(str(folder / "政府信息公开申请表.docx"), str(folder / ATT_NAME))

    def attachment(meta: dict) -> None:  # type: ignore[type-arg]
        meta["attachments"] = [{"file": f"2026-007/{ATT_NAME}", "title": ATT_TITLE}]

    edit_front_matter(root / "content/ysqgk/2026-007.md", attachment)
    resign(root, "content/ysqgk/2026-007.md")

    def withdrawn(meta: dict) -> None:  # type: ignore[type-arg]
        meta["withdrawn"] = {"date": "2026-10-01", "reason": REASON}

    edit_front_matter(root / "content/zcwj/2026-015.md", withdrawn)
    resign(root, "content/zcwj/2026-015.md")

    (root / "content/escaping.md").write_text(f"# {HEADING}\n\n正文。\n", encoding="utf-8")
    resign(root, "content/escaping.md")  # a top-level page is reviewed like an item
    res = mkdocs_build(root)
    assert res.returncode == 0, res.stderr[-4000:]
    return root / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_script_or_event_handler_from_content(site: Path) -> None:
    assert len(_pages(site)) > 20
    for page in _pages(site):
        tree = LexborHTMLParser(page.read_bytes())
        for node in tree.css("*"):
            for name in node.attributes:
                assert not name.lower().startswith("on"), f"{page}: <{node.tag} {name}=…>"
        for script in tree.css("script"):
            src = script.attributes.get("src") or ""
            body = script.text() or ""
            assert "alert(" not in body and "alert(" not in src, f"{page}: {script.html}"
        for tag in ("svg", "img"):
            for node in tree.css(tag):
                assert "alert" not in (node.html or ""), f"{page}: {node.html}"


def test_hostile_values_are_shown_as_text(site: Path) -> None:
    page = LexborHTMLParser((site / "zcwj/2026-003/index.html").read_bytes())
    title = page.css_first("title")
    assert title is not None and title.text().startswith(TITLE)
    h1 = page.css_first("article h1")
    assert h1 is not None and h1.text() == TITLE
    desc = page.css_first('meta[name="description"]')
    assert desc is not None and desc.attributes.get("content") == DESCRIPTION
    assert TOPIC in page.body.text() if page.body else False

    yaml_escape = LexborHTMLParser((site / "zcwj/2026-010/index.html").read_bytes())
    t = yaml_escape.css_first("title")
    assert t is not None and t.text().startswith("<script>alert(5)</script>")

    heading = LexborHTMLParser((site / "escaping/index.html").read_bytes())
    t = heading.css_first("title")
    assert t is not None and t.text().startswith("X </title><script>alert(7)</script>")


def test_file_names_in_links_are_escaped_and_percent_encoded(site: Path) -> None:
    page = LexborHTMLParser((site / "ysqgk/2026-007/index.html").read_bytes())
    links = [a for a in page.css("a[download]") if a.text().strip() == ATT_TITLE]
    assert links, "the attachment link (title shown as text) is missing"
    href = links[0].attributes.get("href") or ""
    assert not any(c in href for c in "\"'<> "), href  # the space percent-encoded
    raw = (site / "ysqgk/2026-007/index.html").read_text(encoding="utf-8")
    assert "a&b=c" not in raw  # & is written as &amp; (or %26) wherever the name is printed
    assert (site / "ysqgk" / ATT_NAME).is_file() or any(p.name == ATT_NAME for p in site.rglob("*.docx"))


def test_redirect_and_withdrawn_pages_escape_their_values(site: Path) -> None:
    redirect = LexborHTMLParser((site / "zcwj/old-name/index.html").read_bytes())
    assert not redirect.css("script")
    link = redirect.css_first("body a")
    assert link is not None and link.text() == TITLE
    withdrawn = LexborHTMLParser((site / "zcwj/2026-015/index.html").read_bytes())
    assert any(dd.text() == REASON for dd in withdrawn.css("dd"))
