"""The one way zwgk writes HTML itself: Jinja templates under ``zwgk/data/templates/``, autoescaped.

The internal reports (``reports/html.py``), the 年报's tables (``reports/annual_md.py``), the
item-page blocks (``mkdocs/clockblocks.py``), the 图解 figure (``mkdocs/diagram.py``) and its text
twin (``tujie/html.py``) render through this environment, so a value reaches the page escaped
unless the code says otherwise with an explicit ``Markup`` (and a comment why).

Escaping keeps the bytes the f-string code wrote: ``finalize`` escapes every ``{{ … }}`` value
with ``html.escape`` (``&quot;``, ``&#x27;``) instead of MarkupSafe's ``&#34;``/``&#39;``, so the
golden reports and the built site did not change when the f-strings went. Values that are
already ``Markup`` (macro output, vetted fragments) pass through; autoescape stays on as the
backstop for anything ``finalize`` does not see.

Templates use ``trim_blocks``/``lstrip_blocks``: a line holding only a ``{% … %}`` tag emits
nothing, and a line that ends in a tag does not end the output line. ``StrictUndefined``:
a misspelt field is an error, not an empty cell in a 督查 report.
"""

from __future__ import annotations

import html
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["Markup", "render"]


def _escape(value: object) -> object:
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


def _fmt(value: object, spec: str) -> str:
    """``format(value, spec)``: the f-string format spec the numbers were written with."""
    return format(value, spec)


def _num(value: float) -> str:
    """A figure as the reports print it: ``12``, ``2.5`` (``:g`` for floats)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


@cache
def environment() -> Environment:
    # Imported here: `zwgk check` loads the modules that render (through zwgk.core.tujie) but renders
    # nothing, and importing Jinja costs ~60 ms of a 3-second warm check at 10,000 items.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("zwgk", "data/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["fmt"] = _fmt
    env.filters["num"] = _num
    return env


def render(name: str, /, **context: Any) -> str:
    """Render ``data/templates/<name>``; the result is a plain ``str`` of HTML."""
    return str(environment().get_template(name).render(**context))
