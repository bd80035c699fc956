"""The rulebook's clocks: 主动公开 deadline (:mod:`.deadline`), 意见征集, 舆情回应, 栏目更新 — pure
functions of a :class:`Site`.

Every clock reads ``site.today`` (never the wall clock), so the build, ``zwgk check``, the
public page and the reports agree for any fixed day. Rules turning clocks into findings live in
:mod:`zwgk.core.rules.clocks` (the deadline: :mod:`zwgk.core.rules.timeliness`); the reports in
:mod:`zwgk.core.reports`.
"""

from __future__ import annotations

from .consultation import (
    ADOPTION,
    ConsultationState,
    ConsultationStatus,
    consultation_status,
    outcome_due,
    outcomes_by_consultation,
)
from .months import add_months, add_period, month_bounds, period_label
from .response import LEVELS, MAJOR, ClockCheck, ResponseClock, response_clock
from .settings import SHANGHAI, ClockSettings, parse_settings, settings_for, to_shanghai
from .staleness import ColumnState, Inspection, VetoRisk, column_states, inspection

__all__ = [
    "ADOPTION",
    "LEVELS",
    "MAJOR",
    "SHANGHAI",
    "ClockCheck",
    "ClockSettings",
    "ColumnState",
    "ConsultationState",
    "ConsultationStatus",
    "Inspection",
    "ResponseClock",
    "VetoRisk",
    "add_months",
    "add_period",
    "column_states",
    "consultation_status",
    "inspection",
    "month_bounds",
    "outcome_due",
    "outcomes_by_consultation",
    "parse_settings",
    "period_label",
    "response_clock",
    "settings_for",
    "to_shanghai",
]
