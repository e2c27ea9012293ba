"""The report: notebook parameters, the papermill runner and its HTML pages, the synthesis digest."""

from __future__ import annotations

from .digest import render_digest, report_overview, speaker_summary
from .params import check_parameters
from .runner import run_report

__all__ = ["render_digest", "report_overview", "speaker_summary", "check_parameters", "run_report"]
