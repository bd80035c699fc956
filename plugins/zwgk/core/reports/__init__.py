"""Internal reports (督查月报, 年度考核): pure data builders plus HTML and XLSX writers.

- :func:`zwgk.core.reports.monthly.build_monthly` → :class:`~zwgk.core.reports.monthly.MonthlyReport`
- :func:`zwgk.core.reports.assessment.build_assessment` → :class:`~zwgk.core.reports.assessment.AssessmentReport`
- :mod:`zwgk.core.assessment_registers`: ``governance/notices.yml`` and ``governance/assessment.yml``
  (loaded there, outside this package, because the rules validate them too)
- :mod:`zwgk.core.reports.html` / :mod:`zwgk.core.reports.xlsx`: layout only, deterministic bytes

Reports are never part of the public site (``zwgk report`` refuses to write into the content folder).
"""
