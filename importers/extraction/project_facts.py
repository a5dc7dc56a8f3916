"""What a lead's sentences say of its project: the project as written, its value, land area, jobs and type.

Pure functions of the text (and, for the value, of the amounts the amount rule found), kept
apart from `investments`, which joins who invests (`investors`), in which step (`lead_status`) and where
(`lead_targets`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from importers.extraction.amounts import parse_number
from importers.extraction.lexicon import cue_finder
from importers.extraction.organizations import OrganizationMatch

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

_VALUE_WINDOW = 30  # characters before an amount that say what it is
_AREA = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*(ha|hecta|héc-ta|m2|m²)(?!\w)")
_JOBS = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:lao động|công nhân|việc làm|nhân viên|người lao động|chỗ làm)(?!\w)"
)
_MAX_PROJECT_WORDS = 14
_PROJECT_PUNCTUATION = re.compile(r"[,;:.()!?\"“”…]")


def project_as_written(text: str) -> str:
    """The project as written: from the first project word ("dự án", "nhà máy") to the end of its phrase."""
    heads = cue_finder("project_heads").find(text)
    if not heads:
        return ""
    start = heads[0][0]
    rest = text[start:]
    cut = _PROJECT_PUNCTUATION.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    words = phrase.split()
    ends = frozenset(cue_finder("project_ends").values)
    kept = words[:1]
    for position in range(1, min(len(words), _MAX_PROJECT_WORDS)):
        if words[position] in ends or " ".join(words[position : position + 2]) in ends:
            break
        kept.append(words[position])
    if len(kept) == 1 and len(words) > 1:
        kept = words[:2]
    project = " ".join(kept)
    return "" if project == text[heads[0][0] : heads[0][1]] else project  # "Dự án" alone names nothing


def project_value(
    start: int, end: int, inputs: OpportunityInputs, orgs: list[OrganizationMatch] | None = None
) -> tuple[Decimal, str] | None:
    """The first amount of the part that is the project's (not revenue, not a total of others, not
    the firm's own size in brackets after its name)."""
    body = inputs.body
    not_values = cue_finder("not_value_cues")
    for amount in inputs.amount_index.within(start, end):
        before = body[max(start, amount.start - _VALUE_WINDOW) : amount.start] if body else ""
        if not_values.find(before) or _describes_firm(body, start, amount.start, orgs or []):
            continue
        return amount.value, amount.currency
    return None


def _describes_firm(body: str, start: int, at: int, orgs: list[OrganizationMatch]) -> bool:
    """Whether the amount at `at` is inside brackets opened right after an organization's name that
    speak of the firm ("Tập đoàn X (nhà đầu tư lớn ở Việt Nam với tổng vốn 500 triệu USD)"): its size,
    not the project's."""
    opening = body.rfind("(", start, at)
    if opening == -1 or body.find(")", opening, at) != -1:
        return False  # "X Capital (vốn điều lệ dự kiến 50 tỷ đồng)" is the new venture's capital
    return any(0 <= opening - o.end <= 1 for o in orgs) and bool(cue_finder("firm_size_cues").find(body[opening:at]))


def land_area_ha(text: str) -> Decimal | None:
    match = _AREA.search(text)
    if match is None:
        return None
    try:
        value = parse_number(match.group(1))
    except (InvalidOperation, ValueError):
        return None
    if match.group(2) in ("m2", "m²"):
        value = value / 10000
    return value.normalize() if value != value.to_integral_value() else Decimal(int(value))


def jobs(text: str) -> int | None:
    match = _JOBS.search(text)
    return int(match.group(1).replace(".", "")) if match else None


def is_stake(wording: str) -> bool:
    """Whether the wording buys into a company ("mua 20% cổ phần"), not a project ("mua lại một dự án")."""
    heads = cue_finder("project_heads")
    for _, end, _ in cue_finder("type_m_and_a").find(wording):
        if not heads.find(" ".join(wording[end:].split()[:3])):
            return True
    return False


def investment_type(wording: str, status: str, project: str) -> str:
    """The shape of the investment from its wording: a stake, a joint venture, more of an existing
    one, a cooperation with no project, else a new project."""
    for kind in ("m_and_a", "joint_venture", "expansion"):
        if cue_finder(f"type_{kind}").find(wording):
            return kind
    if status == "capital_increase":
        return "expansion"
    if not project and cue_finder("type_cooperation").find(wording):
        return "cooperation"
    return "new_project"
