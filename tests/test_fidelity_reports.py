"""The monthly 督查 shows issue 16's figures: 依申请公开/不予公开 decided in the month, 免于解读 files."""

from __future__ import annotations

from pathlib import Path

from support import edit_front_matter, run_check

NEWS = "content/gzdt/2026-008.md"  # formed 2026-04-08
SECRECY = "content/zfxxgkzd/2026-009.md"  # interpretation: not_required in the demo


def _report(root: Path, year: int, month: int):  # type: ignore[no-untyped-def]
    from zwgk.core.reports.monthly import build_monthly

    result = run_check(root)
    assert result.site is not None
    return build_monthly(result.site, year, month)


def test_withheld_items_are_counted_not_published(demo: Path) -> None:
    edit_front_matter(demo / NEWS, lambda m: (m.update(disclosure="不予公开", reason="条例第十六条第二款：会议讨论记录属于过程性信息"),
                                              m.pop("published")))
    report = _report(demo, 2026, 4)
    assert [e.path for e in report.select("withheld_exempt")] == [NEWS]
    assert "第十六条" in report.select("withheld_exempt")[0].detail
    assert NEWS not in {e.path for e in report.select("published")}  # never counted as published
    assert report.count("withheld_exempt", division="综合处") == 1
    assert _report(demo, 2026, 5).count("withheld_exempt") == 0  # counted in the month it was decided


def test_interpretation_waivers_are_listed(demo: Path) -> None:
    report = _report(demo, 2026, 11)
    waived = report.select("interpretation_waived")
    assert [e.path for e in waived] == [SECRECY] and "不设定公众和企业的权利义务" in waived[0].detail
    assert report.count("no_interpretation") == 0


def test_in_scope_without_interpretation_is_reported(demo: Path) -> None:
    edit_front_matter(demo / SECRECY, lambda m: (m.pop("interpretation"), m.pop("reason")))
    report = _report(demo, 2026, 11)
    assert [e.path for e in report.select("no_interpretation")] == [SECRECY]
    assert report.count("interpretation_waived") == 0


def test_a_refused_waiver_is_not_counted_as_waived(demo: Path) -> None:
    # The gate refuses a waiver without a checkable reason (interp.waiver_reason); the 督查 used to
    # list the same file both as 免于解读 and as 应解读未解读.
    edit_front_matter(demo / SECRECY, lambda m: m.update(reason="不需要"))
    report = _report(demo, 2026, 11)
    assert [e.path for e in report.select("no_interpretation")] == [SECRECY]
    assert report.count("interpretation_waived") == 0


def test_html_and_xlsx_show_the_sections(demo: Path) -> None:
    from zwgk.core.reports.html import monthly_html

    html = monthly_html(_report(demo, 2026, 11))
    assert "免于解读的文件" in html and 'id="interpretation_waived"' in html and "依申请公开（不在网站发布）" in html
