"""Fixtures of the concurrency tests (the API's people and records) and the summary of the races run.

Each race records one line (`record_rounds`); the lines are printed at the end of the run, so the
figures can be quoted without `-s`.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import _fresh_throttle_counts, full_staff, pipeline, staff_api  # noqa: F401

ROUNDS_SUMMARY: list[str] = []


def record_rounds(line: str) -> None:
    """Keep one summary line of a race (its rounds and outcomes) for the end of the run."""
    ROUNDS_SUMMARY.append(line)
    print(line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if ROUNDS_SUMMARY:
        terminalreporter.section("concurrency: rounds and outcomes")
        for line in ROUNDS_SUMMARY:
            terminalreporter.write_line(line)
