"""Domain values. Frozen dataclasses: rules read them, nothing mutates them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .workdays import WorkCalendar


@dataclass(frozen=True)
class Division:
    name: str
    team: str = ""  # Git host team used by CODEOWNERS, e.g. @example-gov/zonghechu


@dataclass(frozen=True)
class Column:
    slug: str
    name: str
    type: str  # ColumnType meta tag (栏目类别)
    description: str
    keywords: tuple[str, ...]
    divisions: tuple[str, ...]
    update_period: tuple[int, str] | None  # (amount, day|week|month|year); None: updated as needed
    parent: str | None = None
    order: int = 0


@dataclass(frozen=True)
class Attachment:
    file: str  # as written, relative to the item's folder
    title: str
    rel_path: str  # repo-relative
    abs_path: Path


@dataclass(frozen=True)
class Item:
    """One published (or scheduled, or draft) piece of information."""

    path: str  # repo-relative source file
    src_uri: str  # path as MkDocs sees it inside docs_dir (generated for interpretations)
    column: str
    kind: str
    meta: Mapping[str, Any]
    body: str
    body_line: int  # 1-based line of the first body line in the file (for findings)
    title: str = ""
    index_no: str = ""
    division: str = ""
    publisher: str = ""
    doc_no: str = ""
    genre: str = ""
    topic: str = ""
    summary: str = ""
    formed: dt.date | None = None
    signed: dt.date | None = None
    published: dt.date | None = None  # Beijing date (an offset is converted: zwgk.core.schema.to_beijing)
    published_at: dt.datetime | None = None  # Beijing time, only when ``published`` was written with a time
    urgent: bool = False
    validity: str = "有效"
    superseded_by: str = ""
    draft: bool = False
    attachments: tuple[Attachment, ...] = ()
    interpretation_id: str | None = None  # set for 解读材料 items
    disclosure: str = "主动公开"  # 公开属性 (zwgk.core.schema.DISCLOSURE); only 主动公开 is ever built

    @property
    def url(self) -> str:
        """Directory URL of the rendered page, relative to the site root (``zcwj/2026-001/``)."""
        stem = self.src_uri[:-3] if self.src_uri.endswith(".md") else self.src_uri
        return stem[:-5] if stem.endswith("index") else stem + "/"

    @property
    def will_publish(self) -> bool:
        """Public now or scheduled: not a draft, 主动公开, and a publication date is set.

        The one definition of "goes to the site" that reviews, clocks and reports share; a
        依申请公开 or 不予公开 item is treated like a draft everywhere the public could see it.
        """
        return not self.draft and self.published is not None and self.disclosure == "主动公开"

    @property
    def withheld(self) -> bool:
        """依申请公开 or 不予公开, decided at drafting: counted in statistics, never built."""
        return not self.draft and self.disclosure != "主动公开"

    def is_public(self, today: dt.date) -> bool:
        """Drafts, withheld (依申请公开/不予公开) and scheduled items never reach the site."""
        return self.will_publish and self.published is not None and self.published <= today


@dataclass(frozen=True)
class ReviewRecord:
    path: str  # repo-relative record file
    data: Mapping[str, Any]
    broken: bool = False  # unreadable/malformed: already reported, field checks are skipped


@dataclass(frozen=True)
class Interpretation:
    id: str
    dir: str  # repo-relative folder
    interprets: str  # index_no of the policy
    plan_path: str | None
    plan_meta: Mapping[str, Any]
    plan_body: str
    plan_body_line: int
    material: Item | None
    diagram_path: str | None  # tujie.yml, if any


@dataclass
class Site:
    root: Path
    config: SiteConfig
    today: dt.date
    calendar: WorkCalendar
    columns: dict[str, Column] = field(default_factory=dict)
    divisions: dict[str, Division] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    interpretations: dict[str, Interpretation] = field(default_factory=dict)
    reviews: dict[str, ReviewRecord] = field(default_factory=dict)  # keyed by the reviewed item's path
    pages: list[str] = field(default_factory=list)  # non-item Markdown pages (home, guides), repo-relative
    sources: dict[str, str] = field(default_factory=dict, repr=False)  # repo path -> text as read by the loader
    # From mkdocs.yml: bodies are rendered as the build renders them, links resolved against the real address.
    markdown_extensions: tuple[Any, ...] = ()
    site_url: str = ""
    # mkdocs.yml's extra.gov (site identity: 主办单位, address, phone …): the 指南 is checked against it.
    gov: Mapping[str, Any] = field(default_factory=dict)
    _interp_index: dict[str, Interpretation] | None = field(default=None, repr=False)
    # Sub-folder names per folder, listed once per load (inventory.has_folder): the review gate asks
    # for every item whether it has a folder of its own, and 10,000 stat calls were 4 % of its time.
    folder_names: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def by_index(self) -> dict[str, Item]:
        return {i.index_no: i for i in self.items if i.index_no}

    def public_items(self) -> list[Item]:
        return [i for i in self.items if i.is_public(self.today)]

    def interpretation_for(self, item: Item) -> Interpretation | None:
        if self._interp_index is None:
            self._interp_index = {i.interprets: i for i in self.interpretations.values() if i.interprets}
        return self._interp_index.get(item.index_no) if item.index_no else None

    def review_path_for(self, item_path: str) -> str:
        stem = item_path[:-3] if item_path.endswith(".md") else item_path
        return f"{self.config.reviews_dir}/{stem}.yml"
