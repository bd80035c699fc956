"""Gate 2: 谁起草、谁解读 and 三同步 — every policy ships with its 解读方案 and 解读材料."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from ..findings import Finding, finding
from ..interpretation_scope import MIN_REASON as WAIVER_MIN
from ..interpretation_scope import InterpretationScope, requires_interpretation, scope_for, waiver, why_required
from ..model import Interpretation, Item, Site
from ..schema import coerce_date

PLAN_SECTIONS = ("解读重点", "解读时间", "解读形式", "解读渠道", "其他事项")
# 附件1 (四) names nine elements of a 解读材料; the rulebook's main text (一(一)1) adds 期限, which none
# of the nine covers (执行标准 is *what* is required, not *how long* it applies). 期限 is checked as a
# tenth section so a reviewer finds it in one place; "不适用：理由" works for it as for the others.
MATERIAL_SECTIONS = ("背景依据", "目标任务", "主要内容", "涉及范围", "执行标准", "执行期限", "注意事项", "关键词诠释",
                     "惠民利民举措", "新旧政策差异")
PLAN_KEYS = {"interprets", "signed", "title", "division", "draft"}
_HEADING = re.compile(r"^(#{2,3})\s+(?:[一二三四五六七八九十\d]+[、.．]\s*)?(.+?)\s*#*\s*$")
_NA = re.compile(r"^\s*不适用\s*[:：，,。]?\s*(.*)$", re.S)
MIN_REASON = 4  # characters: "不适用：无" is not a reason


@dataclass(frozen=True)
class Section:
    title: str
    line: int
    text: str


def sections(body: str, first_line: int) -> dict[str, Section]:
    out: dict[str, Section] = {}
    current: tuple[str, int] | None = None
    buf: list[str] = []
    fenced = False

    def flush() -> None:
        if current:
            out.setdefault(current[0], Section(current[0], current[1], "\n".join(buf).strip()))

    for n, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        m = None if fenced else _HEADING.match(line)
        if m:
            flush()
            current, buf = (m[2], first_line + n), []
        else:
            buf.append(line)
    flush()
    return out


def check_sections(path: str, body: str, first_line: int, required: tuple[str, ...], what: str) -> list[Finding]:
    out: list[Finding] = []
    found = sections(body, first_line)
    for name in required:
        sec = found.get(name)
        if sec is None:
            out.append(finding(f"interp.{what}_section_missing", path, f"缺少“{name}”部分",
                               f"增加一节 “## {name}” 并写明内容；确不适用的写“不适用：理由”", field=name))
        elif not sec.text:
            out.append(finding(f"interp.{what}_section_empty", path, f"“{name}”部分没有内容",
                               f"在 “## {name}” 下写明内容，或写“不适用：理由”", field=name, line=sec.line))
        elif (na := _NA.match(sec.text)) is not None and len(na[1].strip()) < MIN_REASON:
            out.append(finding("interp.not_applicable_reason", path, f"“{name}”标注为不适用，但没有说明理由",
                               "写成“不适用：理由”，例如“不适用：本文件为首次制定，无旧政策”", field=name, line=sec.line))
    return out


def _going_public(item: Item) -> bool:
    """Public now or scheduled: not a draft and a publication date is set."""
    return item.will_publish


def _when(policy: Item, today: dt.date) -> str:
    assert policy.published is not None
    return f"已于 {policy.published} 发布" if policy.published <= today else f"定于 {policy.published} 发布"


def _sync(policy: Item, interp: Interpretation, today: dt.date) -> list[Finding]:
    """三同步: the plan is signed with the policy, the material is public on the policy's day.

    A draft plan or material would let the policy go out without its interpretation (the build
    publishes no page and no link for a draft), so both are checked whenever the policy is public
    or scheduled. Dates are Beijing dates (zwgk.core.schema.coerce_date converts offsets).
    """
    out: list[Finding] = []
    mat = interp.material
    plan_signed = coerce_date(interp.plan_meta.get("signed"))
    if interp.plan_path and plan_signed is None:
        out.append(finding("schema.missing", interp.plan_path, "解读方案缺少 signed（审签日期）",
                           f"与政策文件同步审签，填写 signed: {policy.signed or 'YYYY-MM-DD'}", field="signed"))
    if mat is not None and policy.signed:
        for who, path, signed in (("解读方案", interp.plan_path, plan_signed), ("解读材料", mat.path, mat.signed)):
            if path and signed and signed != policy.signed:
                out.append(finding("interp.sync_signed", path, f"{who}审签日期 {signed} 与政策文件 {policy.signed} 不同步",
                                   f"三同步：政策文件、解读方案和解读材料应同步审签，改为 signed: {policy.signed}",
                                   field="signed"))
    policy_public = _going_public(policy)
    if policy_public:
        when = _when(policy, today)
        plan_draft = interp.plan_meta.get("draft")
        if interp.plan_path and plan_draft is not None and plan_draft is not False:
            out.append(finding(
                "interp.sync_draft", interp.plan_path,
                f"解读方案仍是草稿（draft: {plan_draft}），但政策文件 {policy.path} {when}",
                f"三同步：解读方案与政策文件同步审签。删除解读方案中的 draft 并填写 signed: {policy.signed or 'YYYY-MM-DD'}；"
                f"解读尚未完成的，在 {policy.path} 中写 draft: true 暂缓发布政策文件", field="draft"))
        if mat is not None and mat.draft:
            out.append(finding(
                "interp.sync_draft", mat.path,
                f"解读材料仍是草稿（draft: true），但政策文件 {policy.path} {when}：政策文件公开时将没有解读页面和链接",
                f"三同步：删除解读材料中的 draft: true，填写 published: {policy.published}（与政策文件同日）；"
                f"解读尚未完成的，在 {policy.path} 中写 draft: true 暂缓发布政策文件", field="draft"))
    if mat is not None and not mat.draft and mat.published is not None:
        if not policy_public:
            why = ("仍是草稿（draft: true）" if policy.draft else f"公开属性为{policy.disclosure}，不会发布"
                   if policy.withheld else "没有填写发布日期 published")
            out.append(finding(
                "interp.policy_unpublished", mat.path,
                f"解读材料定于 {mat.published} 公开，但所解读的政策文件 {policy.path} {why}：解读不能先于政策文件公开",
                "在解读材料中写 draft: true，待政策文件确定发布日期后两者同日发布（published 相同）",
                field="published"))
        elif policy.published is not None and mat.published != policy.published:
            lag = "晚于" if mat.published > policy.published else "早于"
            out.append(finding(
                "interp.sync_published", mat.path,
                f"解读材料发布日期 {mat.published} {lag}政策文件 {policy.path} 的发布日期 {policy.published}（北京时间），不同步",
                f"三同步：解读材料与政策文件同日发布，改为 published: {policy.published}；"
                "需推迟的，两者一起改为同一天", field="published"))
    if mat is not None and mat.division and policy.division and mat.division != policy.division:
        out.append(finding("interp.division", mat.path, f"解读材料由 {mat.division} 编写，但政策文件由 {policy.division} 起草",
                           f"谁起草、谁解读：应由 {policy.division} 负责解读", field="division"))
    return out


def interpretations(site: Site) -> list[Finding]:
    out: list[Finding] = []
    index = site.by_index()
    by_policy: dict[str, list[Interpretation]] = defaultdict(list)
    for interp in site.interpretations.values():
        if interp.interprets:
            by_policy[interp.interprets].append(interp)
        if interp.plan_path:
            for key in sorted(set(interp.plan_meta) - PLAN_KEYS):
                out.append(finding("schema.unknown_field", interp.plan_path, f"解读方案中有未知字段 {key}",
                                   "可用字段：interprets、signed、title、division、draft", field=key))
            draft = interp.plan_meta.get("draft")
            if draft is not None and not isinstance(draft, bool):
                out.append(finding("schema.type", interp.plan_path, f"draft（草稿）应为 true 或 false，而不是 {draft!r}",
                                   "草稿写 draft: true；完成后删除该行", field="draft"))
            out.extend(check_sections(interp.plan_path, interp.plan_body, interp.plan_body_line, PLAN_SECTIONS, "plan"))
        elif interp.material or interp.diagram_path:
            out.append(finding("interp.plan_missing", interp.dir, "缺少解读方案 plan.md",
                               "按模板补充解读方案（解读重点、解读时间、解读形式、解读渠道、其他事项）"))
        if interp.material:
            out.extend(check_sections(interp.material.path, interp.material.body, interp.material.body_line,
                                      MATERIAL_SECTIONS, "material"))
        elif interp.plan_path or interp.diagram_path:
            out.append(finding("interp.material_missing", interp.dir, "缺少解读材料 material.md",
                               "按模板补充解读材料（背景依据、目标任务、主要内容、执行期限等十个部分）"))
        if not interp.interprets:
            continue
        policy = index.get(interp.interprets)
        where = interp.material.path if interp.material else (interp.plan_path or interp.dir)
        if policy is None:
            out.append(finding("interp.orphan", where, f"所解读文件的索引号 {interp.interprets} 不存在",
                               "填写政策文件的索引号（interprets）", field="interprets"))
        else:  # any item may carry an interpretation (附件1 二(二)4: 其他需要进行解读的文件)
            out.extend(_sync(policy, interp, site.today))
        plan_target = str(interp.plan_meta.get("interprets") or "")
        if interp.plan_path and interp.material and plan_target and plan_target != interp.interprets:
            out.append(finding("interp.mismatch", interp.plan_path, "解读方案与解读材料的 interprets 不一致",
                               "两者都填写同一政策文件的索引号", field="interprets"))
    scope = scope_for(site)  # parsed, and its problems reported, at load
    for policy in site.items:
        if not policy.will_publish:
            continue
        out.extend(_waiver(site, policy, scope))
        found = by_policy.get(policy.index_no, [])
        if not found and requires_interpretation(site, policy, scope):
            out.append(finding("interp.missing", policy.path,
                               f"没有政策解读（解读方案和解读材料）：{why_required(site, policy, scope)}",
                               f"谁起草、谁解读：运行 zwgk new interpretation --policy {policy.index_no} 生成模板，"
                               f"放在 {site.config.interpretations_dir}/<名称>/ 并与文件同步审签、同步发布"
                               + ("" if policy.kind in scope.kinds else
                                  "；确不需要解读的，写 interpretation: not_required 和 reason（理由），由综合处在督查月报中核对"),
                               field="kind" if policy.kind in scope.kinds else "genre"))
        elif len(found) > 1:
            dirs = "、".join(i.dir for i in found)
            out.append(finding("interp.duplicate", policy.path, f"同一文件有多份解读（{dirs}）",
                               "合并为一份解读", field="kind"))
    return out


def _waiver(site: Site, item: Item, scope: InterpretationScope) -> list[Finding]:
    """``interpretation: not_required`` needs a reason, and cannot exempt a kind the office always interprets."""
    if item.meta.get("interpretation") != "not_required":
        return []
    if item.kind in scope.kinds:
        return [finding("interp.waiver_refused", item.path,
                        f"{item.kind}（规范性文件等）必须解读，不能标注 interpretation: not_required",
                        "删除 interpretation: not_required，按“谁起草、谁解读”同步编写解读方案和解读材料",
                        field="interpretation")]
    if len(waiver(item)) < WAIVER_MIN:
        return [finding("interp.waiver_reason", item.path,
                        "标注了 interpretation: not_required（不需要解读），但没有写明理由 reason",
                        "写明不需要解读的理由，例如 reason: 仅调整内部工作分工，不涉及公众权利义务；理由列入督查月报",
                        field="reason")]
    return []
