"""One "did you mean" (zwgk.core.suggest): every reader of options and data files suggests the same way."""

from __future__ import annotations

import re

from support import REPO
from zwgk.core.options import unknown_key
from zwgk.core.suggest import closest, did_you_mean

PLUGINS = REPO / "plugins" / "zwgk"


def test_closest_and_the_hint() -> None:
    assert closest("page_sise", ["page_size", "home_items"]) == "page_size"
    assert closest("zzz", ["page_size"]) is None
    assert closest("综合", ["综合处", "办公室"], cutoff=0.5) == "综合处"
    assert did_you_mean("outcome_month", ["outcome_months"], "可用：outcome_months") == "是否想写 outcome_months？"
    assert did_you_mean("zzz", ["outcome_months"], "可用：outcome_months") == "可用：outcome_months"


def test_unknown_key_says_it_through_the_shared_helper() -> None:
    found = unknown_key("genre", ["genres", "paths"], "mkdocs.yml", "plugins -> zwgk -> guide -> genre", "未知")
    assert found.hint == did_you_mean("genre", ["genres", "paths"], "") == "是否想写 genres？"


def test_no_reader_keeps_its_own_difflib_suggestion() -> None:
    """A new reader that matched typos with difflib directly would drift (cutoff, wording) from the rest."""
    own = [p.relative_to(PLUGINS).as_posix() for p in sorted(PLUGINS.rglob("*.py"))
           if re.search(r"get_close_matches", p.read_text(encoding="utf-8"))]
    assert own == ["core/suggest.py"]

