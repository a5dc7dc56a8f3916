"""The summary of the schemathesis run: one line per token, printed at the end so CI's log shows the figures."""

from __future__ import annotations

import pytest

FUZZ_SUMMARY: list[str] = []


def record_run(line: str) -> None:
    """Keep one token's figures (cases sent, server errors, conformance failures) for the end of the run."""
    FUZZ_SUMMARY.append(line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FUZZ_SUMMARY:
        terminalreporter.section("schemathesis: cases and failures per token")
        for line in FUZZ_SUMMARY:
            terminalreporter.write_line(line)
