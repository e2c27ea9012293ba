"""The report: notebook parameters, the corpus subset, the papermill runner and its HTML pages, the digest."""

from __future__ import annotations

from .digest import render_digest, report_overview, speaker_summary
from .params import check_parameters
from .runner import run_report
from .subset import Selection, select_corpus

__all__ = ["render_digest", "report_overview", "speaker_summary", "check_parameters", "run_report", "Selection",
           "select_corpus"]
