"""Scaffolds for ``zwgk new``: an item, its interpretation (解读方案, 解读材料, 图解 stub) and blank
信息发布审查表 forms, ready for a division clerk to fill in.

Why it is built this way:

* Every front-matter line comes from :data:`zwgk.core.schema.FIELDS` (key, Chinese label, example,
  required-ness), with the label in a comment beside the field. There is no second field list here,
  so a field registered by another module (意见征集 dates, 舆情 times, …) appears in the scaffold
  without touching this file.
* Fields only a person can know (内容概述, dates) are left empty. ``zwgk check`` then names exactly
  those. The few examples that must look like content (the 图解's figure labels) come from
  :data:`zwgk.core.placeholders.MARKERS`, which the gate (``scaffold.placeholder``) looks for, so a
  scaffold can never be merged with placeholder text in place.
* Section headings of the 解读方案/解读材料 come from the interpretation rule's tuples, and the
  review forms from :func:`zwgk.core.review.record.blank`, so the scaffold passes the same gates
  as hand-written content once the empty parts are filled.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import frontmatter
from .loader import DIAGRAM_FILE, MATERIAL_FILE, PLAN_FILE, build_item
from .model import Item, Site
from .placeholders import TUJIE_FIGURE, TUJIE_NOTE
from .review import record as review_record
from .rules.integrity import example_index, next_free_number
from .rules.interpretation import MATERIAL_SECTIONS, PLAN_SECTIONS
from .schema import DISCLOSURE_DEFAULT, FIELDS, KINDS, FieldSpec

# Kinds a clerk scaffolds in a column; ``interpretation`` is made with ``--policy``.
ITEM_KINDS = tuple(k for k in KINDS if k != "interpretation")
_NAME = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff_.\-]{0,79}$")

# One line of guidance per section, shown in the file's comment block (the headings themselves
# come from the rule, so a renamed section still scaffolds; a missing hint just shows no hint).
SECTION_HINTS: dict[str, str] = {
    "解读重点": "准备向公众重点说明的内容",
    "解读时间": "与文件同步发布，写明日期",
    "解读形式": "文字解读、图解、问答、视频等",
    "解读渠道": "网站栏目、新闻发布会、政务新媒体等",
    "其他事项": "咨询电话、负责解答的处室等",
    "背景依据": "为什么制定、依据哪些法律法规和上级文件",
    "目标任务": "要达到什么目标",
    "主要内容": "文件规定了哪些主要措施",
    "涉及范围": "适用于哪些单位和人群",
    "执行标准": "具体标准、时限、条件",
    "执行期限": "何时起施行、有效期多长、有无过渡期",
    "注意事项": "办事群众和企业需要注意什么",
    "关键词诠释": "解释文件中的专业术语",
    "惠民利民举措": "群众和企业能得到哪些实惠",
    "新旧政策差异": "与原政策相比有哪些变化；首次制定的写“不适用：首次制定，无旧政策”",
}


class ScaffoldError(Exception):
    """A request ``zwgk new`` cannot satisfy; the message (Chinese) says what to do instead."""


@dataclass(frozen=True)
class NewFile:
    path: str  # repo-relative
    text: str
    what: str  # Chinese description for the listing printed by the CLI


@dataclass(frozen=True)
class Scaffold:
    files: tuple[NewFile, ...]
    item_path: str
    index_no: str
    to_fill: tuple[str, ...]  # "path: key（label）" lines a person still has to fill


def yaml_scalar(value: Any) -> str:
    """One value as a single-line YAML scalar (quoted only when YAML needs it)."""
    text: str = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def fields_for(kind: str) -> list[FieldSpec]:
    return [s for s in FIELDS.values() if not s.kinds or kind in s.kinds]


def is_required(spec: FieldSpec, kind: str) -> bool:
    return spec.required or kind in spec.required_kinds


def example_of(spec: FieldSpec) -> str:
    """The example value without a leading ``key:`` (some examples are written as whole lines)."""
    return spec.example.removeprefix(f"{spec.key}:").strip()


def front_matter(kind: str, values: Mapping[str, Any], intro: list[str], *, omit: tuple[str, ...] = ()) -> str:
    """``---`` block with every field applicable to ``kind``, each with its Chinese label as a comment."""
    lines = ["---", *(f"# {line}" for line in intro)]
    for spec in fields_for(kind):
        if spec.key in omit:
            continue
        need = "必填" if is_required(spec, kind) else "选填"
        value = values.get(spec.key)
        if value is None:
            lines.append(f"{spec.key}:  # {spec.label}（{need}），例如 {example_of(spec)}")
        else:
            lines.append(f"{spec.key}: {yaml_scalar(value)}  # {spec.label}（{need}）")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _file_stem(site: Site, year: int, n: int) -> str:
    """``{org_code}/{yyyy}-{nnnnn}`` → ``2026-00022``: the index number without the organisation code."""
    stem = example_index(site.config.index_scheme, "", year, n)
    return re.sub(r"[/\\]+", "-", stem).strip("-_. ") or f"{year}-{n}"


def _check_name(name: str) -> str:
    name = name.removesuffix(".md")
    if not _NAME.match(name) or name == "index" or ".." in name:
        raise ScaffoldError(f"文件名 {name!r} 不可用：只用字母、数字、汉字、- 和 _，不要用空格、/ 或 index")
    return name


def _missing(path: str, kind: str, values: Mapping[str, Any], omit: tuple[str, ...] = ()) -> list[str]:
    return [f"{path}: {s.key}（{s.label}）" for s in fields_for(kind)
            if s.key not in omit and is_required(s, kind) and values.get(s.key) in (None, "", [])]


def _blank_record(site: Site, path: str, text: str, *, column: str, kind: str,
                  interpretation_id: str | None = None) -> NewFile:
    """Parse what we are about to write, so the form names exactly the title the file will have."""
    meta, body, line, _ = frontmatter.split(text, path)
    src_uri = (f"{site.config.interpretation_column}/{interpretation_id}/index.md" if interpretation_id
               else path.removeprefix(site.config.docs_dir + "/"))
    item = build_item(meta, body, line, path=path, src_uri=src_uri, column=column, kind=kind, root=site.root,
                      publisher=site.config.publisher, interpretation_id=interpretation_id)
    return NewFile(site.review_path_for(path), review_record.dump(review_record.blank(item)),
                   "空白信息发布审查表（由综合处审查后用 zwgk review 签署）")


def choose_division(site: Site, column: str, division: str | None) -> str:
    col = site.columns.get(column)
    if col is None:
        raise ScaffoldError(f"栏目 {column} 不存在；运行 zwgk new --list 查看全部栏目")
    if division:
        if division not in col.divisions:
            raise ScaffoldError(f"{division} 不负责栏目“{col.name}”（{column}）；可选：{'、'.join(col.divisions)}")
        return division
    if len(col.divisions) == 1:
        return col.divisions[0]
    raise ScaffoldError(f"栏目“{col.name}”由 {'、'.join(col.divisions)} 共同负责，请用 --division 指定责任处室")


def new_item(site: Site, *, kind: str, column: str, title: str, division: str | None = None,
             name: str | None = None, interpretation_name: str | None = None) -> Scaffold:
    if kind not in ITEM_KINDS:
        raise ScaffoldError(f"没有信息类型 {kind}；可选：{'、'.join(ITEM_KINDS)}（政策解读用 zwgk new interpretation --policy 索引号）")
    if column == site.config.interpretation_column:
        raise ScaffoldError(f"栏目 {column}（政策解读）由解读材料自动生成，请用 zwgk new interpretation --policy 索引号")
    if not title.strip():
        raise ScaffoldError("请用 --title 填写信息名称")
    division = choose_division(site, column, division)
    year = site.today.year
    n = next_free_number(site, year)
    index_no = example_index(site.config.index_scheme, site.config.org_code, year, n)
    stem = _check_name(name) if name else _file_stem(site, year, n)
    path = f"{site.config.docs_dir}/{column}/{stem}.md"
    if (site.root / path).exists():
        raise ScaffoldError(f"{path} 已存在；用 --name 换一个文件名")
    # 公开属性 is written out, not left to the default: the drafting division decides it (国办发〔2016〕80号).
    values: dict[str, Any] = {"title": title.strip(), "index_no": index_no, "division": division, "kind": kind,
                              "disclosure": DISCLOSURE_DEFAULT}
    intro = [f"{KINDS[kind]}：{title.strip()}",
             "填写标有“必填”且还空着的字段（冒号后空一格再写），选填字段不用可以留空；",
             "正文写在最后一行 --- 的下面。附件放在与本文件同名的文件夹里，在 attachments 中登记。"]
    text = front_matter(kind, values, intro) + "\n"
    files = [NewFile(path, text, f"{KINDS[kind]}，索引号 {index_no}"),
             _blank_record(site, path, text, column=column, kind=kind)]
    to_fill = _missing(path, kind, values)
    if kind == "policy":
        interp = _interpretation_files(site, values, path, n + 1, interpretation_name or stem, policy=None)
        files += interp.files
        to_fill += interp.to_fill
    return Scaffold(tuple(files), path, index_no, tuple(to_fill))


def new_interpretation(site: Site, policy_key: str, name: str | None = None) -> Scaffold:
    policy = next((i for i in site.items if policy_key in (i.index_no, i.path)), None)
    if policy is None:
        raise ScaffoldError(f"找不到索引号为 {policy_key} 的信息；请填写政策文件的索引号")
    # Any item may be interpreted (附件1 二(二)): the scope only says which ones must be.
    existing = site.interpretation_for(policy)
    if existing is not None:
        raise ScaffoldError(f"{policy.path} 已有政策解读：{existing.dir}")
    n = next_free_number(site, site.today.year)
    stem = _check_name(name) if name else Path(policy.path).stem
    values = dict(policy.meta)
    return _interpretation_files(site, values, policy.path, n, stem, policy=policy)


def _interpretation_files(site: Site, policy_values: Mapping[str, Any], policy_path: str, n: int, iid: str,
                          *, policy: Item | None) -> Scaffold:
    folder = f"{site.config.interpretations_dir}/{iid}"
    if (site.root / folder).exists():
        raise ScaffoldError(f"{folder} 已存在；用 --interpretation-name（或 --name）换一个文件夹名")
    title = str(policy_values.get("title") or "")
    index_no = example_index(site.config.index_scheme, site.config.org_code, site.today.year, n)
    policy_index = str(policy_values.get("index_no") or "")
    sync = {k: policy_values.get(k) for k in ("signed", "published", "formed")}
    division = policy_values.get("division")

    plan_keys = ("title", "interprets", "signed", "division")
    plan_values = {"title": f"《{title}》解读方案", "interprets": policy_index, "signed": sync["signed"],
                   "division": division}
    plan = ["---", f"# 解读方案：{title}", "# 谁起草、谁解读：与政策文件同步审签（signed 与文件相同）。各部分写在对应标题下面："]
    plan += [f"#   {s}：{SECTION_HINTS.get(s, '')}" for s in PLAN_SECTIONS]
    for key in plan_keys:
        spec = FIELDS[key]
        value = plan_values[key]
        plan.append(f"{key}: {yaml_scalar(value)}  # {spec.label}" if value not in (None, "")
                    else f"{key}:  # {spec.label}（必填），例如 {example_of(spec)}")
    plan_text = "\n".join(plan) + "\n---\n" + "".join(f"\n## {s}\n\n" for s in PLAN_SECTIONS)

    mat_values: dict[str, Any] = {
        "title": f"《{title}》政策解读", "index_no": index_no, "division": division, "genre": "解读",
        "topic": policy_values.get("topic") or None, "interprets": policy_index, **sync}
    intro = [f"解读材料：{title}",
             "三同步：signed（审签日期）、published（发布日期）与政策文件相同。十个部分都要写；",
             "确实不适用的写“不适用：理由”。各部分写在对应标题下面："]
    intro += [f"  {s}：{SECTION_HINTS.get(s, '')}" for s in MATERIAL_SECTIONS]
    material_text = (front_matter("interpretation", mat_values, intro, omit=("kind",))
                     + "".join(f"\n## {s}\n\n" for s in MATERIAL_SECTIONS))

    footer_date = sync["published"] if isinstance(sync["published"], dt.date) else site.today
    tujie = {
        "title": f"一图读懂《{title}》",
        "blocks": [{"type": "figures", "heading": "数说新政", "items": [
            {"value": "1", "unit": "项", "label": TUJIE_FIGURE.text},
            {"value": "2", "unit": "个", "label": TUJIE_NOTE.text}]}],
        "footer": {"office": site.config.publisher, "date": footer_date},
    }
    tujie_text = ("# 图解（一图读懂）源文件：构建时自动生成图片，不需要设计软件。\n"
                  "# 把示例数字换成文件中的真实数字；还可以加 steps（办理流程）、compare（新旧对比）、qa（政策问答）等版块。\n"
                  "# 不做图解的，删除本文件即可。\n"
                  + yaml.safe_dump(tujie, allow_unicode=True, sort_keys=False, width=120))

    mat_path, plan_path = f"{folder}/{MATERIAL_FILE}", f"{folder}/{PLAN_FILE}"
    files = [
        NewFile(plan_path, plan_text, "解读方案"),
        NewFile(mat_path, material_text, f"解读材料，索引号 {index_no}"),
        NewFile(f"{folder}/{DIAGRAM_FILE}", tujie_text, "图解源文件（可选，不需要就删除）"),
        _blank_record(site, mat_path, material_text, column=site.config.interpretation_column,
                      kind="interpretation", interpretation_id=iid),
    ]
    to_fill = [f"{plan_path}: signed（{FIELDS['signed'].label}）"] if not sync["signed"] else []
    to_fill += [f"{plan_path}: “## {s}”下的内容" for s in PLAN_SECTIONS]
    to_fill += _missing(mat_path, "interpretation", mat_values, omit=("kind",))
    to_fill += [f"{mat_path}: “## {s}”下的内容" for s in MATERIAL_SECTIONS]
    return Scaffold(tuple(files), mat_path if policy is not None else policy_path, index_no, tuple(to_fill))


def write(root: Path, scaffold: Scaffold) -> None:
    """Create every file; refuse (before writing anything) if one already exists."""
    for f in scaffold.files:
        if (root / f.path).exists():
            raise ScaffoldError(f"{f.path} 已存在，未做任何修改")
    for f in scaffold.files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f.text, encoding="utf-8")
