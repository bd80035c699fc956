"""The gate reads what is published: HTML as a browser parses it, URLs as a browser resolves them,
and the files MkDocs would write. Each class of attack has a case that must be blocked beside a clean
twin that must pass; the build tests prove it on the real site/ (no model of it)."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from support import copy_demo, mkdocs_build, rules_of, run_check
from zwgk.core.htmlcheck import HtmlPolicy, check_html, parse, theme_scripts
from zwgk.core.mdrender import Renderer
from zwgk.core.pagecheck import Source, check_body
from zwgk.core.scan import ScanConfig

SITE = "https://zwb.example.gov.cn/zwgk/"
BASE = SITE + "tzgg/2026-004/"
POLICY = HtmlPolicy(SITE, ("gov.cn",), theme_scripts())
RENDER = Renderer(["toc", "tables", "attr_list", "admonition"])
CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")

HOSTILE_MARKDOWN = {
    "raw script": "<script>alert(1)</script>",
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "attr_list handler": "[办事指南](https://www.gov.cn){onclick=\"alert(1)\"}",
    "attr_list href": '[x](https://www.gov.cn){href="javascript:alert(1)"}',
    "markdown javascript link": "[x](javascript:alert(1))",
    "entity in scheme": '<a href="java&#9;script:alert(1)">x</a>',
    "encoded colon": '<a href="javascript&colon;alert(1)">x</a>',
    "backslash host": '<a href="/\\evil.example/x">x</a>',
    "scheme backslash host": '<a href="https:/\\evil.example/x">x</a>',
    "entity colon host": '<a href="https&#58;//evil.example/">x</a>',
    "protocol relative": "[x](//evil.example/x)",
    "userinfo": "[x](https://zwb.example.gov.cn@evil.example/)",
    "full-width host": "[x](https://ｅｖｉｌ.example/)",
    "comment breakout": "<!--> <img src=x onerror=alert(1)> -->",
    "bogus comment end": "<!-- a --!> <img src=x onerror=alert(1)> -->",
    "quoted gt": '<div title="a>b" onmouseover="alert(1)">x</div>',
    "iframe": '<iframe src="https://www.gov.cn/"></iframe>',
    "svg animate": '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    "math mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "form": '<form action="https://www.gov.cn/x"><input name="id"></form>',
    "data url image": "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "style url": '<p style="background:url(https://evil.example/t.png)">x</p>',
    "style escape": '<p style="background:u\\72l(https://evil.example/t.png)">x</p>',
    "theme id clobber": '<p id="__config">{"search": "x"}</p>',
    "uppercase handler": "<P ONCLICK=alert(1)>x</P>",
    "template": "<template><img src=x onerror=alert(1)></template>",
}
CLEAN_MARKDOWN = {
    "plain": "# 标题\n\n正文，含链接 [政府网站](https://www.gov.cn/zhengce/) 与 [本站](../2026-003/)。",
    "table": "| 事项 | 时限 |\n|:--|--:|\n| 受理 | 1 个工作日 |",
    "admonition": '!!! note "提示"\n    工作日 9:00—17:00 办理。',
    "attr_list class": "## 办理流程 {#liucheng .zwgk}",
    "mail and tel": "[来信](mailto:xinxiang@zwb.example.gov.cn)，电话 [0000-12345678](tel:0000-12345678)",
    "code shows html": "```html\n<script>alert(1)</script>\n```\n\n`<img onerror=x>`",
    "anchor": "[见下文](#liucheng)",
}


def _blocking(markdown: str) -> set[str]:
    html = RENDER.html(markdown)
    _, found = check_body(html, Source("content/tzgg/2026-004.md", markdown), BASE, POLICY, CONFIG)
    return {f.rule for f in found if f.is_error}


@pytest.mark.parametrize("name", sorted(HOSTILE_MARKDOWN))
def test_hostile_body_is_blocked(name: str) -> None:
    assert _blocking(HOSTILE_MARKDOWN[name]) & {"html.unsafe", "link.external"}, name


@pytest.mark.parametrize("name", sorted(CLEAN_MARKDOWN))
def test_clean_body_passes(name: str) -> None:
    assert _blocking(CLEAN_MARKDOWN[name]) == set(), name


def test_published_body_is_the_sanitizer_output() -> None:
    html = RENDER.html(HOSTILE_MARKDOWN["comment breakout"] + "\n\n" + HOSTILE_MARKDOWN["event handler"])
    cleaned, _ = check_body(html, Source("a.md", ""), BASE, POLICY, CONFIG)
    tree = parse(cleaned)
    assert not tree.css("script")
    assert all(not k.lower().startswith("on") for n in tree.root.traverse() for k in n.attributes)


@pytest.mark.parametrize(("url", "blocked"), [
    ("/\\evil.example/x", True), ("\\\\evil.example/x", True), ("https:/\\evil.example/x", True),
    ("//evil.example/x", True), ("java\tscript:alert(1)", True), ("\x01javascript:alert(1)", True),
    ("JaVaScRiPt:alert(1)", True), ("vbscript:x", True), ("data:text/html,x", True),
    ("https://zwb.example.gov.cn@evil.example/", True), ("https://evil。example/", True),
    ("http://0x7f.1/", True), ("https://www.gov.cn.evil.example/", True),
    ("../2026-003/", False), ("https://www.gov.cn/", False), ("https://zwb.example.gov.cn/zwgk/a/", False),
    ("mailto:a@zwb.example.gov.cn", False), ("tel:0000-12345678", False), ("#top", False),
    ("https:evil.example", False),  # relative under the https base: stays on the site, as in a browser
])
def test_urls_are_resolved_as_a_browser_does(url: str, blocked: bool) -> None:
    html = f'<a href="{url.replace(chr(34), "&quot;")}">x</a>'
    found = check_html(html, BASE, POLICY, content=True)
    assert bool(found) is blocked, (url, found)


def test_theme_scripts_pass_and_any_other_inline_script_is_blocked() -> None:
    ok = '<html><head><script>var target=document.getElementById(location.hash.slice(1));' \
         'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script></head></html>'
    assert check_html(ok, BASE, POLICY, content=False) == []
    bad = ok.replace("__tabbed_", "__tabbed_x")
    assert [v.rule for v in check_html(bad, BASE, POLICY, content=False)] == ["html.unsafe"]
    foreign = '<html><head><script src="https://evil.example/x.js"></script></head></html>'
    assert check_html(foreign, BASE, POLICY, content=False)


# --- personal data in the forms a browser shows ------------------------------------------------

@pytest.mark.parametrize("markdown", [
    "身份证号 11010519491231002X",
    "身份证号 1101&#48;519491231002X",  # an entity the browser decodes
    "身份证号 110105<b></b>19491231002X",  # inline markup inside the number
    "身份证号 110105<!-- x -->19491231002X",  # a comment inside the number
])
def test_id_number_in_rendered_text_is_found(markdown: str) -> None:
    assert "privacy.id_number" in _blocking(markdown)


def test_masked_id_number_passes() -> None:
    assert "privacy.id_number" not in _blocking("身份证号 110105**********2X")


# --- what MkDocs would publish (core/inventory.py) ------------------------------------------------

@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "repo")


def test_demo_inventory_is_clean(demo: Path) -> None:
    assert not {r for r in rules_of(run_check(demo)) if r.startswith("publish.")}


@pytest.mark.parametrize(("relpath", "content"), [
    ("content/tzgg/notice.html", "<script>alert(1)</script>"),
    ("content/tzgg/data.csv", "姓名,身份证号\n"),
    ("content/tzgg/logo.svg", "<svg onload=alert(1)></svg>"),
    ("content/top.txt", "x"),
    ("content/assets/javascripts/bundle.js", "alert(1)"),
    ("content/tzgg/2026-004/extra.pdf", "%PDF-1.4"),  # in an item's folder but not listed
])
def test_unlisted_files_are_refused(demo: Path, relpath: str, content: str) -> None:
    target = demo / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    found = [f for f in run_check(demo).findings if f.rule == "publish.unlisted"]
    assert [f.path for f in found] == [relpath]
    assert "attachments" in found[0].hint


def test_image_in_the_items_own_folder_is_allowed(demo: Path) -> None:
    from PIL import Image

    folder = demo / "content/tzgg/2026-004"
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), "white").save(folder / "map.png")
    assert not {r for r in rules_of(run_check(demo)) if r.startswith("publish.")}


@pytest.mark.parametrize("name", ["page.markdown", "page.mdown", "page.mkdn", "page.mkd", "PAGE.MD", "page.Md"])
def test_page_extensions_other_than_md_are_refused(demo: Path, name: str) -> None:
    (demo / "content/tzgg" / name).write_text("---\ntitle: x\n---\n<script>alert(1)</script>\n", encoding="utf-8")
    rules = rules_of(run_check(demo))
    assert rules & {"publish.page_extension", "publish.unlisted"}


@pytest.mark.parametrize("where", ["content/gzdt/gov", "interpretations/yijianshi/gov", "overrides/assets/gov"])
def test_symlinks_are_refused(demo: Path, where: str) -> None:
    link = demo / where
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(demo / "governance", link)
    found = [f for f in run_check(demo).findings if f.rule == "publish.symlink"]
    assert [f.path for f in found] == [where]


@pytest.mark.parametrize("bad", ["../../governance/reviews/content/tzgg/2026-004.yml", "/etc/passwd",
                                 "2026-007\\x.docx", "2026-007/../../x.pdf", ".hidden/x.pdf"])
def test_attachment_paths_cannot_leave_the_items_folder(demo: Path, bad: str) -> None:
    path = demo / "content/ysqgk/2026-007.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("file: 2026-007/政府信息公开申请表.docx", f"file: {bad!r}")
    path.write_text(text, encoding="utf-8")
    assert "publish.attachment_path" in rules_of(run_check(demo))


@pytest.mark.parametrize("relpath", ["content/page/index.md", "content/images/a/b/index.md", "content/javascripts/index.md",
                                     "content/stylesheets/x.md", "content/foo/index.md", "content/foo/bar/index.md"])
def test_every_markdown_page_is_an_item_a_governed_page_or_an_error(demo: Path, relpath: str) -> None:
    """A page in a folder the site uses itself (page/, images/ …) or in no column was published without
    a review record: it is an error now, at any depth, whatever its name."""
    target = demo / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\ntitle: 未审查页面\n---\n# 未经审查的内容\n", encoding="utf-8")
    result = run_check(demo)
    folder = "/".join(relpath.split("/")[:2])
    assert [(f.path, f.severity) for f in result.findings if f.rule == "column.unknown"] == [(folder, "error")]
    from zwgk.core.rules.publish import governed_pages

    assert result.site is not None and relpath not in {p.path for p in governed_pages(result.site)}


def test_a_column_index_stays_a_governed_page(demo: Path) -> None:
    from zwgk.core.rules.publish import governed_pages

    (demo / "content/gzdt/index.md").write_text("# 工作动态\n\n本栏目发布本办工作动态。\n", encoding="utf-8")
    result = run_check(demo)
    assert result.site is not None
    governed = {p.path for p in governed_pages(result.site)}
    assert {"content/index.md", "content/gzdt/index.md"} <= governed and "column.unknown" not in rules_of(result)
    # governed means reviewed: the new column index waits for its record like any item
    assert [f.path for f in result.findings if f.rule == "review.missing"] == ["content/gzdt/index.md"]


def test_an_unreviewed_page_outside_the_columns_never_reaches_the_site(demo: Path) -> None:
    (demo / "content/page").mkdir()
    (demo / "content/page/index.md").write_text("# UNREVIEWED_PAYLOAD\n", encoding="utf-8")
    result = mkdocs_build(demo)
    assert result.returncode == 1 and "column.unknown" in result.stderr and "Traceback" not in result.stderr
    assert not (demo / "site").exists() or not list((demo / "site").rglob("page/index.html"))


@pytest.mark.parametrize("name", ["javascript:alert(1)%2F.md", "\\\\evil.example.md", "a#b.md", "a?b.md",
                                  "x\"y.md", "a<b>.md", "tab\there.md"])
def test_file_names_that_would_change_an_address_are_refused(demo: Path, name: str) -> None:
    shutil.copy(demo / "content/gzdt/2026-008.md", demo / "content/gzdt" / name)
    found = [f for f in run_check(demo).findings if f.rule == "publish.unsafe_name"]
    assert [f.path for f in found] == [f"content/gzdt/{name}"]


def test_an_unsafe_folder_name_is_refused_once(demo: Path) -> None:
    from PIL import Image

    folder = demo / "content/gzdt/2026-008:x"
    folder.mkdir()
    Image.new("RGB", (4, 4), "white").save(folder / "map.png")
    found = [f.path for f in run_check(demo).findings if f.rule == "publish.unsafe_name"]
    assert found == ["content/gzdt/2026-008:x"]


@pytest.mark.parametrize("name", ["通知（2026年第1号）.md", "a-b_c.1.md", "2026 年报.md"])
def test_ordinary_names_are_accepted(demo: Path, name: str) -> None:
    shutil.copy(demo / "content/gzdt/2026-008.md", demo / "content/gzdt" / name)
    assert "publish.unsafe_name" not in rules_of(run_check(demo))


@pytest.mark.parametrize(("relpath", "rule"), [
    ("content/gzdt/11010519491231002X.md", "privacy.id_number"),
    ("content/gzdt/2026-008/联系人13812345678.png", "privacy.mobile"),
    ("content/gzdt/机密★10年", "secrecy.mark"),  # a folder
])
def test_personal_data_in_a_published_name_is_found_by_the_check(demo: Path, relpath: str, rule: str) -> None:
    """A name is public (the address, the download's name): the check finds what the build's page scan
    found only later, or (for a picture nobody links) never."""
    from PIL import Image

    target = demo / relpath
    if relpath.endswith(".md"):
        shutil.copy(demo / "content/gzdt/2026-013.md", target)
    elif relpath.endswith(".png"):
        target.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (4, 4), "white").save(target)
    else:
        target.mkdir(parents=True)
    found = [f for f in run_check(demo).findings if f.rule == rule and f.location == "文件名"]
    assert [f.path for f in found] == [relpath] and "13812345678" not in found[0].message


def test_ordinary_names_have_no_personal_data_findings(demo: Path) -> None:
    from PIL import Image

    folder = demo / "content/gzdt/2026-008"
    folder.mkdir()
    Image.new("RGB", (4, 4), "white").save(folder / "2026年11月13日会议现场.png")
    rules = rules_of(run_check(demo))
    assert not {r for r in rules if r.startswith(("privacy.", "secrecy."))}


@pytest.mark.parametrize("relpath", ["content/gzdt/.hidden.md", "content/gzdt/.DS_Store", "content/.cache/x.md",
                                     "interpretations/.x"])
def test_hidden_names_are_reported_not_skipped(demo: Path, relpath: str) -> None:
    target = demo / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\ntitle: x\n---\n正文\n", encoding="utf-8")
    result = run_check(demo)
    parts = relpath.split("/")
    top = "/".join(parts[:next(i for i, p in enumerate(parts) if p.startswith(".")) + 1])  # the hidden entry
    assert [f.path for f in result.findings if f.rule == "publish.unsafe_name"] == [top]
    assert result.site is not None and relpath not in {i.path for i in result.site.items}


@pytest.mark.parametrize("taken", ["sitemap.xml", "404.html", "sitemap.xml.gz",
                                   "ysqgk/2026-007/政府信息公开申请表.docx"])
def test_a_redirect_cannot_take_the_place_of_a_published_file(demo: Path, taken: str) -> None:
    """The check refuses what the build could not write (sitemap.xml/index.html) or would overwrite."""
    from support import edit_front_matter

    edit_front_matter(demo / "content/gzdt/2026-008.md", lambda m: m.update(redirect_from=[taken, "old/ok.shtml"]))
    found = [f for f in run_check(demo).findings if f.rule == "pages.redirect"]
    assert [(f.path, f.field) for f in found] == [("content/gzdt/2026-008.md", "redirect_from -> [0]")]
    assert taken in found[0].message


def test_relative_links_between_pages_are_percent_encoded() -> None:
    from zwgk.mkdocs.render import rel_url

    assert rel_url("gzdt/old/", "gzdt/javascript:alert(1)/") == "../javascript%3Aalert%281%29/"
    assert rel_url("gzdt/", "gzdt/\\\\evil.example/") == "%5C%5Cevil.example/"
    assert rel_url("zcwj/2026-003/", "zcjd/x/") == "../../zcjd/x/"
    assert rel_url("a/", "a/") == "./"


# --- the real build: the finished pages and the site folder --------------------------------------

@pytest.fixture
def built(demo: Path) -> Path:
    result = mkdocs_build(demo)
    assert result.returncode == 0, result.stderr[-3000:]
    return demo


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_demo_site_passes_and_no_governance_file_is_published(built: Path) -> None:
    site = built / "site"
    names = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    governance = {p.name for p in (built / "governance").rglob("*.yml")}
    assert not [n for n in names if n.endswith(".yml") or n.rsplit("/", 1)[-1] in governance]
    for page in site.rglob("*.html"):
        tree = parse(page.read_bytes())
        assert not [n for n in tree.root.traverse() for k in n.attributes if k.lower().startswith("on")]


@pytest.mark.parametrize("template_change", [
    '<script>alert(1)</script>',
    '<a href="//evil.example/">x</a>',
    '<img src="x" onerror="alert(1)">',
    '<iframe src="https://www.gov.cn/"></iframe>',
])
def test_a_template_that_publishes_active_content_blocks_the_build(built: Path, template_change: str) -> None:
    before = _snapshot(built / "site")
    item = built / "overrides/zwgk/item.html"
    item.write_text(item.read_text(encoding="utf-8").replace("{% block content %}",
                                                             "{% block content %}" + template_change, 1),
                    encoding="utf-8")
    result = mkdocs_build(built)
    assert result.returncode != 0
    assert "发布内容检查未通过" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(built / "site") == before  # the last good site is untouched


@pytest.mark.parametrize("name", ["leak.yml", "assets/zwgk/register.yml", "notes.txt"])
def test_overrides_publish_only_theme_assets(demo: Path, name: str) -> None:
    """MkDocs copies every non-template file of custom_dir to the site: a copy of a governance file
    there would be published, so only templates and static assets under overrides/assets/ may be there."""
    target = demo / "overrides" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo / "governance/columns.yml", target)
    found = [f for f in run_check(demo).findings if f.rule == "publish.unlisted"]
    assert [f.path for f in found] == [f"overrides/{name}"]


def test_redirect_stubs_with_legacy_suffixes_are_built_and_pass_the_page_check(demo: Path) -> None:
    """The clean twin of the stub check below: real stubs (.shtml, .php) are parsed and pass."""
    from support import edit_front_matter, resign

    item = "content/gzdt/2026-008.md"
    edit_front_matter(demo / item, lambda m: m.update(redirect_from=["old/gzdt/art_1.shtml", "old/x.php"]))
    resign(demo, item)
    result = mkdocs_build(demo)
    assert result.returncode == 0, result.stderr[-3000:]
    stub = (demo / "site/old/gzdt/art_1.shtml").read_text(encoding="utf-8")
    assert "2026-008/" in stub and (demo / "site/old/x.php").is_file()


def test_the_site_walk_reports_unexpected_files_and_symlinks(tmp_path: Path) -> None:
    """After the build, every path in the staged site must be one MkDocs was told to write."""
    from zwgk.mkdocs.verify import OutputGate

    site = tmp_path / "site"
    (site / "zcwj").mkdir(parents=True)
    (site / "zcwj/index.html").write_text("<html><body><p>ok</p></body></html>", encoding="utf-8")
    (site / "leak.yml").write_text("secrecy: 否", encoding="utf-8")
    os.symlink(tmp_path, site / "link")
    (site / "404.html").write_text('<html><body><a href="//evil.example/">x</a></body></html>', encoding="utf-8")
    # Redirect stubs keep an old address's suffix; a server sends them as HTML: checked like .html.
    stub = '<html><head><meta http-equiv="refresh" content="0; url=javascript:alert(1)"></head></html>'
    for name in ("old.htm", "old.shtml", "old.php", "OLD.ASPX"):
        (site / "zcwj" / name).write_text(stub, encoding="utf-8")
    (site / "zcwj/fine.htm").write_text('<html><body><a href="../">ok</a></body></html>', encoding="utf-8")
    gate = OutputGate()
    gate.checked.add("zcwj/index.html")
    gate._expected.update({"zcwj/index.html", "zcwj/old.htm", "zcwj/old.shtml", "zcwj/old.php", "zcwj/OLD.ASPX",
                           "zcwj/fine.htm"})
    gate.walk_site(site, [])
    paths = sorted(f.path for f in gate.findings)
    assert paths == ["site/leak.yml", "site/link", "（网站文件）404.html", "（网站文件）zcwj/OLD.ASPX",
                     "（网站文件）zcwj/old.htm", "（网站文件）zcwj/old.php", "（网站文件）zcwj/old.shtml"]


def test_the_search_index_serves_the_page_text_and_that_text_is_scanned(demo: Path) -> None:
    """The index text is the rendered body (searchdocs.body_text), the string the gate scans: an
    entity in a code span stays literal there as on the page (the Markdown reduction once decoded
    it into a number the page never shows), and a number the index does serve is found in it."""
    from zwgk.core.searchdocs import index_findings, site_docs

    path = demo / "content/tzgg/2026-004.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n编号 `&#49;1010519491231002X`\n", encoding="utf-8")
    result = run_check(demo)
    assert "privacy.id_number" not in rules_of(result)
    site = result.site
    item = next(i for i in site.items if i.path == "content/tzgg/2026-004.md")
    [doc] = site_docs(site, {item.src_uri: "tzgg/2026-004/"}, [item])
    assert "编号 &#49;1010519491231002X" in doc.text and "11010519491231002X" not in doc.text
    # What the index would serve is what is scanned: the same document with the decoded number fails.
    leaked = replace(doc, text=doc.text.replace("&#49;", "1"))
    found = index_findings(site, [item], [leaked], site.config.scan)
    assert [f.rule for f in found] == ["privacy.id_number"] and "站内搜索索引" in found[0].message
    assert index_findings(site, [item], [doc], site.config.scan) == []


def test_a_number_in_the_body_is_found_in_the_page_and_the_index(demo: Path) -> None:
    path = demo / "content/tzgg/2026-004.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n编号 &#49;1010519491231002X\n", encoding="utf-8")
    found = [f for f in run_check(demo).findings if f.rule == "privacy.id_number"]
    assert {f.path for f in found} == {"content/tzgg/2026-004.md"}


def test_the_same_body_without_the_entity_trick_is_clean(demo: Path) -> None:
    path = demo / "content/tzgg/2026-004.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n编号 `&#49;10105**********2X`\n", encoding="utf-8")
    assert "privacy.id_number" not in rules_of(run_check(demo))


# --- pages outside the items are governed too ------------------------------------------------------

def test_home_page_needs_its_review_record(demo: Path) -> None:
    (demo / "governance/reviews/content/index.yml").unlink()
    found = [f for f in run_check(demo).findings if f.rule == "review.missing"]
    assert [f.path for f in found] == ["content/index.md"]


def test_home_page_changed_after_review_is_blocked(demo: Path) -> None:
    assert "review.stale" not in rules_of(run_check(demo))
    page = demo / "content/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新增一段未经审查的文字。\n", encoding="utf-8")
    found = [f for f in run_check(demo).findings if f.rule == "review.stale"]
    assert [f.path for f in found] == ["content/index.md"]


def test_a_column_index_page_needs_a_review_record(demo: Path) -> None:
    (demo / "content/tzgg/index.md").write_text("---\ntitle: 通知公告\n---\n栏目说明。\n", encoding="utf-8")
    found = [f for f in run_check(demo).findings if f.rule == "review.missing"]
    assert [f.path for f in found] == ["content/tzgg/index.md"]


def test_page_numbers_in_navigation_are_not_read_as_a_number() -> None:
    """At 10,000 items a column's pager shows 118 119 120 121 122: joined, that is a valid old
    15-digit ID number. Navigation is not free text; the same digits in a paragraph are reported."""
    from zwgk.mkdocs.verify import OutputGate

    gate = OutputGate()
    gate.policy = POLICY
    pager = '<html><body><nav class="zwgk-pager">' + "".join(
        f'<a href="../{n}/">{n}</a>' for n in range(118, 123)) + "</nav></body></html>"
    assert gate._check(pager, Source("content/tzgg/index.md", ""), BASE) == []
    para = "<html><body><p>" + "".join(str(n) for n in range(118, 123)) + "</p></body></html>"
    assert [f.rule for f in gate._check(para, Source("content/tzgg/index.md", ""), BASE)] == ["privacy.id_number"]
