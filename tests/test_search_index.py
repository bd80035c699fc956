"""The static search (zwgk.core.searchindex + zwgk-search.js): tokenisation, bundle, query rules, browser.

Expected results come from a brute-force oracle in this file (every term looked for as a run of
tokens in every document's title and text), never from the index itself; the Python twin
(``Bundle.search``) and the real JS client in Chromium must both agree with it, result for result
and score for score.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from search_reader import Bundle, Term, first_search_files, parse_query
from zwgk.core.searchindex import (
    CLIENT,
    IN_TITLE,
    TF_CAP,
    TITLE_WEIGHT,
    SearchDoc,
    fnv1a,
    html_text,
    tokens,
    write_index,
)

if TYPE_CHECKING:
    from browser_support import SiteServer
    from playwright.sync_api import Browser, Page


def doc(url: str, title: str, text: str, column: str = "政策文件", year: str = "2026",
        date: str = "2026-03-01") -> SearchDoc:
    return SearchDoc(url=url, title=title, text=text, column=column, year=year, date=date)


# Every rule below has a document that must be found and one that must not.
DOCS = [
    doc("zcwj/phrase/", "关于推进政务公开工作的通知", "全面推进政务公开标准化规范化。", date="2026-03-05"),
    doc("gzdt/apart/", "工作动态", "政务服务持续优化，信息公开及时准确。", column="工作动态", date="2026-03-04"),
    # 政务, 务公 (事务公告) and 公开 all occur, 政务公开 does not: bigram AND alone would list it.
    doc("gzdt/bigrams/", "工作简报", "政务工作稳步推进，事务公告按时发布，信息公开到位。", column="工作动态", date="2026-03-03"),
    doc("zcwj/yijianshi/", "一件事一次办实施方案", "推行一件事一次办，企业开办一件事一次办结。", date="2025-12-01", year="2025"),
    doc("zcwj/apart2/", "办事指南", "一件事要一次办好，不让群众多跑。", date="2025-11-30", year="2025"),
    doc("zcwj/wenhao/", "示范文件", "文号：示政务发〔2026〕3号。索引号：11459900MB0012345X/2024-03348。",
        date="2026-02-10"),
    doc("zcwj/wenhao13/", "另一示范文件", "文号：示政务发〔2026〕13号。索引号：11459900MB0012345X/2024-03349。",
        date="2026-02-09"),
    doc("tzgg/fullwidth/", "通知", "全角数字２０２４年与ＡＢＣ字母、①号窗口。", column="通知公告", date="2026-01-15"),
    doc("tzgg/spaced/", "通知（二）", "政务 公开 专栏上线，<script>不是标签</script> & 符号。", column="通知公告",
        date="2026-01-14"),
    doc("tzgg/edge/", "政务", "公开征求意见。", column="通知公告", date="2026-01-13"),  # 政务|公开 only across title/text
    doc("zcwj/tf/", "办理须知", "政务公开政务公开政务公开，政务公开。", date="2026-03-05"),  # same date as phrase/: url decides
]


# -- the oracle ------------------------------------------------------------------------------------
def occurrences(atoms: Sequence[str], term: Term) -> int:
    """How often the term's tokens occur as a run in ``atoms`` (its last word as a prefix if so marked)."""
    n = len(term.atoms)
    count = 0
    for s in range(len(atoms) - n + 1):
        if all(atoms[s + j] == term.atoms[j]
               or (term.prefix and j == n - 1 and atoms[s + j].startswith(term.atoms[j]))
               for j in range(n)):
            count += 1
    return count


def in_result_order(docs: Sequence[SearchDoc]) -> list[SearchDoc]:
    """Document ids: newest first, then by url."""
    return sorted(docs, key=lambda d: (-int(d.date.replace("-", "") or 0), d.url))


def oracle(docs: Sequence[SearchDoc], query: str, filters: dict[str, str] | None = None) -> list[tuple[int, int]]:
    """(document id, score) of every match, best first: the rules of docs/search.md, by brute force."""
    terms = parse_query(query)
    hits = []
    for i, d in enumerate(in_result_order(docs)):
        if any(getattr(d, name) != value for name, value in (filters or {}).items()):
            continue
        title, text = tokens(d.title), tokens(d.text)
        score = 0
        for term in terms:
            in_title, in_text = occurrences(title, term), occurrences(text, term)
            if not in_title and not in_text:
                break
            score += (TITLE_WEIGHT if in_title else 0) + min(in_text, TF_CAP)
        else:
            if terms:
                hits.append((i, score))
    return sorted(hits, key=lambda h: (-h[1], h[0]))


def urls(docs: Sequence[SearchDoc], hits: Sequence[tuple[int, int]]) -> list[str]:
    ordered = in_result_order(docs)
    return [ordered[i].url for i, _ in hits]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("search") / "search"
    write_index(DOCS, out, shards=5)  # several shards even for a tiny index: exercises the hash
    return Bundle(out)


def found(bundle: Bundle, query: str, filters: dict[str, str] | None = None) -> list[str]:
    """Urls the Python twin finds, after checking it against the oracle."""
    got = [(h.id, h.score) for h in bundle.search(query, filters).hits]
    assert got == oracle(DOCS, query, filters), query
    return urls(DOCS, got)


# -- tokenisation ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "atoms"), [
    ("政务公开", ["政", "务", "公", "开"]),
    ("政务，公开", ["政", "务", "公", "开"]),  # punctuation between CJK characters does not separate runs
    ("11459900MB0012345X/2024-03348", ["11459900mb0012345x", "2024", "03348"]),
    ("示政务发〔2026〕3号", ["示", "政", "务", "发", "2026", "3", "号"]),
    ("２０２６年ＡＢＣ", ["2026", "年", "abc"]),  # full-width: NFKC
    ("二〇二六年", ["二", "〇", "二", "六", "年"]),  # 〇 is a CJK character here, not a separator
    ("①号、㍻", ["1", "号", "平", "成"]),  # compatibility characters fold per character
    ("12345热线", ["12345", "热", "线"]),
    ("カタカナ・한국", ["カ", "タ", "カ", "ナ", "한", "국"]),  # ・ separates
    ("𠀀𪚥", ["𠀀", "𪚥"]),  # extension B
    ("e-mail: A.B@Gov.CN", ["e", "mail", "a", "b", "gov", "cn"]),
    ("Ünïcode café", ["n", "code", "caf"]),  # only [0-9a-z] are word characters
    ("", []),
])
def test_tokens(text: str, atoms: list[str]) -> None:
    assert tokens(text) == atoms


def test_parse_query_terms_and_prefix() -> None:
    assert parse_query("政务  公开") == [Term(("政", "务"), False), Term(("公", "开"), False)]
    assert parse_query("政务\u3000公开") == parse_query("政务 公开")  # ideographic space separates terms
    assert parse_query("2024") == [Term(("2024",), True)]  # the last word while typing
    assert parse_query("2024-") == [Term(("2024",), False)]  # ends with a separator: a whole word
    assert parse_query("2024 政务")[0] == Term(("2024",), False)  # not the last term
    assert parse_query("第3") == [Term(("第", "3"), False)]  # one character: too short for a prefix
    assert parse_query("x" * 21) == [Term(("x" * 21,), False)]  # longer than any stored prefix
    assert parse_query("政务 政务 ，") == [Term(("政", "务"), False)]  # duplicates and empty terms dropped
    assert parse_query("、。") == []


def test_components_cover_every_atom() -> None:
    def comps(q: str) -> list[tuple[str, int]]:
        return parse_query(q)[0].components()

    assert comps("政") == [("政", 0)]
    assert comps("政务") == [("政务", 0)]
    assert comps("好差评") == [("好差", 0), ("差评", 1)]
    assert comps("政务公开") == [("政务", 0), ("公开", 2)]
    assert comps("不动产登记") == [("不动", 0), ("产登", 2), ("登记", 3)]
    assert comps("3号") == [("3", 0), ("号", 1)]
    assert comps("2024-0334") == [("2024", 0), ("0334*", 1)]


def test_fnv1a_reference_values() -> None:
    # Published FNV-1a 32-bit test vectors (the JS client is checked against these in the browser).
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_html_text() -> None:
    html = ("<div class=\"a>b\"><h1>关于<b>政务</b>公开</h1><p>第一段&amp;&lt;b&gt;</p>"
            "<script>var x = '<p>不要</p>';</script><style>p{color:red}</style><!-- 注释 -->"
            "<table><tr><td>2024</td><td>03348</td></tr></table>m<sup>2</sup><br>末尾&nbsp;&#x3000;</div>")
    assert html_text(html) == "关于政务公开 第一段&<b> 2024 03348 m2 末尾"


# -- the bundle -------------------------------------------------------------------------------------
def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_output_is_deterministic_for_any_input_order(tmp_path: Path) -> None:
    shuffled = DOCS[:]
    random.Random(7).shuffle(shuffled)
    a = write_index(DOCS, tmp_path / "a", shards=5)
    b = write_index(shuffled, tmp_path / "b", shards=5)
    assert a == b
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert a.files == len(tree(tmp_path / "a")) and a.bytes == sum(map(len, tree(tmp_path / "a").values()))
    write_index(DOCS[:-1], tmp_path / "a", shards=5)  # rewriting replaces the bundle entirely
    assert tree(tmp_path / "a") != tree(tmp_path / "b")
    assert json.loads((tmp_path / "a/meta.json").read_text(encoding="utf-8"))["docs"] == len(DOCS) - 1


def test_duplicate_url_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="网址相同：zcwj/phrase/"):
        write_index([*DOCS, replace(DOCS[1], url=DOCS[0].url)], tmp_path / "out")


def test_urls_are_relative_to_the_site_root(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="不以“/”开头：/zcwj/x/"):
        write_index([doc("/zcwj/x/", "标题", "正文")], tmp_path / "out")


def test_refuses_to_empty_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("首页", encoding="utf-8")
    with pytest.raises(ValueError, match="已有其他文件"):
        write_index(DOCS, tmp_path / "site")
    assert (tmp_path / "site/index.html").is_file()


def test_meta_has_the_filter_values_of_every_document(bundle: Bundle) -> None:
    meta = bundle.meta
    ordered = in_result_order(DOCS)
    assert meta["docs"] == len(DOCS) and meta["shards"] == 5
    for name in ("column", "year"):
        spec = meta["filters"][name]
        assert spec["values"] == sorted({getattr(d, name) for d in DOCS})
        per_doc = spec["docs"]
        assert isinstance(per_doc, str) and len(per_doc) == len(DOCS)  # one character per document
        assert [spec["values"][int(c)] for c in per_doc] == [getattr(d, name) for d in ordered]
    fragment = bundle.fragment(0)
    assert fragment == {"url": ordered[0].url, "title": ordered[0].title, "column": ordered[0].column,
                        "date": ordered[0].date, "text": ordered[0].text}
    assert (bundle.out / CLIENT).read_bytes().startswith(b"/* zwgk-search.js")


def test_large_grams_get_files_of_their_own(tmp_path: Path) -> None:
    """A gram in many documents is stored apart from its shard; results are unchanged by it."""
    docs = [doc(f"x/{i}/", f"第{i}号", f"政务公开第{i % 7}条，服务{i % 3}次。") for i in range(1500)]
    out = tmp_path / "out"
    stats = write_index(docs, out)
    own = sorted(p.name for p in out.glob("[ip]/*-*.bin"))
    assert own, "no gram got its own file: raise the number of documents"
    assert stats.files == len(tree(out))
    b = Bundle(out)
    for query in ("政务公开", "政务", "第3条", "服务1次", "第14", "公开 1499"):
        assert [(h.id, h.score) for h in b.search(query).hits] == oracle(docs, query), query
    files = b.search("政务公开").files
    assert any("-" in f for f in files)  # read from the gram's own file


# -- query rules: each has a document that must match and one that must not -------------------------
def test_a_phrase_matches_only_as_a_run(bundle: Bundle) -> None:
    got = found(bundle, "政务公开")
    assert "zcwj/phrase/" in got and "zcwj/tf/" in got
    assert "gzdt/apart/" not in got  # 政务 … 公开 apart
    assert "gzdt/bigrams/" not in got  # 政务, 务公 and 公开 all present, never in a row
    assert "tzgg/edge/" not in got  # 政务 ends the title, 公开 starts the text


def test_longer_phrases(bundle: Bundle) -> None:
    got = found(bundle, "一件事一次办")
    assert got == ["zcwj/yijianshi/"]  # zcwj/apart2/ has 一件事 and 一次办, not together
    assert found(bundle, "一件事 一次办") == ["zcwj/yijianshi/", "zcwj/apart2/"]


def test_terms_are_anded(bundle: Bundle) -> None:
    got = found(bundle, "政务 公开")
    assert {"gzdt/apart/", "gzdt/bigrams/", "tzgg/edge/"} <= set(got)
    assert "zcwj/yijianshi/" not in got
    assert found(bundle, "政务 不存在的词") == []


def test_separators_between_cjk_characters_are_ignored(bundle: Bundle) -> None:
    assert "tzgg/spaced/" in found(bundle, "政务公开")  # "政务 公开" in the text
    assert "tzgg/spaced/" in found(bundle, "政务，公开")


def test_document_numbers(bundle: Bundle) -> None:
    assert found(bundle, "示政务发〔2026〕3号") == ["zcwj/wenhao/"]
    assert found(bundle, "示政务发[2026]3号") == ["zcwj/wenhao/"]  # other brackets, same tokens
    assert found(bundle, "示政务发〔2025〕3号") == []
    assert found(bundle, "3号") == ["zcwj/wenhao/"]  # not 13号: words match whole
    assert sorted(found(bundle, "示政务发")) == ["zcwj/wenhao/", "zcwj/wenhao13/"]


def test_index_numbers(bundle: Bundle) -> None:
    assert found(bundle, "11459900MB0012345X/2024-03348") == ["zcwj/wenhao/"]
    assert found(bundle, "11459900mb0012345x/2024-03349") == ["zcwj/wenhao13/"]
    assert found(bundle, "11459900MB0012345X/2024-03347") == []
    assert sorted(found(bundle, "2024-0334")) == ["zcwj/wenhao/", "zcwj/wenhao13/"]  # typing: prefix
    assert found(bundle, "0334 示范") == []  # not the last term: a whole word


def test_full_width_and_case(bundle: Bundle) -> None:
    assert found(bundle, "2024年") == ["tzgg/fullwidth/"]
    assert found(bundle, "２０２４") == found(bundle, "2024") == ["zcwj/wenhao/", "zcwj/wenhao13/", "tzgg/fullwidth/"]
    assert found(bundle, "abc") == found(bundle, "ＡＢＣ") == ["tzgg/fullwidth/"]
    assert found(bundle, "1号窗口") == ["tzgg/fullwidth/"]
    assert found(bundle, "2025年") == []


def test_title_or_text(bundle: Bundle) -> None:
    assert found(bundle, "实施方案") == ["zcwj/yijianshi/"]  # title only
    assert "tzgg/edge/" in found(bundle, "政务 征求意见")  # one term in the title, one in the text


def test_filters(bundle: Bundle) -> None:
    assert found(bundle, "公开", {"column": "通知公告"}) == ["tzgg/spaced/", "tzgg/edge/"]
    assert found(bundle, "一件事", {"year": "2025"}) == ["zcwj/yijianshi/", "zcwj/apart2/"]
    assert found(bundle, "一件事", {"year": "2026"}) == []
    assert found(bundle, "公开", {"column": "政策文件", "year": "2026"}) == ["zcwj/phrase/", "zcwj/tf/"]
    assert bundle.search("公开", {"division": "综合处"}).hits == ()  # no such filter: nothing matches
    listing = bundle.search(None, {"column": "通知公告"}).hits  # no query: every document, newest first
    assert urls(DOCS, [(h.id, h.score) for h in listing]) == ["tzgg/fullwidth/", "tzgg/spaced/", "tzgg/edge/"]


def test_ranking_title_then_occurrences_then_newer(bundle: Bundle) -> None:
    hits = bundle.search("政务公开").hits
    got = urls(DOCS, [(h.id, h.score) for h in hits])
    # In the title first (phrase/), then by occurrences in the text (tf/ has four), then newer first.
    assert got[:2] == ["zcwj/phrase/", "zcwj/tf/"]
    assert hits[0].score == TITLE_WEIGHT + 1 and hits[1].score == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    same = [h for h in hits if h.score == hits[-1].score]
    assert [h.id for h in same] == sorted(h.id for h in same)  # equal scores: newer (lower id) first
    assert IN_TITLE > TF_CAP


def test_matches_the_oracle_on_random_queries(tmp_path: Path) -> None:
    rng = random.Random(2026)
    vocab = "政务公开服务事一件次办理不动产登记的"

    def text(n: int) -> str:
        parts = []
        for _ in range(n):
            r = rng.random()
            parts.append(" " if r < 0.08 else str(rng.randint(0, 40)) if r < 0.14 else "，" if r < 0.17
                         else rng.choice(vocab))
        return "".join(parts)

    docs = [doc(f"r/{i}/", text(8), text(150), column=rng.choice(["甲", "乙"]), year=rng.choice(["2025", "2026"]),
                date=f"2026-01-{rng.randint(1, 28):02d}") for i in range(250)]
    write_index(docs, tmp_path / "out", shards=7)
    b = Bundle(tmp_path / "out")
    queries = []
    for _ in range(300):
        t = rng.choice(docs).text
        s = rng.randrange(len(t))
        queries.append(t[s:s + rng.randint(1, 7)])
    queries += ["政务 公开", "1", "12 政", "办 理 3"]
    for q in queries:
        filters = rng.choice([None, {"column": "甲"}, {"year": "2025"}])
        assert [(h.id, h.score) for h in b.search(q, filters).hits] == oracle(docs, q, filters), (q, filters)


# -- the JS client in Chromium ---------------------------------------------------------------------
BROWSER_QUERIES: list[tuple[str, dict[str, str]]] = [
    ("政务公开", {}), ("一件事一次办", {}), ("一件事 一次办", {}), ("政务 公开", {}), ("政务，公开", {}),
    ("示政务发〔2026〕3号", {}), ("示政务发[2026]3号", {}), ("3号", {}), ("11459900MB0012345X/2024-03348", {}),
    ("2024-0334", {}), ("0334 示范", {}), ("２０２４", {}), ("ＡＢＣ", {}), ("1号窗口", {}), ("实施方案", {}),
    ("政务 征求意见", {}), ("公开", {"column": "通知公告"}), ("一件事", {"year": "2025"}),
    ("公开", {"column": "政策文件", "year": "2026"}), ("不存在", {}), ("、", {}), ("办", {}), ("符号", {}),
]
TRICKY = "".join(chr(c) for c in (0x10FF, 0x1100, 0x11FF, 0x1200, 0x2E7F, 0x2E80, 0x2FDF, 0x2FE0, 0x3004, 0x3005,
                                  0x3007, 0x3008, 0x3040, 0x3041, 0x3096, 0x3097, 0x30A0, 0x30FB, 0x30FC, 0x3400,
                                  0x4DBF, 0x4DC0, 0x9FFF, 0xA000, 0xAC00, 0xD7A3, 0xD7A4, 0xF900, 0xFAFF, 0xFB00,
                                  0x1FFFF, 0x20000, 0x2A6A5, 0x3FFFF, 0x40000, 0xFF21, 0x2160, 0x212A, 0x0130,
                                  0x00DF, 0x2460, 0x3251, 0x337B, 0xFF76, 0xFF9E))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteServer, Path]]:
    """A tiny site: the bundle in search/ and a page that imports the client, on 127.0.0.1."""
    from browser_support import SiteServer

    site = tmp_path_factory.mktemp("searchsite")
    write_index(DOCS, site / "search", shards=5)
    (site / "t.html").write_text(
        "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>搜索</title>\n"
        "<script type=\"module\">import * as zs from \"./search/zwgk-search.js\"; window.zs = zs;</script>\n",
        encoding="utf-8")
    server = SiteServer(site)
    yield server, site / "search"
    server.close()


@pytest.fixture
def page(chromium: Browser, served: tuple[SiteServer, Path]) -> Iterator[Page]:
    server, _ = served
    context = chromium.new_context(service_workers="block")
    try:
        context.set_default_timeout(10_000)
        p = context.new_page()
        p.goto(server.url("t.html"), wait_until="load")
        p.wait_for_function("() => !!window.zs")
        yield p
    finally:
        context.close()


RUN = """async ([query, filters, base]) => {
  if (base) { await zs.options({baseUrl: base}); }
  const res = await zs.search(query, {filters});
  const shown = await Promise.all(res.results.slice(0, 10).map(r => r.data()));
  return {hits: res.results.map(r => [r.id, r.score]), shown,
          terms: zs.parseQuery(query).map(t => [t.atoms, t.prefix])};
}"""


def marked(excerpt: str) -> list[str]:
    return [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", excerpt)]


@pytest.mark.browser
def test_js_client_agrees_with_python_and_the_oracle(page: Page, served: tuple[SiteServer, Path]) -> None:
    _, out = served
    bundle = Bundle(out)
    ordered = in_result_order(DOCS)
    for query, filters in BROWSER_QUERIES:
        res: dict[str, Any] = page.evaluate(RUN, [query, filters, "/zwgk/"])
        hits = [tuple(h) for h in res["hits"]]
        assert hits == oracle(DOCS, query, filters), query
        assert hits == [(h.id, h.score) for h in bundle.search(query, filters).hits], query
        terms = parse_query(query)
        assert [Term(tuple(a), p) for a, p in res["terms"]] == terms, query
        for (doc_id, _), data in zip(hits, res["shown"], strict=False):
            d = ordered[doc_id]
            assert data["url"] == "/zwgk/" + d.url
            assert data["meta"] == {"title": d.title, "column": d.column, "date": d.date}
            excerpt = data["excerpt"]
            assert re.sub(r"</?mark>", "", excerpt).count("<") == 0, excerpt  # everything else is escaped
            text_hits = [t for t in terms if occurrences(tokens(d.text), t)]
            assert bool(marked(excerpt)) == bool(text_hits), (query, excerpt)
            for m in marked(excerpt):  # each <mark> is a whole match of one term
                assert any(occurrences(tokens(m), t) and len(tokens(m)) == len(t.atoms) for t in terms), (query, m)
            plain = unescape(re.sub(r"</?mark>", "", excerpt)).strip("…")
            assert plain in d.text and len(plain) <= 90


@pytest.mark.browser
def test_js_excerpt_marks_and_escapes(page: Page) -> None:
    res = page.evaluate(RUN, ["符号", {}, "/zwgk/"])
    [data] = res["shown"]
    assert "&lt;script&gt;不是标签&lt;/script&gt; &amp; <mark>符号</mark>" in data["excerpt"]
    res = page.evaluate(RUN, ["政务公开", {}, ""])
    tf = next(d for d in res["shown"] if d["url"].endswith("zcwj/tf/"))
    assert marked(tf["excerpt"]) == ["政务公开"] * 4
    assert tf["url"] == "/zwgk/zcwj/tf/"  # default base: the folder above the bundle (options kept from before)
    res = page.evaluate(RUN, ["2024-0334", {}, "/other/"])
    assert res["shown"][0]["url"].startswith("/other/zcwj/wenhao")
    assert marked(res["shown"][0]["excerpt"]) == ["2024-03348"]  # the prefix marks the whole word


@pytest.mark.browser
def test_js_tokenisation_and_hash_match_python(page: Page) -> None:
    samples = [TRICKY, "示政务发〔2026〕3号 11459900MB0012345X/2024-03348", "２０２６年ＡＢＣ①号㍻", "İstanbul ǅ ﬁ"]
    for text in samples:
        assert page.evaluate("t => zs.tokens(t)", text) == tokens(text), text
    keys = ["", "a", "foobar", "政务", "0334*", "𠀀𪚥", "11459900mb0012345x"]
    assert page.evaluate("ks => ks.map(k => zs.fnv1a(k))", keys) == [fnv1a(k) for k in keys]
    assert page.evaluate("() => zs.filters()") == {
        name: {v: sum(getattr(d, name) == v for d in DOCS) for v in sorted({getattr(d, name) for d in DOCS})}
        for name in ("column", "year")}


@pytest.mark.browser
def test_first_search_fetches_exactly_what_python_counts(chromium: Browser, served: tuple[SiteServer, Path]) -> None:
    """The bench's byte count (first_search_files) is what the browser really downloads, nothing else."""
    server, out = served
    bundle = Bundle(out)
    for query in ("政务公开", "一件事 一次办", "示政务发〔2026〕3号", "公开"):
        context = chromium.new_context(service_workers="block")
        try:
            requests: list[str] = []
            context.on("request", lambda r: requests.append(r.url))  # noqa: B023 (used before the next loop)
            p = context.new_page()
            p.goto(server.url("t.html"), wait_until="load")
            p.wait_for_function("() => !!window.zs")
            p.evaluate(RUN, [query, {}, ""])
            prefix = server.url("search/")
            fetched = sorted(u.split("?")[0][len(prefix):] for u in requests if u.startswith(prefix))
            assert all(u.startswith(prefix) or u == server.url("t.html") for u in requests), requests
            assert fetched == sorted(first_search_files(bundle.search(query))), query
        finally:
            context.close()
