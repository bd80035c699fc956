"""core/htmltemplates.py: the one Jinja environment behind the reports, item blocks and 图解 twin."""

from __future__ import annotations

import html
import re
from importlib.resources import files

import jinja2
import pytest
from zwgk.core.htmltemplates import Markup, environment


def _render(source: str, **context: object) -> str:
    return environment().from_string(source).render(**context)


def test_values_are_escaped_as_html_escape_writes_them() -> None:
    # The f-string code escaped with html.escape; keeping its entities (not MarkupSafe's &#34; &#39;)
    # is what keeps the golden reports and the built site byte-identical.
    nasty = "<a href=\"x\">O'Neil & co</a>"
    assert _render("{{ v }}", v=nasty) == html.escape(nasty) == "&lt;a href=&quot;x&quot;&gt;O&#x27;Neil &amp; co&lt;/a&gt;"
    assert _render('<p title="{{ v }}">{{ n }}</p>', v='"', n=3) == '<p title="&quot;">3</p>'


def test_markup_passes_through_unescaped() -> None:
    assert _render("{{ v }}", v=Markup("<b>ok</b>")) == "<b>ok</b>"


def test_autoescape_is_on_and_a_misspelt_name_is_an_error() -> None:
    assert environment().autoescape is True
    with pytest.raises(jinja2.UndefinedError):
        _render("{{ missing }}")


def test_every_packaged_template_compiles() -> None:
    root = files("zwgk").joinpath("data/templates")
    names = environment().list_templates()
    assert names, f"no templates under {root}"
    for name in names:
        environment().get_template(name)


# The modules whose HTML now comes from data/templates/: a tag literal or a hand call to html.escape
# here means markup is being built by hand again, outside autoescape.
TEMPLATED = ("core/reports/html.py", "mkdocs/clockblocks.py", "core/tujie/html.py",
             "core/reports/annual_md.py", "mkdocs/diagram.py")
HAND_BUILT = re.compile(r"</?[a-z][a-z0-9]*[\s>/]|\bescape\(|^\s*(?:import html\b|from html import)", re.M)


@pytest.mark.parametrize("module", TEMPLATED)
def test_templated_modules_build_no_html_by_hand(module: str) -> None:
    source = files("zwgk").joinpath(module).read_text(encoding="utf-8")
    assert not HAND_BUILT.findall(source), f"{module}: HTML belongs in data/templates/"
