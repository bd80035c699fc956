"""The ruleset: every rule id a check can report, declared once, in the order the 贡献指南 lists them.

Each :class:`Rule` says what its findings mean for a clerk — the level, whether the finding is advisory
(shown but never blocking), whether an office may change its level in ``mkdocs.yml`` (``clocks ->
severity``), what it checks and how to fix it, in Chinese. The checks still write their own message and
hint for each finding (with the file, the date, the number); the ruleset is the summary a person reads
before a finding ever appears, and the list the tests hold the code to:

- every rule id the code can report is catalogued, and every catalogued id is still reported somewhere;
  each rule names the checks and modules that write it (``checks``, ``sources``), and those are exactly
  the modules whose code writes the id (``tests/test_ruleset.py``);
- :data:`zwgk.core.rules.ADVISORY_RULES` is derived from here, so "advisory" is said in one place;
- ``scripts/rules_table.py`` prints the 贡献指南's rules table from :data:`RULES` and :data:`GROUPS`.

Pure data: this module imports nothing from zwgk, so any layer may read it without import cycles.
A new rule is added here in the same change that makes the code report it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

# "mixed": the same id is an error in one situation and a warning in another (see the rule's title).
Level = Literal["error", "warning", "mixed"]
ERROR: Level = "error"
WARNING: Level = "warning"
MIXED: Level = "mixed"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Level  # the level its findings have by default
    title: str  # 检查什么
    hint: str  # 怎么改 (the general fix; each finding's own hint is more specific)
    # Reports a clock, not a defect in what is published: the build shows it and never blocks on it,
    # even under --strict (unless the office sets the rule to `error`).
    advisory: bool = False
    # The office may set its level in mkdocs.yml (clocks -> severity); see zwgk.core.clocks.settings.ADJUSTABLE.
    adjustable: bool = False
    # Where the findings come from, so a reader of a finding can go straight to its code. ``checks``:
    # the checks of zwgk.core.rules.all_rules() whose own module writes this id ("rules.integrity.links",
    # relative to zwgk.core). ``sources``: every other module that writes it (relative to zwgk) — a
    # helper a check calls (the review record, a loader, a scanner) or code outside the checks (the
    # project and clock settings, the MkDocs adapters). Dotted names, not functions, so this module
    # stays free of imports; tests/test_ruleset.py resolves them and holds them to the code.
    checks: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]


# Rule-id prefixes, in the order the 贡献指南 lists them, with the heading each group gets there.
GROUPS: Mapping[str, str] = {
    "config": "网站配置（mkdocs.yml）",
    "yaml": "文件格式",
    "file": "文件格式",
    "schema": "信息字段",
    "content": "内容目录",
    "column": "栏目",
    "columns": "栏目任务分解表",
    "calendar": "节假日安排",
    "index": "索引号",
    "docno": "文号",
    "division": "责任处室",
    "dates": "日期",
    "validity": "有效性",
    "attachment": "附件",
    "link": "链接",
    "review": "信息发布审查表",
    "interp": "政策解读",
    "timeliness": "发布时限",
    "consultation": "意见征集",
    "outcome": "征集结果",
    "response": "回应关切",
    "inspection": "督查考核",
    "privacy": "个人信息",
    "secrecy": "保密",
    "markdown": "正文格式",
    "html": "网页安全",
    "wording": "错敏词",
    "scan": "自动保密审查",
    "image": "图片",
    "tujie": "图解",
    "notices": "通报登记表",
    "assessment": "考核责任分解表",
    "annual": "政府信息公开年报",
    "requests": "依申请公开登记簿",
    "disclosure": "公开属性",
    "guide": "政府信息公开指南",
    "statutory": "法定主动公开内容清单",
    "sentiment": "舆情登记簿",
    "inspections": "处室督查情况",
    "scaffold": "模板示例文字",
    "pages": "信息页面网址",
    "publish": "发布范围",
}

RULES: tuple[Rule, ...] = (
    # 网站配置（mkdocs.yml）
    Rule("config.gov", ERROR, "extra.gov 应为映射（site_name、site_id_code 等）",
         "参考仓库自带 mkdocs.yml 的 extra.gov；或用引号括起来写成一行文字", sources=("core.rules.pages",)),
    Rule("config.invalid", ERROR, "mkdocs.yml 应为映射", "参考仓库自带的 mkdocs.yml", sources=("core.project",)),
    Rule("config.missing", ERROR, "缺少 org_code（机构代码，索引号前缀）",
         "在 mkdocs.yml 的 zwgk 插件下填写，例如 org_code: \"11450100MB0000000X\"；或例如 publisher: 示例市政务服务管理办公室", sources=("core.config", "core.project")),
    Rule("config.removed", ERROR, "mkdocs.yml 中使用了已废止的设置项", "从 mkdocs.yml 中删除该设置项（错误信息会说明由什么代替）", sources=("core.config",)),
    Rule("config.type", ERROR, "mkdocs.yml 中设置项的类型不对（应为整数、文字、列表等）", "按错误信息中的例子改正类型，例如天数写整数 consultation_min_days: 30", sources=("core.clocks.settings", "core.config", "core.guide", "core.interpretation_scope")),
    Rule("config.unknown", ERROR, "mkdocs.yml 中有未知的设置项（多为拼写错误）", "检查设置项是否拼错（错误信息会提示最接近的名称）；不需要的设置项请删除", sources=("core.options",)),
    Rule("config.value", ERROR, "mkdocs.yml 中设置项的取值无效或超出范围", "改为允许范围内的值；级别（severity）可选：error（阻止构建）、warning（提示）、off（不提示，报表照常统计）", sources=("core.clocks.settings", "core.config", "core.inspections", "core.interpretation_scope", "core.loader")),
    # 文件格式
    Rule("yaml.invalid", ERROR, "YAML 文件格式错误，或有无效的值（如不存在的日期）", "检查日期是否真实存在（写成 YYYY-MM-DD）；或检查缩进与冒号", sources=("core.project", "core.yamlio")),
    # 文件格式
    Rule("file.encoding", ERROR, "文件不是 UTF-8 编码（可能是 GBK/GB2312）", "用编辑器“另存为”UTF-8 编码后重新提交，例如在记事本中选择“编码：UTF-8”", sources=("core.yamlio",)),
    Rule("file.unreadable", ERROR, "无法读取文件", "确认文件存在且有读取权限", sources=("core.yamlio",)),
    # 信息字段
    Rule("schema.frontmatter", ERROR, "文件开头缺少以 --- 包围的信息字段（front matter）",
         "在文件第一行写 ---，随后逐行写 title、index_no 等字段，再用一行 --- 结束；或在最后一个字段之后单独写一行 ---", sources=("core.frontmatter",)),
    Rule("schema.missing", ERROR, "解读方案缺少 signed（审签日期）", "在文件头部补充该字段（错误信息给出例子）；解读方案与政策文件同步审签，填写 signed: 审签日期", checks=("rules.interpretation.interpretations",), sources=("core.schema",)),
    Rule("schema.type", ERROR, "kind: interpretation 只用于 interpretations/ 中的解读材料",
         "规范性文件写 kind: policy，其他信息删除 kind；或删除 kind 字段", checks=("rules.interpretation.interpretations",), sources=("core.loader", "core.schema")),
    Rule("schema.unknown_field", ERROR, "信息中有未知字段，或字段不适用于这类信息",
         "可用字段：interprets、signed、title、division、draft；或删除该字段，或检查 kind 是否填写正确", checks=("rules.interpretation.interpretations",), sources=("core.schema",)),
    # 内容目录
    Rule("content.missing", ERROR, "找不到内容目录", "检查 mkdocs.yml 的 docs_dir", sources=("core.loader",)),
    # 栏目
    Rule("column.blank", WARNING, "栏目没有任何公开信息（空白栏目）",
         "由责任处室发布至少一条信息；栏目已无必要的，请综合处在栏目任务分解表中撤销该栏目（空白栏目过多有网站检查单项否决风险）", advisory=True, adjustable=True, checks=("rules.clocks.column_freshness",), sources=("core.clocks.settings",)),
    Rule("column.division", ERROR, "责任处室不负责该栏目", "由该栏目的责任处室发布，或把信息移到本处室负责的栏目；如分工有变，请综合处修改栏目任务分解表", checks=("rules.integrity.responsibility",)),
    Rule("column.stale", WARNING, "栏目超过更新周期未更新（超过 2 倍周期为长期未更新）",
         "由责任处室发布新信息；如栏目确已无需定期更新，请综合处在栏目任务分解表中调整 update_period", advisory=True, adjustable=True, checks=("rules.clocks.column_freshness",), sources=("core.clocks.settings",)),
    Rule("column.unknown", ERROR, "文件夹不是栏目任务分解表中的栏目，其中的文件不会作为公开信息处理", "把文件移到正确的栏目文件夹，或请综合处在栏目任务分解表中登记该栏目", sources=("core.loader",)),
    # 栏目任务分解表
    Rule("columns.division", ERROR, "栏目的责任处室不在 divisions 列表中", "检查处室名称是否写错，或先在 divisions 中登记该处室", sources=("core.columns",)),
    Rule("columns.duplicate", ERROR, "处室或栏目重复", "删除重复的一项；或每个栏目只列一次", sources=("core.columns",)),
    Rule("columns.invalid", ERROR, "栏目任务分解表为空", "至少列出 divisions 和 columns；或参考仓库自带的 governance/columns.yml", sources=("core.columns",)),
    Rule("columns.missing", ERROR, "栏目缺少必填项", "为栏目填写缺少的项，例如 keywords: [政策文件, 规范性文件]", sources=("core.columns",)),
    Rule("columns.parent", ERROR, "上级栏目不存在", "填写已列出的栏目 slug，或删除 parent；或检查 parent 设置", sources=("core.columns",)),
    Rule("columns.period", ERROR, "栏目的更新周期 update_period 写法无法识别", "写成如 2周、6个月、1年、30天，或留空表示按需更新", sources=("core.columns",)),
    Rule("columns.slug", ERROR, "栏目标识 slug 无效或为保留字", "用栏目名称的拼音首字母小写，例如 政策文件 → zcwj", sources=("core.columns",)),
    Rule("columns.unknown_field", ERROR, "栏目任务分解表中有未知字段", "改正字段名（错误信息列出可用字段），拼写无误的多余字段请删除", sources=("core.columns",)),
    # 节假日安排
    Rule("calendar.invalid", ERROR, "节假日文件应为包含 year 和 holidays 的映射", "例如 year: 2027；或交换两个日期", sources=("core.workdays",)),
    Rule("calendar.next_year_missing", WARNING, "致综合处：今年或明年的节假日安排尚未录入，跨年的发布时限将无法计算",
         "国务院办公厅发布节假日安排的通知后，按节假日文件夹中 README.md 的格式新增（年份）.yml 并提交合并", advisory=True, sources=("core.workdays",)),
    Rule("calendar.year_missing", ERROR, "缺少信息形成或发布年度的节假日安排，无法判断是否逾期发布", "请综合处录入该年度的节假日安排后重新检查（格式见节假日文件夹中的 README.md）", checks=("rules.timeliness.timeliness",)),
    # 索引号
    Rule("index.duplicate", ERROR, "索引号重复", "每条信息的索引号必须唯一；新信息请改用错误信息给出的下一个可用索引号（或用 zwgk new 自动取号）", checks=("rules.integrity.index_numbers",)),
    Rule("index.format", ERROR, "索引号不符合编制规则", "按“机构代码/年份-五位序号”编号，例如 11450100MB0000000X/2026-00001（可用 zwgk new 自动取号）", checks=("rules.integrity.index_numbers",)),
    Rule("index.year", ERROR, "索引号中的年份与信息形成日期不一致", "索引号中的年份应与信息形成日期的年份一致", checks=("rules.integrity.index_numbers",)),
    # 文号
    Rule("docno.format", ERROR, "文号格式不规范", "按 GB/T 9704 写成“机关代字〔年份〕序号号”，例如 示政务办发〔2026〕3号（年份用六角括号〔〕，序号不加“第”、不编虚位）", checks=("rules.integrity.doc_numbers",)),
    # 责任处室
    Rule("division.unknown", ERROR, "责任处室未在栏目任务分解表中登记", "改用栏目任务分解表中登记的处室名称（错误信息会提示最接近的名称）；新设处室请综合处先在分解表中登记", checks=("rules.integrity.responsibility",)),
    # 日期
    Rule("dates.order", ERROR, "发布日期早于信息形成日期", "核对两个日期：发布不能早于信息形成；或核对成文日期与发布日期", checks=("rules.integrity.dates_and_validity",)),
    # 有效性
    Rule("validity.successor", ERROR, "有效性为“已修订”，但没有填写修订后文件的索引号", "填写 superseded_by: 修订后文件的索引号；或填写已发布的替代文件的索引号", checks=("rules.integrity.dates_and_validity",)),
    # 附件
    Rule("attachment.format_refused", ERROR, "浏览器会执行或渲染的附件格式（不在允许清单内或内容伪装）",
         "改为允许的格式（PDF、Office 文档、TXT/CSV、常见图片、压缩包和音视频）；扩展名与内容不符的，用原软件重新导出真正的该格式文件", sources=("core.scan.attachments",)),
    Rule("attachment.missing", ERROR, "找不到附件", "把附件放到信息旁边的文件夹，或改正文件名（注意大小写和扩展名）", checks=("rules.integrity.attachments",)),
    Rule("attachment.no_text", WARNING, "PDF 无文字层（扫描件），需人工审查", "请人工逐页审查；或用原始电子文档导出带文字的 PDF，或对扫描件做文字识别（OCR）后重新上传", sources=("core.scan.fmt_pdf",)),
    Rule("attachment.outside", ERROR, "附件不在内容目录中", "把附件放在条目旁边的文件夹里，路径写相对路径", checks=("rules.integrity.attachments",)),
    Rule("attachment.too_large", ERROR, "附件超过自动审查的大小上限", "请压缩或拆分附件（如按章节拆成多个 PDF）后重新上传", sources=("core.scan.attachments",)),
    Rule("attachment.unreadable", ERROR, "附件无法读取", "确认文件存在、文件名正确且有读取权限；或请用原软件打开后重新另存（PDF 请重新导出）再上传", sources=("core.scan.attachments", "core.scan.fmt_pdf")),
    Rule("attachment.unscanned", WARNING, "附件格式无法自动审查",
         "改为可自动审查的格式（如另存为带文字层的 PDF）或删除文档中无法审查的对象后重新上传；确需保留的由审查人人工审查", sources=("core.scan.attachments", "core.scan.fmt_ooxml", "core.scan.fmt_pdf")),
    # 链接
    Rule("link.broken", ERROR, "链接指向内容目录之外或不存在的文件", "只链接本站内容或完整网址；或检查文件名和相对路径（../ 表示上一级栏目），链接到信息请写 ../栏目/文件名.md", checks=("rules.integrity.links",)),
    Rule("link.external", ERROR, "指向允许域名以外的外部链接", "改用本站或允许域名上的对应页面；确需链接的，由管理员在 zwgk 配置 scan.allowed_domains 中加入该域名", sources=("core.htmlcheck",)),
    Rule("link.unpublished", ERROR, "链接指向尚未发布的信息（草稿或定时发布）", "待目标信息发布后再加链接，或删除该链接", checks=("rules.integrity.links",)),
    # 信息发布审查表
    Rule("review.after_publication", ERROR, "审查签署日期晚于发布日期",
         "先审查、后发布（重要紧急信息同样当日先审查）：修改已发布信息的，经办人把 published 改为重新发布的日期；审查其实在发布前完成的，写实际审查日期", sources=("core.review.record",)),
    Rule("review.before_formed", ERROR, "审查签署日期早于信息形成日期：不可能审查尚未形成的信息", "核对审查日期；信息变更后须按实际日期重新审查", sources=("core.review.record",)),
    Rule("review.conclusion", ERROR, "审查结论不是“同意公开”", "审查通过后结论写 同意公开（四个字，前后不加空格）；不同意公开的信息不得合并发布", sources=("core.review.record",)),
    Rule("review.date", ERROR, "审查表中的签署日期无效", "写成 YYYY-MM-DD", sources=("core.review.record",)),
    Rule("review.date_future", ERROR, "审查表中的签署日期晚于今天：不能预先签署", "签署日期写实际签署的日期", sources=("core.review.record",)),
    Rule("review.date_order", ERROR, "审查各环节的签署日期顺序不对", "按 经办人 → 处室负责人审核 → 保密审查 → 分管领导审批 的顺序核对日期", sources=("core.review.record",)),
    Rule("review.digest_missing", ERROR, "审查表没有记录所审查内容的摘要（digest），无法证明审查的就是将要发布的内容", "由综合处核对后运行 zwgk review <信息文件> 重新审查并签署（自动写入摘要）", sources=("core.review.record",)),
    Rule("review.field_missing", ERROR, "审查表缺少必填项", "由综合处运行 zwgk review <信息文件> 签署，或按错误信息补充该项", sources=("core.review.record",)),
    Rule("review.field_type", ERROR, "审查表中签署人应为文字（姓名）", "写签署人的姓名", sources=("core.review.record",)),
    Rule("review.invalid", ERROR, "审查表应为“字段名: 值”的形式", "参考 zwgk new 生成的空白审查表", sources=("core.loader", "core.review.record")),
    Rule("review.mismatch", ERROR, "审查表记录的名称、索引号等与信息不一致", "确认审查表对应的是这条信息；如信息已更名或调整，请重新审查", sources=("core.review.record",)),
    Rule("review.missing", ERROR, "待综合处审查：没有信息发布审查表，不能发布", "经办人不用填写审查表：由综合处审查后运行 zwgk review <信息文件> 生成并签署审查表", sources=("core.review.record",)),
    Rule("review.orphan", WARNING, "审查表对应的信息不存在（可能已改名或删除）",
         "如信息已改名，请把审查表移到对应路径并重新审查（发布地址已变）；已删除的信息可把审查表移入 governance/archive/", checks=("review.rule.reviews",)),
    Rule("review.pending", ERROR, "待综合处审查：信息发布审查表还是空白，不能发布", "经办人不用填写审查表：由综合处审查后运行 zwgk review <信息文件> 签署", sources=("core.review.record",)),
    Rule("review.same_person", ERROR, "同一人签署了须由不同人员签署的多个环节",
         "由各自的责任人分别签署后运行 zwgk review 重新签署（哪些角色须由不同人员担任见 mkdocs.yml 的 review -> distinct_roles）", sources=("core.review.record",)),
    Rule("review.secrecy", ERROR, "保密审查认定涉及不得公开的内容", "删除涉及的内容或撤回发布；如认定有误，由保密审查人更正审查表", sources=("core.registerfiles", "core.review.record")),
    Rule("review.secrecy_value", ERROR, "保密审查“是否涉及”各项的答复须为“否”", "改为 否（YAML 中的 no、false 不是“否”，前后不加空格）", sources=("core.review.record",)),
    Rule("review.signed_before_change", ERROR, "签署日期早于内容最后一次修改：签署的不可能是现在的内容",
         "由综合处对现在的内容重新审查签署（签署日期写实际审查日期，不得早于修改日期）；修改已发布信息的，经办人须把 published 改为重新发布的日期", sources=("core.review.record",)),
    Rule("review.stale", ERROR, "审查后内容有改动，须重新审查后才能发布", "由综合处核对改动后运行 zwgk review <信息文件> 重新审查并签署", sources=("core.review.record",)),
    Rule("review.unknown_field", ERROR, "审查表中有未知字段", "删除该字段或改正字段名", sources=("core.review.record",)),
    Rule("review.urgent", WARNING, "重要紧急信息须当日完成审查后发布，审查表尚未就绪",
         "综合处优先处理：运行 zwgk review <信息文件> 查看需要签署的内容和一条签署命令", advisory=True, checks=("review.rule.reviews",)),
    Rule("review.urgent_followup_removed", ERROR, "审查表中的 urgent_followup（重要紧急信息补审原因）已废止：重要紧急信息同样须在发布前签署审查表",
         "删除 urgent_followup；由综合处当日审查后运行 zwgk review 签署", sources=("core.review.record",)),
    # 政策解读
    Rule("interp.division", ERROR, "解读材料的编写处室不是政策文件的起草处室", "谁起草、谁解读：应由政策文件的起草处室负责解读", checks=("rules.interpretation.interpretations",)),
    Rule("interp.duplicate", ERROR, "同一文件有多份解读", "合并为一份解读", checks=("rules.interpretation.interpretations",)),
    Rule("interp.empty", ERROR, "解读文件夹中没有解读方案、解读材料或图解", "补充 plan.md（解读方案）和 material.md（解读材料），或删除该文件夹", sources=("core.loader",)),
    Rule("interp.material_missing", ERROR, "缺少解读材料 material.md", "按模板补充解读材料（背景依据、目标任务、主要内容、执行期限等十个部分）", checks=("rules.interpretation.interpretations",)),
    Rule("interp.material_section_empty", ERROR, "解读材料的某部分没有内容", "在该部分的二级标题下写明内容，或写“不适用：理由”", checks=("rules.interpretation.interpretations",)),
    Rule("interp.material_section_missing", ERROR, "解读材料缺少必须有的部分", "增加该部分的二级标题（## 标题）并写明内容；确不适用的写“不适用：理由”", checks=("rules.interpretation.interpretations",)),
    Rule("interp.mismatch", ERROR, "解读方案与解读材料的 interprets 不一致", "两者都填写同一政策文件的索引号", checks=("rules.interpretation.interpretations",)),
    Rule("interp.missing", ERROR, "应当解读的政策文件没有政策解读（解读方案和解读材料）",
         "谁起草、谁解读：运行 zwgk new interpretation --policy <政策文件> 生成模板，与政策文件同步审签、同步发布", checks=("rules.interpretation.interpretations",)),
    Rule("interp.not_applicable_reason", ERROR, "某部分标注为不适用，但没有说明理由", "写成“不适用：理由”，例如“不适用：本文件为首次制定，无旧政策”", checks=("rules.interpretation.interpretations",)),
    Rule("interp.orphan", ERROR, "所解读文件的索引号不存在", "填写政策文件的索引号（interprets）", checks=("rules.interpretation.interpretations",)),
    Rule("interp.plan_missing", ERROR, "缺少解读方案 plan.md", "按模板补充解读方案（解读重点、解读时间、解读形式、解读渠道、其他事项）", checks=("rules.interpretation.interpretations",)),
    Rule("interp.plan_section_empty", ERROR, "解读方案的某部分没有内容", "在该部分的二级标题下写明内容，或写“不适用：理由”", checks=("rules.interpretation.interpretations",)),
    Rule("interp.plan_section_missing", ERROR, "解读方案缺少必须有的部分", "增加该部分的二级标题（## 标题）并写明内容；确不适用的写“不适用：理由”", checks=("rules.interpretation.interpretations",)),
    Rule("interp.policy_unpublished", ERROR, "解读材料先于所解读的政策文件公开",
         "在解读材料中写 draft: true，待政策文件确定发布日期后两者同日发布（published 相同）", checks=("rules.interpretation.interpretations",)),
    Rule("interp.sync_draft", ERROR, "政策文件已定发布，但解读方案或解读材料仍是草稿",
         "三同步：删除解读方案、解读材料中的 draft，与政策文件同步审签（signed）、同日发布（published）；解读尚未完成的，在政策文件中写 draft: true 暂缓发布", checks=("rules.interpretation.interpretations",)),
    Rule("interp.sync_published", ERROR, "解读材料与政策文件不是同日发布",
         "三同步：解读材料与政策文件同日发布，改为同一个 published；需推迟的，两者一起改为同一天", checks=("rules.interpretation.interpretations",)),
    Rule("interp.sync_signed", ERROR, "解读方案、解读材料与政策文件不是同步审签", "三同步：政策文件、解读方案和解读材料应同步审签，改为同一个 signed 日期", checks=("rules.interpretation.interpretations",)),
    Rule("interp.waiver_reason", ERROR, "标注了 interpretation: not_required（不需要解读），但没有写明理由 reason",
         "写明不需要解读的理由，例如 reason: 仅调整内部工作分工，不涉及公众权利义务；理由列入督查月报", checks=("rules.interpretation.interpretations",)),
    Rule("interp.waiver_refused", ERROR, "规范性文件等必须解读的文件标注了 interpretation: not_required",
         "删除 interpretation: not_required，按“谁起草、谁解读”同步编写解读方案和解读材料", checks=("rules.interpretation.interpretations",)),
    # 发布时限
    Rule("timeliness.late", WARNING, "信息未在形成后规定时限内发布（默认 5 个工作日，重要紧急信息当日）", "信息仍应发布；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入逾期", advisory=True, checks=("rules.timeliness.timeliness",)),
    Rule("timeliness.legal", WARNING, "信息在形成后超过《政府信息公开条例》第二十六条规定的 20 个工作日才发布", "信息仍应发布；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入逾期", advisory=True, checks=("rules.timeliness.timeliness",)),
    Rule("timeliness.legal_unknown", WARNING, "缺少节假日安排，无法核对已逾期的信息是否超过法定时限", "请综合处录入缺少的年度节假日安排；信息仍应发布", advisory=True, checks=("rules.timeliness.timeliness",)),
    # 意见征集
    Rule("consultation.dates", ERROR, "意见征集的截止日期早于开始日期，或公告发布晚于截止日期",
         "核对 opens（征集开始日期）和 closes（征集截止日期）；或核对 published 和 closes；征集公告应在征集开始前或当天发布", checks=("rules.clocks.consultations",)),
    Rule("consultation.outcome_late", WARNING, "采纳情况在截止后 1 个月期限之后才公布",
         "信息仍应发布；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入逾期", advisory=True, adjustable=True, checks=("rules.clocks.outcomes",), sources=("core.clocks.settings",)),
    Rule("consultation.outcome_overdue", ERROR, "征集截止后 1 个月内未公布采纳情况",
         "在意见征集栏目发布采纳情况（kind: outcome，consultation 填本征集的索引号，opinions 逐条列出意见及是否采纳）；已发布的，检查其 consultation 字段", adjustable=True, checks=("rules.clocks.consultations",), sources=("core.clocks.settings",)),
    Rule("consultation.too_short", WARNING, "意见征集期限（自开始或公告发布起至截止）少于 30 天",
         "《重大行政决策程序暂行条例》第十五条：征求意见期限一般不少于 30 日。延后 closes；确需缩短的，在正文中说明理由", advisory=True, adjustable=True, checks=("rules.clocks.consultations",), sources=("core.clocks.settings",)),
    # 征集结果
    Rule("outcome.before_close", ERROR, "采纳情况在征集截止当天或之前发布", "征集截止后汇总全部意见再公布采纳情况：核对 published 或意见征集的 closes", checks=("rules.clocks.outcomes",)),
    Rule("outcome.consultation", ERROR, "采纳情况的 consultation 不是已有意见征集的索引号", "填写对应意见征集公告的索引号（错误信息会提示最接近的索引号）", checks=("rules.clocks.outcomes",)),
    Rule("outcome.decision", ERROR, "decision 填写的决策文件索引号不存在",
         "填写本次征集形成的决策文件（如正式印发的办法、规范）的索引号；文件尚未出台的，先删除 decision，出台后补上；或decision 填写征集后正式出台的决策文件的索引号，而不是意见征集或采纳情况本身", checks=("rules.decision.decisions",)),
    Rule("outcome.duplicate", WARNING, "同一意见征集有两份采纳情况", "合并为一份采纳情况；如为更正，在正文说明并把原条目有效性改为“已修订”", checks=("rules.clocks.outcomes",)),
    Rule("outcome.opinions", ERROR, "缺少或写错意见采纳情况表（意见摘要、是否采纳、理由）",
         "逐条列出收到的意见，每条一项，例如 opinions: [{summary: 增加午间服务, adopted: 采纳, reason: 已写入第八条}]；未收到意见的写 opinions: []", checks=("rules.clocks.outcomes",)),
    # 回应关切
    Rule("response.authoritative_late", WARNING, "重大、特别重大突发事件 5 小时内未发布权威信息",
         "如实记录时间，不得改动；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入超时", advisory=True, adjustable=True, sources=("core.clocks.settings", "core.rules.clocks")),
    Rule("response.authoritative_missing", WARNING, "重大、特别重大突发事件没有记录权威信息发布时间",
         "已发布权威信息的，补充发布时间和网址；未发布的，立即发布并如实记录；如级别认定有误，修改 level", advisory=True, adjustable=True, sources=("core.clocks.settings", "core.rules.clocks")),
    Rule("response.late", WARNING, "舆情出现后 48 小时内未回应",
         "如实记录时间，不得改动；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入超时", advisory=True, adjustable=True, sources=("core.clocks.settings", "core.rules.clocks")),
    Rule("response.order", ERROR, "回应、权威信息或发布会时间早于舆情出现时间", "核对 surfaced_at 与该时间（北京时间；带时区的时间会换算为北京时间）", checks=("rules.clocks.responses",)),
    Rule("response.press_conference", ERROR, "新闻发布会的时间或网址写法不对",
         "只需 at（举行时间，写成 YYYY-MM-DD HH:MM，北京时间）和 url（发布会实录网址）", checks=("rules.clocks.responses",)),
    Rule("response.press_conference_late", WARNING, "重大、特别重大突发事件 24 小时内未举行新闻发布会",
         "如实记录时间，不得改动；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入超时", advisory=True, adjustable=True, sources=("core.clocks.settings", "core.rules.clocks")),
    Rule("response.press_conference_missing", WARNING, "重大、特别重大突发事件没有记录新闻发布会",
         "已举行新闻发布会的，补充 at（时间）和 url（发布会实录网址）；未举行的，立即组织并如实记录；如级别认定有误，修改 level", advisory=True, adjustable=True, sources=("core.clocks.settings", "core.rules.clocks")),
    # 督查考核
    Rule("inspection.single_veto_risk", WARNING, "未更新栏目 ≥ 5、长期未更新 ≥ 10 或空白栏目 ≥ 5：网站检查单项否决风险",
         "网站检查中此项不合格将直接判定网站不合格：请各责任处室尽快更新上述栏目，综合处在月度督查中跟踪", advisory=True, adjustable=True, checks=("rules.clocks.column_freshness",), sources=("core.clocks.settings",)),
    # 个人信息
    Rule("privacy.bank_card", ERROR, "银行卡号、银行账号", "公开前须删除或脱敏（例如只保留前 4 位和后 4 位）；确属依法应公开的，在审查表 exceptions 中登记", sources=("core.scan.privacy",)),
    Rule("privacy.gps", ERROR, "图片中的 GPS 拍摄位置", "去除位置信息后重新上传：在手机/相机中关闭“位置标记”后重新导出，或另存为不含元数据的图片；确属应公开的，在审查表 exceptions 中登记", sources=("core.scan.fmt_image",)),
    Rule("privacy.id_number", ERROR, "居民身份证号（18位含校验码、15位旧号）", "公开前须删除或脱敏（例如只保留前 6 位和后 2 位）；确属依法应公开的，在审查表 exceptions 中登记", sources=("core.scan.privacy",)),
    Rule("privacy.mobile", ERROR, "手机号码", "公开前须删除或脱敏，对外请公布办公电话；确属依法应公开的，在审查表 exceptions 中登记", sources=("core.scan.privacy",)),
    # 保密
    Rule("secrecy.mark", ERROR, "密级标志（★）和内部资料标志", "涉密或内部材料不得公开：确认已解密并履行公开审批程序后，删除该标志重新导出；确属可公开的，在审查表 exceptions 中登记", sources=("core.scan.secrecy",)),
    # 正文格式
    Rule("markdown.too_deep", ERROR, "正文的嵌套层次过深，网站无法生成这一页",
         "把层层嵌套的 >、缩进或 * 改写为普通段落或不超过几层的列表", sources=("core.mdrender",)),
    Rule("markdown.control_char", ERROR, "正文中有控制字符或双向文字控制符（U+202A–U+202E、U+2066–U+2069），网页显示的文字与审查读到的不同",
         "删除这些不可见字符后重新输入这段文字（常见于从网页、PDF 或 Word 复制粘贴）；用编辑器的“显示不可见字符”功能查找", sources=("core.mdrender",)),
    # 网页安全
    Rule("html.cleaned", WARNING, "正文中的 HTML 将在发布时被清理", "这些标签或属性不能出现在政务公开页面上，读者看不到它们。请从正文中删除，或改用 Markdown 写法", sources=("core.pagecheck",)),
    Rule("html.element", ERROR, "正文中有不允许的 HTML 元素或属性", "删除该 HTML 元素，正文用 Markdown 书写；确需展示代码时放入代码块（```）中", sources=("core.htmlcheck",)),
    Rule("html.unsafe", ERROR, "可执行的 HTML（脚本、表单、内联框架、事件属性、javascript: 链接）", "script", sources=("core.htmlcheck",)),
    # 错敏词
    Rule("wording.errata", ERROR, "错敏词", "改为错误信息中给出的规范写法；如系照录原文、必须保留原样，在审查表 exceptions 中登记", sources=("core.scan.wording",)),
    # 自动保密审查
    Rule("scan.config_invalid", ERROR, "保密审查配置有误", "按 docs/scan.md 修改 mkdocs.yml 中 zwgk 插件的 scan 设置", sources=("core.scan.config",)),
    Rule("scan.exception_invalid", ERROR, "审查表中的例外登记无效",
         "每项须写明 rule、fingerprint（照抄构建报告）、reason（依法公开的理由）和 reviewer（审查人）；无效的例外不会生效", sources=("core.scan.exceptions",)),
    Rule("scan.exception_unused", WARNING, "审查表中的例外没有对应发现", "内容已修改或指纹抄错：请删除该项，或按最新构建报告更正 fingerprint", sources=("core.scan.exceptions",)),
    # 图片
    Rule("image.alt_missing", ERROR, "图片缺少有意义的替代文字", "为图片写一句说明图片内容的替代文字，例如 ![2026年受理量柱状图](图片.png)", sources=("core.images",)),
    Rule("image.format", ERROR, "图片格式不适合网页发布", "请另存为 JPG（照片）或 PNG（截图、图表）后重新上传", sources=("core.images",)),
    Rule("image.too_large", ERROR, "图片过大，无法安全处理", "请把图片缩小到长边不超过 2560 像素后重新上传；或请缩短动图，或改用视频、静态图片", sources=("core.images",)),
    Rule("image.unreadable", ERROR, "图片文件损坏或无法识别", "用看图软件打开确认图片完好，另存为 JPG 或 PNG 后重新上传", sources=("core.images", "core.rules.diagram")),
    # 图解
    Rule("tujie.count", ERROR, "条目数量不符合要求", "按错误信息中的数量要求增删条目", sources=("core.tujie.spec",)),
    Rule("tujie.date", ERROR, "日期格式不对或不是真实日期", "请按“年-月-日”写成数字，例如 date: 2026-03-10；或请核对月份，例如 date: 2026-03-10", sources=("core.tujie.spec",)),
    Rule("tujie.duplicate_key", ERROR, "同一层级重复写了同一个字段", "请删除其中一个，或检查是否把两个版块写在了同一个“- ”下面", sources=("core.tujie.spec",)),
    Rule("tujie.font_missing", ERROR, "找不到可用的中文字体", "zwgk 自带的中文字体（zwgk/data/fonts/）缺失，请重新安装 zwgk", sources=("core.tujie.fonts",)),
    Rule("tujie.required", ERROR, "必填内容缺失或为空", "添加缺少的字段并填写内容（错误信息给出字段名）；tujie.yml 不能是空文件", sources=("core.tujie.spec",)),
    Rule("tujie.theme", ERROR, "配色名称不存在", "改用错误信息中列出的配色", sources=("core.tujie.spec",)),
    Rule("tujie.tofu", ERROR, "字体缺少某个字，图上会显示成方框",
         "请改用常用字或文字说明（表情符号、生僻字、特殊符号请删除或用文字代替）；zwgk 自带的字体收录 GB 2312 的全部 6763 个汉字和常用符号，确需使用其他字时，在 mkdocs.yml 的 tujie_font 中配置包含该字的字体（如仓库内的 fonts/NotoSansSC-Regular.otf）", sources=("core.tujie.glyphs",)),
    Rule("tujie.too_long", ERROR, "文字过长，图上放不下", "请精简文字，把细节留给正文或“政策问答”版块", sources=("core.tujie.spec",)),
    Rule("tujie.type", ERROR, "字段的类型不对（应为文字/列表/键值对）", "文字直接写；列表另起一行、缩进后用“- ”逐条列出；键值对写成“名称: 内容”并对齐缩进", sources=("core.tujie.spec",)),
    Rule("tujie.unknown_block", ERROR, "不认识的版块类型", "改用错误信息中列出的可用类型", sources=("core.tujie.spec",)),
    Rule("tujie.unknown_key", ERROR, "不认识的字段（多为拼写错误）", "改正拼写（错误信息会提示最接近的字段）；拼写无误的多余字段请删除", sources=("core.tujie.spec",)),
    # 通报登记表
    Rule("notices.date", ERROR, "通报登记表的整改日期早于通报日期", "核对两处日期：整改日期不能早于通报日期", sources=("core.assessment_registers",)),
    Rule("notices.division", ERROR, "通报登记表中的处室未登记", "改用栏目任务分解表中登记的处室名称（错误信息会提示最接近的名称）", sources=("core.assessment_registers",)),
    Rule("notices.invalid", ERROR, "通报登记表格式或字段错误", "写成 notices: 后跟通报列表，每条通报一项（通报登记表只有 notices 一项）", sources=("core.assessment_registers",)),
    # 考核责任分解表
    Rule("assessment.division", MIXED, "考核责任分解表的处室与栏目任务分解表不一致",
         "为该处室增加一行 - {name: 处室名称, responsible: 负责人姓名}（未列出的处室按默认基础分计分）", sources=("core.assessment_registers",)),
    Rule("assessment.invalid", ERROR, "考核责任分解表格式或字段错误", "参考 docs/clocks.md 中的示例；或可用字段：base、divisions、weights", sources=("core.assessment_registers",)),
    # 政府信息公开年报
    Rule("annual.appeal", ERROR, "复议诉讼的类别或结果无法计入表四", "kind、result 改为错误信息列出的可选值之一", sources=("core.reports.annual",)),
    Rule("annual.applicant_type", ERROR, "申请人类型不是表三的六列之一", "改为错误信息列出的六类申请人之一", sources=("core.reports.annual",)),
    Rule("annual.balance", ERROR, "表三某列“第一项加第二项”不等于“第三项总计加第四项”（勾稽关系）",
         "勾稽关系不成立：通常是某件申请的收到或答复日期有误（答复早于收到、跨年未结转）。核对登记簿中该类申请人的 received 和 replied", sources=("core.reports.annual",)),
    Rule("annual.carry_over", ERROR, "表三“上年结转”与上年年报公布的“结转下年度继续办理”不一致",
         "核对登记簿中答复日期在年底前后的申请；如上年年报有误，在第六部分说明并更正 carried_over", sources=("core.reports.annual",)),
    Rule("annual.count", ERROR, "年报表格中的数值为负数或不是整数（收费金额须为 0 或正数）",
         "件数只能是 0 或正整数，金额写万元（可有小数，没有收费写 0）：核对登记簿或年报数据文件中对应的记录", sources=("core.reports.annual",)),
    Rule("annual.dates", ERROR, "申请的答复日期早于收到日期", "核对 replied 和 received", sources=("core.reports.annual",)),
    Rule("annual.input", ERROR, "年报数据文件 governance/annual/<年份>.yml 缺失、格式或字段错误",
         "新建该年度的年报数据文件（governance/annual/<年份>.yml），写入本机关撰写的第一、五、六部分文字和表二中来自业务系统的数字", sources=("core.reports.annual_report",)),
    Rule("annual.leaves", ERROR, "表三某列办理结果各行之和不等于（七）总计", "有已答复的申请没有可计入表三的办理结果：为每件已答复申请填写 outcome（表三中的一行）", sources=("core.reports.annual",)),
    Rule("annual.outcome", ERROR, "已答复的申请没有可计入表三的办理结果",
         "填写表三“本年度办理结果”中的一行，例如 outcome: 三.一（予以公开）、三.四.1（本机关不掌握相关政府信息）", sources=("core.reports.annual",)),
    Rule("annual.overview_topics", WARNING, "年报第一部分未涉及主动公开、依申请公开、政府信息管理、平台建设、监督保障中的某一方面",
         "按国办公开办函〔2021〕30号，总体情况应分别说明主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的工作", sources=("core.reports.annual_report",)),
    Rule("annual.policy_end", ERROR, "已废止或失效的规范性文件无法确定废止日期，表二无法统计",
         "在 superseded_by 中填写替代文件的索引号，或填写 withdrawn: {date: 废止日期, reason: 废止原因}", sources=("core.reports.annual",)),
    Rule("annual.prose_copied", ERROR, "年报某部分与上一年度的文字相同（只改了年份或数字）", "按本年度的实际工作重新撰写；照搬上年内容的年报会被通报", sources=("core.reports.annual_report",)),
    Rule("annual.prose_fee", ERROR, "年报第六部分没有说明信息处理费收取情况", "写明本年度是否收取信息处理费及金额（未收取的写明“未收取信息处理费”）", sources=("core.reports.annual_report",)),
    Rule("annual.prose_missing", ERROR, "年报第一、五、六部分缺少本机关撰写的文字（生成器不代写）", "在年报数据文件中填写这部分文字。这部分由综合处撰写，生成器不代写", sources=("core.reports.annual_report",)),
    Rule("annual.report_due", WARNING, "1 月 1 日起，上年度政府信息公开工作年度报告尚未在年报栏目公开（提示，1 月 31 日前）",
         "综合处用 zwgk report annual <年份> 生成年报，审查后在年报栏目发布（1 月 31 日前）", advisory=True, checks=("rules.annual.annual_report_clock",)),
    Rule("annual.report_late", WARNING, "1 月 31 日（遇休息日顺延）已过，上年度年报仍未在年报栏目公开",
         "综合处立即用 zwgk report annual <年份> 生成年报，审查后在年报栏目发布", advisory=True, adjustable=True, checks=("rules.annual.annual_report_clock",), sources=("core.clocks.settings",)),
    Rule("annual.table4_total", ERROR, "表四维持、纠正、其他、未审结之和不等于总计", "有复议或诉讼的 result 不是维持、纠正、其他、未审结之一：核对登记簿中的 appeal", sources=("core.reports.annual",)),
    Rule("annual.total", ERROR, "表三某行六类申请人之和不等于总计", "有申请的 applicant_type 不是六类申请人之一：改为其中之一", sources=("core.reports.annual",)),
    # 依申请公开登记簿
    Rule("requests.correction_late", WARNING, "补正告知晚于收到申请后 7 个工作日",
         "申请内容不明确的，应在收到申请之日起 7 个工作日内一次性告知补正（条例第三十条）；已发生的逾期在月度督查中说明原因", advisory=True, checks=("rules.requests.requests_register",)),
    Rule("requests.dates", ERROR, "登记簿中的日期先后顺序不对（例如答复早于收到申请）", "核对两处日期，按实际办理时间填写", checks=("rules.requests.requests_register",)),
    Rule("requests.division", WARNING, "承办处室未在栏目任务分解表中登记", "使用栏目任务分解表中登记的处室名称", checks=("rules.requests.requests_register",)),
    Rule("requests.due_unknown", WARNING, "缺少节假日安排，答复期限暂时无法计算", "请综合处录入国务院办公厅的节假日安排后重新检查", advisory=True, checks=("rules.requests.requests_register",)),
    Rule("requests.duplicate", ERROR, "两个登记文件使用同一申请编号", "每件申请一个编号：用 zwgk requests new 取下一个空号，改正其中一个", sources=("core.requests.register",)),
    Rule("requests.extension", ERROR, "延期答复缺少负责人同意或告知申请人的日期，或延长超过 20 个工作日",
         "填写 extension -> approved；未经同意不得延期（条例第三十三条）；或填写 extension -> notified；未告知申请人的延期不计入答复期限（条例第三十三条）", checks=("rules.requests.requests_register",)),
    Rule("requests.extension_late", WARNING, "延期在原答复期限届满后才同意或告知，不能延长期限",
         "延期须在原期限内经负责人同意并告知申请人（条例第三十三条）；答复期限按未延期计算", advisory=True, checks=("rules.requests.requests_register",)),
    Rule("requests.invalid", ERROR, "依申请公开登记文件格式或字段错误", "按错误信息改正字段名或取值（格式见 docs/requests.md）", sources=("core.requests.register",)),
    Rule("requests.joint_review", ERROR, "已答复的会商申请没有记录会商结论",
         "补写 joint_review -> conclusion，例如 conclusion: 不属于依申请公开（咨询类，已按咨询答复）", checks=("rules.requests.requests_register",)),
    Rule("requests.outcome", ERROR, "办理结果不是年报表三的具体一行，或已答复却没有办理结果",
         "写年报表三的行号或名称，例如 outcome: 三.一（予以公开）；或补上统一答复申请人的日期，例如 replied: 2026-04-20；尚未答复的删除 outcome", checks=("rules.requests.requests_register",), sources=("core.requests.register",)),
    Rule("requests.overdue", WARNING, "已过法定答复期限仍未答复",
         "立即督促承办处室起草答复、报分管领导审核后由综合处统一答复；逾期答复是行政复议、诉讼最常见的理由", advisory=True, checks=("rules.requests.requests_register",)),
    Rule("requests.personal_data", ERROR, "登记簿中有申请人身份信息（姓名、证件号码、电话、地址等字段或号码）", "登记簿不记录申请人身份信息：删除该内容；身份信息只留在档案室的案卷中，以申请编号 id 关联", sources=("core.registerfiles", "core.requests.register")),
    Rule("requests.reason", ERROR, "予以公开、部分公开以外的办理结果没有写法律依据", "写明答复所依据的条款，例如 reason: 《政府信息公开条例》第十五条", checks=("rules.requests.requests_register",)),
    Rule("requests.reply_late", WARNING, "答复晚于法定期限",
         "期限为收到申请（或补正后申请）之日起 20 个工作日，征求意见时间不计，经同意并告知可延长 20 个工作日；在月度督查中说明原因", advisory=True, checks=("rules.requests.requests_register",)),
    Rule("requests.secrecy", ERROR, "登记簿中有密级标志", "涉密申请不在本登记簿办理：删除该内容，按保密规定另行登记", sources=("core.registerfiles",)),
    Rule("requests.steps", WARNING, "答复前缺少转办、起草或分管领导审核记录", "按制度，责任处室起草答复意见、经分管领导审核后由综合处统一答复：补登各步骤的日期", advisory=True, checks=("rules.requests.requests_register",)),
    # 公开属性
    Rule("disclosure.published", WARNING, "不在网站发布的信息（依申请公开、不予公开）填写了发布日期",
         "删除 published；确需在网站发布的，改为 disclosure: 主动公开 并重新审查", checks=("rules.disclosure.disclosure",)),
    Rule("disclosure.reason_citation", ERROR, "不主动公开的理由没有写明法定依据（第几条）和适用情形",
         "写明依据条例哪一条及适用情形，例如 条例第十六条第二款：过程性信息；不属于不予公开情形的，改为 主动公开 或 依申请公开", checks=("rules.disclosure.disclosure",)),
    Rule("disclosure.reason_missing", ERROR, "不主动公开，但没有填写理由 reason（法定依据）",
         "写明依据条例哪一条，例如 reason: 条例第十六条第二款：过程性信息；应当主动公开的改为 disclosure: 主动公开", checks=("rules.disclosure.disclosure",)),
    Rule("disclosure.reason_unused", WARNING, "填写了理由 reason，但本条信息为主动公开，也没有写 interpretation: not_required，理由不会被使用",
         "删除 reason；如果是不主动公开，写 disclosure: 依申请公开 或 不予公开", checks=("rules.disclosure.disclosure",)),
    # 政府信息公开指南
    Rule("guide.content", WARNING, "政府信息公开指南缺少条例第十二条规定的内容（分类、编排体系、获取方式、工作机构名称、地址、时间、电话、传真、电子邮箱，监督和救济）",
         "在指南正文中补充缺少的内容（错误信息列出缺少哪几项）", advisory=True, sources=("core.guide",)),
    Rule("guide.identity", WARNING, "指南中的工作机构联系方式与 mkdocs.yml 的网站标识（extra.gov）不一致",
         "把指南中的联系方式改为与网站标识一致；如果是网站标识写错了，改正 mkdocs.yml 的 extra.gov", advisory=True, sources=("core.guide",)),
    # 法定主动公开内容清单
    Rule("statutory.incomplete", WARNING, "法定主动公开事项的信息未写明清单要求的内容（例如负责人姓名）",
         "在正文中补充清单该事项 mentions 要求写明的内容", advisory=True, checks=("rules.guide.statutory",)),
    Rule("statutory.invalid", ERROR, "法定主动公开内容清单（governance/statutory.yml）格式或字段错误",
         "参照 docs/clocks.md 的模板改正格式和字段", sources=("core.statutory",)),
    Rule("statutory.missing", WARNING, "清单中适用本机关的法定主动公开事项没有已公开的信息", "在清单 where 指定的栏目发布该信息；如公开位置已改变，修改清单的 where", advisory=True, checks=("rules.guide.statutory",)),
    Rule("statutory.stale", WARNING, "法定主动公开事项超过清单规定的更新期限未更新", "由负责处室核实并发布更新后的信息（内容未变也应重新核对后更新日期）", advisory=True, checks=("rules.guide.statutory",)),
    # 舆情登记簿
    Rule("sentiment.division", ERROR, "涉事责任处室或转办处室未在栏目任务分解表中登记", "改用栏目任务分解表中登记的处室名称", checks=("rules.sentiment.sentiment",)),
    Rule("sentiment.due", WARNING, "舆情回应等时限尚未到期（提示组宣人事处跟进）", "跟进涉事处室的处置，回应、发布后在登记簿记录时间", advisory=True, checks=("rules.sentiment.sentiment",)),
    Rule("sentiment.duplicate", ERROR, "两个舆情登记文件使用同一编号", "每条舆情一个编号：改正其中一个", sources=("core.sentiment",)),
    Rule("sentiment.invalid", ERROR, "舆情登记文件格式或字段错误", "按错误信息改正字段名或取值（格式见 docs/clocks.md）", sources=("core.sentiment",)),
    Rule("sentiment.item", ERROR, "回应所链接的索引号不是已有的信息", "填写“回应关切”栏目中回应信息的索引号；尚未公开发布的不填", checks=("rules.sentiment.sentiment",)),
    Rule("sentiment.late", WARNING, "舆情回应、权威信息或新闻发布会晚于时限（48/5/24 小时）",
         "在月度督查中说明原因；涉事责任处室改进处置流程", advisory=True, adjustable=True, checks=("rules.sentiment.sentiment",), sources=("core.clocks.settings",)),
    Rule("sentiment.order", ERROR, "转办、回应、报告、发布会或权威发布时间早于舆情出现时间", "核对两处时间（北京时间），按实际发生时间填写", checks=("rules.sentiment.sentiment",)),
    Rule("sentiment.overdue", WARNING, "时限已过仍未记录回应、权威信息或新闻发布会", "督促涉事处室立即回应或发布，并在登记簿记录时间", advisory=True, adjustable=True, checks=("rules.sentiment.sentiment",), sources=("core.clocks.settings",)),
    Rule("sentiment.personal_data", ERROR, "舆情登记簿中有个人身份信息（字段或号码）", "舆情登记簿不记录网民或当事人的身份信息（姓名、证件号码、电话、地址）：删除该内容，写概要即可", sources=("core.registerfiles", "core.sentiment")),
    Rule("sentiment.report_missing", WARNING, "重大、特别重大突发事件舆情没有记录向党组、市委市政府报告",
         "由涉事责任处室第一时间报告，并写 report: {to: 党组, at: 报告时间}", advisory=True, checks=("rules.sentiment.sentiment",)),
    Rule("sentiment.secrecy", ERROR, "舆情登记簿中有密级标志", "涉密事项不在舆情登记簿记录：删除该内容，按保密规定另行处理", sources=("core.registerfiles",)),
    # 处室督查情况
    Rule("inspections.division", ERROR, "督查情况文件的处室与文件名不一致，或未在栏目任务分解表中登记", "文件名用报送处室的名称（<处室>.yml），division 与文件名一致，且是栏目任务分解表中登记的处室", sources=("core.inspections",)),
    Rule("inspections.invalid", ERROR, "督查情况文件（governance/inspections/）格式或字段错误", "按错误信息改正字段名或取值（每个处室每月一个文件：governance/inspections/<年-月>/<处室>.yml）", sources=("core.inspections",)),
    Rule("inspections.personal_data", ERROR, "督查情况中有个人信息", "督查情况只写检查对象、问题和整改，不写群众或工作人员的个人信息：删除该内容", sources=("core.registerfiles",)),
    Rule("inspections.secrecy", ERROR, "督查情况中有密级标志", "涉密事项不在督查情况中记录：删除该内容，按保密规定另行处理", sources=("core.registerfiles",)),
    # 模板示例文字
    Rule("scaffold.placeholder", ERROR, "模板中的示例文字还没有改，不能发布", "把模板中的示例文字改为本条信息的实际内容（错误信息会说明该填什么）", checks=("rules.placeholder.placeholders",)),
    # 信息页面网址
    Rule("pages.collision", ERROR, "信息页面网址与其他页面冲突", "改用其他文件名（例如按年份和序号命名）；或把文件移到其他文件夹", checks=("rules.pages.redirects",)),
    Rule("pages.redirect", ERROR, "原网址 redirect_from 不是本站的页面路径",
         "写迁移前的相对路径，例如 redirect_from: [zcwj/old-name/]（不写域名，不用 ..）；或删除这一项", checks=("rules.pages.redirects",)),
    Rule("pages.withdrawn", ERROR, "撤回说明 withdrawn 填写有误", "撤回说明只可填写 date、reason、replacement；日期写成 YYYY-MM-DD", checks=("rules.pages.withdrawals",)),
    # 发布范围
    Rule("publish.attachment_path", ERROR, "附件路径无效", "把附件放在信息同名文件夹中，写成 attachments: - file: 文件夹名/文件名", sources=("core.inventory",)),
    Rule("publish.page_extension", ERROR, "文件的扩展名会被 MkDocs 当作页面发布，但不在审查范围内",
         "页面文件一律用小写扩展名 .md（改名后重新审查）；不是页面的文件请移出 content/", sources=("core.inventory",)),
    Rule("publish.symlink", ERROR, "这是一个符号链接：发布时会把它指向的文件（可能是审查表或服务器上的文件）一并公开", "删除该链接，把要发布的文件本身放入仓库（作为某条信息的附件）", sources=("core.inventory",)),
    Rule("publish.unsafe_name", ERROR, "文件或文件夹名含有不能用在网址中的字符，发布后的链接会指向别处",
         "改名：只用汉字、字母、数字和 - _ . 等字符（不要用 : \\ % # ? 引号、尖括号和控制字符），改名后重新审查",
         sources=("core.inventory",)),
    Rule("publish.unexpected_output", ERROR, "构建输出中有未经审查的文件（MkDocs 会发布 content/ 中未列为附件的文件，或文件顶替主题文件）",
         "列入某条信息的 attachments 并重新审查，或移出 content/；或换一个文件名", sources=("mkdocs.verify",)),
    Rule("publish.unlisted", ERROR, "主题文件夹 overrides/ 中有模板、样式、脚本、图标或字体以外的文件",
         "overrides/ 只放模板（.html）和 assets/ 下的 .css/.js/图片/字体；其他文件请移出", sources=("core.inventory",)),
)

BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}
ADVISORY: frozenset[str] = frozenset(rule.id for rule in RULES if rule.advisory)
