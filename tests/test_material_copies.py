"""The templates in overrides/ that are full copies of Material's own stay Material's own outside
the lines marked as ours.

Material lets a theme override a *block*; these templates change lines outside every block (or are
partials, which have no blocks), so they are copies of the pinned Material's files. An upgrade of
Material changes the originals and nothing would notice: the copies would keep serving the old
markup. This test compares every copy with the installed original and fails on any difference
that is not marked.

Marker convention (docs/site.md, "Material 模板副本"):

- a line containing ``{# zwgk #}`` (or ``{#- zwgk -#}`` where the neighbouring tag strips
  whitespace, so that the comment does not change the output) differs from Material;
- every line of a Jinja comment that begins ``{#- zwgk:`` (a note saying why) is ours too.

A run of consecutive marked lines may stand in for any run of Material's lines, none included;
every unmarked line must be Material's line, in order, with nothing added or dropped in between.
"""

from __future__ import annotations

import difflib
import re
from importlib.resources import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"

#: Overrides that are copies of Material's file at the same path. Other templates in overrides/
#: extend Material's (main.html, 404.html) or are zwgk's own partials.
COPIES = (
    "base.html",
    "partials/content.html",
    "partials/footer.html",
    "partials/header.html",
    "partials/nav-item.html",
    "partials/path-item.html",
    "partials/tabs-item.html",
    "partials/toc.html",
)

LINE_MARK = re.compile(r"\{#-?\s*zwgk\s*-?#\}")
NOTE_START = re.compile(r"^\s*\{#-?\s*zwgk:")


def material_template(name: str) -> str:
    return files("material").joinpath("templates", name).read_text(encoding="utf-8")


def marked_lines(lines: list[str]) -> list[bool]:
    """Which lines of a copy are marked as zwgk's."""
    marks: list[bool] = []
    in_note = False
    for line in lines:
        if not in_note and NOTE_START.match(line):
            in_note = True
        marks.append(in_note or bool(LINE_MARK.search(line)))
        if in_note and "#}" in line:
            in_note = False
    return marks


def unmarked_runs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each run of unmarked lines; a marked run lies between two."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, (line, marked) in enumerate(zip(lines, marked_lines(lines), strict=True), 1):
        if marked:
            if current:
                runs.append((start, current))
            current = []
        else:
            if not current:
                start = number
            current.append(line)
    if current:
        runs.append((start, current))
    return runs


def find_run(upstream: list[str], run: list[str], at: int) -> int:
    for i in range(at, len(upstream) - len(run) + 1):
        if upstream[i : i + len(run)] == run:
            return i
    return -1


def unmarked_difference(upstream_text: str, copy_text: str) -> str | None:
    """None when the copy is Material's file outside its marked lines, else what differs."""
    upstream = upstream_text.splitlines()
    copy = copy_text.splitlines()
    marks = marked_lines(copy)
    runs = unmarked_runs(copy)
    at = 0
    for index, (line_no, run) in enumerate(runs):
        starts_file = line_no == 1
        ends_file = line_no + len(run) - 1 == len(copy)
        if ends_file:
            found = len(upstream) - len(run)
            if found < at or upstream[found:] != run:
                found = -1
        else:
            found = find_run(upstream, run, at)
        if found != -1 and starts_file and found != 0:
            found = -1
        if found == -1:
            return (
                f"unmarked lines {line_no}-{line_no + len(run) - 1} (run {index + 1}) are not Material's lines, in order, "
                f"from its line {at + 1} on (marked lines are shown with #)\n" + readable_diff(upstream, copy, marks)
            )
        at = found + len(run)
    if not runs and upstream:
        return "every line is marked: the file is not a copy any more"
    return None


def readable_diff(upstream: list[str], copy: list[str], marks: list[bool]) -> str:
    # The copy's marked lines are shown with a leading "#" in the gutter so that the reader sees at
    # once which differences are accounted for and which are not.
    shown = [("# " if marked else "  ") + line for line, marked in zip(copy, marks, strict=True)]
    plain = ["  " + line for line in upstream]
    return "\n".join(difflib.unified_diff(plain, shown, "material", "overrides", lineterm="", n=2))


@pytest.mark.parametrize("name", COPIES)
def test_copy_differs_from_material_only_in_marked_lines(name: str) -> None:
    difference = unmarked_difference(material_template(name), (OVERRIDES / name).read_text(encoding="utf-8"))
    assert difference is None, f"overrides/{name} vs Material's templates/{name}:\n{difference}"


def test_every_full_override_is_listed() -> None:
    """A template that shares a path with Material's and does not extend it is a copy: guard it."""
    listed = set(COPIES)
    for path in sorted(OVERRIDES.rglob("*.html")):
        name = path.relative_to(OVERRIDES).as_posix()
        if not files("material").joinpath("templates", name).is_file():
            continue  # zwgk's own partial
        text = path.read_text(encoding="utf-8")
        extends = re.search(r"\{%-?\s*extends\s", text) is not None
        # partials/copyright.html replaces Material's three-line partial outright (its content is
        # the site identity footer, nothing of Material's is kept); no copy to guard.
        if name == "partials/copyright.html":
            continue
        assert extends or name in listed, f"overrides/{name} is a copy of Material's: add it to COPIES"


def test_guard_notices_an_unmarked_change() -> None:
    """The comparison itself: an unmarked edit, an unmarked insertion and a dropped line all fail."""
    upstream = "a\nb\nc\nd\n"
    assert unmarked_difference(upstream, "a\nB {# zwgk #}\nc\nd\n") is None
    assert unmarked_difference(upstream, "{#- zwgk: why\n  more -#}\na\nb\nX {# zwgk #}\nY {# zwgk #}\nd\n") is None
    assert unmarked_difference(upstream, "a\nB\nc\nd\n") is not None
    assert unmarked_difference(upstream, "a\nb\nnew\nc\nd\n") is not None
    assert unmarked_difference(upstream, "a\nc\nd\n") is not None
    assert unmarked_difference(upstream, "a\nb\nc\n") is not None
    assert unmarked_difference(upstream, "b\nc\nd\n") is not None
