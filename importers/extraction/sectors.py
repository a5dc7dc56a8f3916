"""Sectors named as the content of an investment, project or cooperation.

A sector keyword counts only in a sentence that speaks of investing or cooperating, and only
after the words that say so ("mong muốn hợp tác ... trong phát triển AI") or in the description
of the firms that say so ("Các doanh nghiệp Hàn Quốc về bán dẫn ... muốn đầu tư"): the same keyword in
background statistics ("kim ngạch", "dòng vốn"), in an organization's name ("Ủy ban Xúc tiến
Thương mại"), in a law or policy ("Nghị quyết ... chuyển đổi số quốc gia") or in an event's
name or theme does not make the article about that sector.

Some phrases hold a keyword without naming a sector ("tiềm lực tài chính" is an investor's
means, "cán cân thương mại" a statistic): `sector_blockers` in data/cues.json lists them, and
they win over the shorter keyword inside them. A lower-case keyword written with a capital inside
a sentence is part of a name ("các Bộ Tài chính, Thương mại", "Hiệp định Thương mại tự do"). And
"thương mại" beside "kinh tế" or "đầu tư" ("hợp tác kinh tế, thương mại và đầu tư") speaks of
relations between two countries, not of trade as what is invested in.

What else a sentence about an investment says with sector words (what the project will help
with, advice to the host, an investment abroad, shares of a total, a building as a place, a
lending bank) is told apart in `sector_scope`. A company's own name ("Công ty TNHH Nước giải
khát ...") states what is invested in when the sentence names nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from importers.extraction.gazetteer import Gazetteer, Sector
from importers.extraction.lexicon import PhraseFinder, PhraseTable, cue_finder, load_lexicon
from importers.extraction.sector_scope import (
    BLOCKERS,
    LENDERS,
    LOAN,
    NAME_BOILERPLATE,
    PARTS,
    RELATED_HEADLINE,
    asides,
    company_names,
    invests_abroad,
    located_at,
    named_after,
    part_of,
    shares,
)
from importers.extraction.tokens import Token
from importers.types import Mention, SectorFound, Sentence
from leads.text import canonical_tones

_MAX_NAME_TOKENS = 30
_MAX_LINK_TOKENS = 60  # a bracketed related-article headline is short; an unclosed "[" excludes nothing
# Function words that may stand in that description ("lớn của Đài Loan", "đến từ Hàn Quốc").
_SUBJECT_LINKS = frozenset({"của", "các", "những", "nhiều", "tại", "ở", "đến", "từ"})
_MAX_SUBJECT_WORDS = 5  # words between "doanh nghiệp" and "về" in "Các doanh nghiệp lớn của Hàn Quốc về ..."
_CLAUSE_PUNCTUATION = frozenset(';:.!?()[]"“”…')
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class SectorHit:
    """A sector keyword where it counts: its slug, offsets and sentence."""

    slug: str
    start: int
    end: int
    text: str
    sentence: Sentence
    subject: bool = False  # named in the subject before the interest cue ("Các doanh nghiệp về bán dẫn muốn ...")
    bare_factory: bool = False  # a factory word with no product after it ("Nhà máy có công suất ...")


@lru_cache(maxsize=4)
def _keyword_finder(sectors: tuple[Sector, ...], blockers: tuple[str, ...] = ()) -> PhraseFinder:
    """Keywords to their slug; blockers (phrases that name no sector) to "" so they hide the keywords inside.

    Some 400 phrases: their alternation is rebuilt as a trie (shared prefixes tried once), which
    matches the same longest phrases several times faster than the flat list.
    """
    phrases: dict[str, object] = {blocker: "" for blocker in blockers}
    phrases.update({keyword: sector.slug for sector in sectors for keyword in sector.keywords})
    finder = PhraseFinder(phrases)
    sensitive = [p for p in finder.values if p != p.lower()]
    insensitive = [p for p in finder.values if p == p.lower()]
    finder.patterns = [
        re.compile(_BOUNDED.format(_trie(sensitive))) if sensitive else None,
        re.compile(_BOUNDED.format(_trie(insensitive)), re.IGNORECASE) if insensitive else None,
    ]
    return finder


_BOUNDED = r"(?<![\w])(?:{})(?![\w])"


def _trie(phrases: list[str]) -> str:
    """A regex for `phrases` that tries a longer phrase before a prefix of it, as a longest-first list does."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def quoted_and_named_spans(tokens: list[Token], body: str) -> list[tuple[int, int]]:
    """Spans of policy, law and event names, of quoted themes and of bracketed headlines in one sentence.

    A policy name ("Nghị quyết số 57 ... về ... chuyển đổi số quốc gia") runs to the end of
    its clause; an event name ("Tọa đàm Xúc tiến đầu tư, thương mại ... Việt Nam - Trung
    Quốc") runs to the word that starts the rest of the sentence ("do", "tại", "diễn ra").
    """
    cues = load_lexicon().cues
    policy_heads = _heads(tuple(cues["policy_heads"]))
    event_heads = _heads(tuple(cues["event_heads"]))
    policy_ends, clause_ends = set(cues["policy_ends"]), set(cues["clause_ends"])
    named_events = _lower_heads(tuple(cues["named_event_words"]))
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token.text == "[":  # "[Việt Nam và Hàn Quốc thúc đẩy hợp tác ...]": a related article's headline
            close = next(
                (j for j in range(index + 1, min(len(tokens), index + _MAX_LINK_TOKENS)) if tokens[j].text == "]"), None
            )
            if close is not None:
                spans.append((token.start, tokens[close].end))
            continue
        if token.text in ("“", '"') and index > 0:
            close = next((j for j in range(index + 1, len(tokens)) if tokens[j].text in ("”", '"')), None)
            if close is not None and _is_theme(tokens, index):
                spans.append((token.start, tokens[close].end))
            continue
        length, _ = named_events.match(tokens, index) if token.is_lower else (0, None)
        if length:
            end = _clause_end(tokens, index + length, clause_ends)
            if _names_a_dated_event(tokens[index + length : end]):
                spans.append((token.start, tokens[end - 1].end))
        for heads, ends, needs_name in ((policy_heads, policy_ends, False), (event_heads, clause_ends, True)):
            length, _ = heads.match(tokens, index)
            if not length:
                continue
            following = index + length
            if needs_name and not (following < len(tokens) and tokens[following].is_capitalized):
                continue
            end = _clause_end(tokens, following, ends)
            spans.append((token.start, tokens[end - 1].end))
    return spans


@lru_cache(maxsize=8)
def _heads(phrases: tuple[str, ...]) -> PhraseTable:
    return PhraseTable({p: p for p in phrases}, case="all")


@lru_cache(maxsize=8)
def _lower_heads(phrases: tuple[str, ...]) -> PhraseTable:
    return PhraseTable({p: p for p in phrases}, case="none")


def _names_a_dated_event(tokens: list[Token]) -> bool:
    """Whether the words after a lower-case event word hold a proper name and a year: an event's name."""
    return any(t.is_capitalized for t in tokens) and any(_YEAR.match(t.text) for t in tokens)


def _is_theme(tokens: list[Token], index: int) -> bool:
    """Whether an opening quote follows "chủ đề" (a theme) rather than introducing speech."""
    before = " ".join(t.text for t in tokens[max(0, index - 3) : index]).lower()
    return "chủ đề" in before or "khẩu hiệu" in before


def _clause_end(tokens: list[Token], index: int, ends: set[str]) -> int:
    """Token index where a policy or event name stops (names hold comma lists, so not at commas)."""
    position = index
    limit = min(len(tokens), index + _MAX_NAME_TOKENS)
    while position < limit:
        token = tokens[position]
        if token.text in _CLAUSE_PUNCTUATION:
            break
        pair = f"{token.text} {tokens[position + 1].text}" if position + 1 < len(tokens) else ""
        if token.text in ends or pair in ends:
            break
        position += 1
    return max(position, index)


def sector_hits(sentence: Sentence, excluded: list[tuple[int, int]], gazetteer: Gazetteer) -> list[SectorHit]:
    """Keywords of `sentence` that count: after an investment/cooperation cue, outside names.

    A factory ("nhà máy", `sector_factory_words`) is manufacturing as well as what it makes, listed after
    the product ("nhà máy sản xuất sợi": textiles first), unless it is a plant of another sector
    (`plant_sectors`: "nhà máy nhiệt điện", "nhà máy xử lý nước thải").
    """
    if RELATED_HEADLINE.search(sentence.text) or cue_finder("background").find(sentence.text):
        return []  # "Khởi công nhà máy lọc dầu X(01/09/2004)": a related article's dated headline
    if invests_abroad(sentence, gazetteer) or shares(sentence):
        return []
    cues = [c for c in cue_finder("sector_cues").find(sentence.text, sentence.start) if not _inside(c, excluded)]
    if not cues:
        return []
    call = _official_call(sentence)
    if call is not None and any(s >= call for s, _ in excluded):
        call = None  # "Phó Thủ tướng mong muốn KOSPO hợp tác ...": a wish a named party answers for
    priority = _host_priority(sentence) if any(w in sentence.text for w in _PRIORITY_WORDS) else None
    call = priority if call is None or (priority is not None and priority < call) else call
    context = _Context(cues[0][0], call, _subject_span(sentence), excluded + asides(sentence))
    sites = _site_keywords(tuple(load_lexicon().cues["site_keywords"]))
    blockers = (*load_lexicon().cues.get("sector_blockers", ()), *BLOCKERS)
    found = _keyword_finder(gazetteer.sectors, blockers).find(sentence.text, sentence.start)
    companies = company_names(sentence, excluded)
    relation_lists = _relation_list_spans(sentence) if any(slug for _, _, slug in found) else []
    hits, named = [], []
    for start, end, slug in found:
        text = sentence.text[start - sentence.start : end - sentence.start]
        in_name = slug and _inside((start, end), companies) and canonical_tones(text).lower() not in NAME_BOILERPLATE
        if in_name and context.counts(start, end, firm=True, name=True):
            named.append(SectorHit(str(slug), start, end, text, sentence, subject=context.in_subject(start, end)))
            continue
        if not slug or not context.counts(start, end, firm=_describes_a_firm(sentence, start)):
            continue
        if _capitalized_inside(sentence, start, text, gazetteer) or _relation_word(sentence, start, end):
            continue
        if located_at(sentence, start, end):
            continue  # "tại tòa nhà Việt Âu", "cạnh cảng nước sâu Vũng Rô": where, not what
        if canonical_tones(text).lower() in LENDERS and LOAN.search(sentence.text):
            continue  # "vay 22 triệu USD từ 5 ngân hàng": banks lend to the project, nobody invests in banking
        if canonical_tones(text).lower() in PARTS and part_of(sentence, end):
            if any(s == end + 1 and v for s, _, v in found):
                continue  # "sản xuất linh kiện bán dẫn": parts of the product named next
            slug = "manufacturing"  # "sản xuất linh kiện động cơ": parts of something, not electronics
        if _in_relation_list(start, end, relation_lists):
            continue  # "hợp tác quốc phòng, văn hóa, giáo dục": fields of relations between two countries
        if canonical_tones(text).lower() in sites and named_after(sentence, end) and not _plural(sentence, start):
            continue  # "tại Khu công nghiệp Tràng Duệ": where, not what ("các khu công nghiệp VSIP": what)
        hits.append(SectorHit(str(slug), start, end, text, sentence, subject=context.in_subject(start, end)))
    hits += _factory_hits(sentence, found, context)
    # "Công ty TNHH Nước giải khát ... được chấp thuận đầu tư mở rộng": the firm's name tells what is
    # invested in only when the sentence names nothing else ("Công ty Dịch vụ viễn thông X đầu tư sản
    # xuất robot" invests in robots).
    return hits or named


@lru_cache(maxsize=4)
def _site_keywords(keywords: tuple[str, ...]) -> frozenset[str]:
    return frozenset(canonical_tones(k).lower() for k in keywords)


@dataclass(frozen=True)
class _Context:
    """Where in a sentence keywords count: after the first cue (or in the subject), before an official's call."""

    first_cue: int
    call: int | None
    subject: tuple[int, int] | None
    excluded: list[tuple[int, int]]

    def in_subject(self, start: int, end: int) -> bool:
        return self.subject is not None and self.subject[0] <= start and end <= self.subject[1]

    def counts(self, start: int, end: int, firm: bool = False, name: bool = False) -> bool:
        early = start < self.first_cue and not (firm or self.in_subject(start, end))
        if early or (not name and _inside((start, end), self.excluded)):
            return False
        # "Thủ tướng đề nghị các doanh nghiệp đầu tư vào năng lượng, du lịch": a wish, not a project
        return self.call is None or start <= self.call


def _describes_a_firm(sentence: Sentence, start: int) -> bool:
    """Whether the keyword follows a firm or deal noun: "tập đoàn bảo hiểm", "công ty bán dẫn", "hợp đồng dầu khí".

    Such a firm's sector counts before the cue too: the sentence reports what that firm does.
    """
    before = sentence.text[max(0, start - sentence.start - _FIRM_REACH) : start - sentence.start]
    nouns = (*load_lexicon().cues.get("sector_firm_nouns", ()), *_DEAL_NOUNS)
    return any(before.endswith(noun + " ") for noun in nouns)


_FIRM_REACH = 20
# A deal named by what it is about ("Hợp đồng dầu khí các lô ... được ký kết"): its sector counts
# before the cue, as a firm's does.
_DEAL_NOUNS = ("hợp đồng", "Hợp đồng")


def _factory_hits(sentence: Sentence, found: list[tuple[int, int, object]], context: _Context) -> list[SectorHit]:
    """A manufacturing hit for each factory word that counts and is no plant of another sector."""
    plants = set(load_lexicon().cues.get("plant_sectors", ()))
    hits = []
    for start, end, _ in cue_finder("sector_factory_words").find(sentence.text, sentence.start):
        product = next((slug for s, e, slug in found if s <= start < e or s == end + 1), None)
        if product in plants or not context.counts(start, end):
            continue  # "nhà máy nhiệt điện", "nhà máy xử lý nước thải"
        text = sentence.text[start - sentence.start : end - sentence.start]
        subject = context.in_subject(start, end)
        hits.append(SectorHit("manufacturing", start, end, text, sentence, subject, bare_factory=product is None))
    return hits


def _official_call(sentence: Sentence) -> int | None:
    """Where a Vietnamese official's wish or call starts, if the sentence reports one.

    "Thủ tướng đề nghị ...", "Chủ tịch nước cho biết Việt Nam luôn tạo điều kiện ...": the sectors
    after it are what the official invites, not the content of anyone's investment. The official
    (`official_heads`) and the verb (`official_calls`) stand in one clause, in that order. A host's
    call needs no official: "các lĩnh vực khuyến khích đầu tư là ..." (`host_calls`).
    """
    hosts = cue_finder("host_calls").find(sentence.text, sentence.start)
    if hosts:
        return hosts[0][1]
    heads = cue_finder("official_heads").find(sentence.text, sentence.start)
    if not heads:
        return None
    for start, end, _ in cue_finder("official_calls").find(sentence.text, sentence.start):
        for head in heads:
            between = sentence.text[head[1] - sentence.start : start - sentence.start]
            if head[1] <= start and not any(p in between for p in ".;"):
                return end
    return None


# A host's development priorities, as `host_calls`: what it wants, not what an investor brings.
_PRIORITY_WORDS = ("ưu tiên", "Ưu tiên", "trọng tâm", "Trọng tâm", "cổ phần hóa", "cổ phần hoá")  # a cheap test
# ... and the state firms a host offers for sale ("cổ phần hóa doanh nghiệp nhà nước trong các lĩnh vực ...").
_HOST_PRIORITIES = (
    "ưu tiên phát triển",
    "định hướng ưu tiên",
    "lĩnh vực ưu tiên",
    "trọng tâm phát triển",
    "cổ phần hóa",
    "cổ phần hoá",
)


@lru_cache(maxsize=1)
def _host_priority_pattern() -> re.Pattern[str]:
    phrases = "|".join(re.escape(p) for p in _HOST_PRIORITIES)  # "hóa" and "hoá" are both listed
    return re.compile(rf"(?<![\w])(?:{phrases})(?![\w])", re.IGNORECASE)


def _host_priority(sentence: Sentence) -> int | None:
    """Where a list of the host's priorities starts ("nêu các ưu tiên phát triển của tỉnh như ...").

    A province or country that names the fields it means to develop invites investment in them, as
    an official's call does; the sectors after it are no investor's project ("Tập đoàn ưu tiên đầu tư
    vào ..." is an investor's choice and is not listed).
    """
    found = _host_priority_pattern().search(sentence.text)
    return sentence.start + found.end() if found else None


def _subject_span(sentence: Sentence) -> tuple[int, int] | None:
    """The sectors a subject is described by, when it states an interest right after them.

    "Các doanh nghiệp lớn của Đài Loan về linh kiện điện tử, bán dẫn ... muốn mở rộng nhà
    máy": firms (a business noun), a few describing words, a marker ("về", "trong lĩnh
    vực", "chuyên"), the sectors, then the first interest cue. The span runs from the marker
    to that cue; a verb between the firms and the marker ("Công ty đánh giá cao về ...") makes
    it an assessment instead.
    """
    interest = cue_finder("opportunity_cues").find(sentence.text, sentence.start)
    if not interest:
        return None
    cue = interest[0][0]
    stop_words = load_lexicon().stop_words
    nouns = [n for n in cue_finder("business_nouns").find(sentence.text, sentence.start) if n[1] <= cue]
    for start, end, _ in cue_finder("subject_sector_markers").find(sentence.text, sentence.start):
        if end > cue:
            break
        for noun in nouns:
            between = sentence.text[noun[1] - sentence.start : start - sentence.start].split()
            verbs = stop_words.intersection(between) - _SUBJECT_LINKS
            if noun[1] <= start and len(between) <= _MAX_SUBJECT_WORDS and not verbs:
                clause = sentence.text[end - sentence.start : cue - sentence.start]
                return None if any(p in clause for p in ";:") else (end, cue)
    return None


_OPENERS = frozenset("\"“([‘'-–—:.!?…")
_RELATION_NEIGHBOURS = ("kinh tế", "đầu tư")  # "kinh tế - thương mại", "thương mại, đầu tư"
_RELATION_WORD = "thương mại"
_BILATERAL = ("giữa hai", "song phương", "hai chiều", "hai nước")
_RELATION_GLUE = re.compile(r"^[\s,\-–—]*(?:và\s+)?$")
_RELATION_REACH = 12  # characters either side: "kinh tế – " and "đầu tư" fit


@lru_cache(maxsize=4)
def _lower_keywords(sectors: tuple[Sector, ...]) -> frozenset[str]:
    """Keywords listed in lower case only (they match in any case; "AI", "Big Data" are listed as written)."""
    keywords = [canonical_tones(k) for s in sectors for k in s.keywords]
    capitalized = {k.lower() for k in keywords if k != k.lower()}
    return frozenset(k for k in keywords if k == k.lower() and k not in capitalized)


def _capitalized_inside(sentence: Sentence, start: int, text: str, gazetteer: Gazetteer) -> bool:
    """Whether a keyword listed in lower case is written capitalized mid-sentence: part of a name.

    A capital at the sentence start or after an opening quote, bracket or colon says nothing, and
    a one-word keyword needs a capitalized word before it to be part of a name ("6 tuyến Metro" is
    the metro; "Bộ Y tế" is a ministry).
    """
    if not text[:1].isupper() or canonical_tones(text).lower() not in _lower_keywords(gazetteer.sectors):
        return False
    before = sentence.text[: start - sentence.start].rstrip()
    if not before or before[-1] in _OPENERS:
        return False
    return " " in text or before.split()[-1][:1].isupper()


def _relation_word(sentence: Sentence, start: int, end: int) -> bool:
    """Whether "thương mại" stands beside "kinh tế" or "đầu tư", or before "giữa hai nước": relations."""
    offset = sentence.start
    if canonical_tones(sentence.text[start - offset : end - offset]).lower() != canonical_tones(_RELATION_WORD):
        return False
    before = canonical_tones(sentence.text[max(0, start - offset - _RELATION_REACH) : start - offset]).lower()
    after = canonical_tones(sentence.text[end - offset : end - offset + _RELATION_REACH]).lower()
    if after.lstrip().startswith(_BILATERAL):
        return True  # "thương mại giữa hai nước", "thương mại song phương", "thương mại hai chiều"
    for neighbour in (canonical_tones(n) for n in _RELATION_NEIGHBOURS):
        if neighbour in before and _RELATION_GLUE.match(before.rpartition(neighbour)[2]):
            return True
        glue, found, _ = after.partition(neighbour)
        if found and _RELATION_GLUE.match(glue):
            return True
    return False


# Fields of relations between states, not of investment: a list whose items end in two of them lists
# cooperation fields ("an ninh, quốc phòng, thương mại - kinh tế, du lịch, giáo dục").
_RELATION_FIELDS = (
    "quốc phòng",
    "an ninh",
    "ngoại giao",
    "chính trị",
    "văn hóa",
    "giao lưu nhân dân",
    "khoa học",
    "kinh tế",
)
_LIST_CLAUSE = re.compile(r"[^;:.!?()\[\]…\"“”]+")
_LIST_SEPARATOR = re.compile(r"\s*(?:[,/\-–—]|\.\.\.|(?<![\w])và(?![\w]))\s*")
_SHORT_ITEM_WORDS = 4  # "năng lượng tái tạo", "giao lưu nhân dân"; a longer item starts or ends the list


@lru_cache(maxsize=1)
def _relation_field_pattern() -> re.Pattern[str]:
    forms = {form for field in _RELATION_FIELDS for form in (field, canonical_tones(field), field.replace("óa", "oá"))}
    fields = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{fields})(?![\w])")


def _relation_list_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans (absolute offsets) of the lists of a sentence that name fields of bilateral relations.

    Officials list what two countries cooperate in ("chính trị - an ninh, văn hóa, giáo dục, du
    lịch"): the sector words in such a list are domains of relations, not the content of an
    investment. One such field is not enough ("kết nối về địa lý, kinh tế và logistics", "thương
    mại – dịch vụ và giao lưu nhân dân" still name what is invested in). A list is a run of
    short items between commas, dashes or "và"; a longer item closes it with its first words and
    opens the next with its last ones ("tăng cường quan hệ kinh tế, thương mại và đầu tư hai
    nước, mở rộng hợp tác về năng lượng, dầu khí" holds two lists).
    """
    text = sentence.text.lower()
    if len({canonical_tones(m.group(0)) for m in _relation_field_pattern().finditer(text)}) < 2:
        return []  # most sentences: no list of relations, and no need to split them
    spans = []
    for clause in _LIST_CLAUSE.finditer(text):
        for start, end in _lists(clause.group(0), clause.start()):
            body = text[start:end]
            matches = _relation_field_pattern().finditer(body)
            fields = {canonical_tones(m.group(0)) for m in matches if _ends_item(body, m.end())}
            if len(fields) >= 2:
                spans.append((sentence.start + start, sentence.start + end))
    return spans


def _lists(clause: str, offset: int) -> list[tuple[int, int]]:
    """Runs of list items in one clause, as offsets of the sentence (see `_relation_list_spans`)."""
    items, position = [], 0
    for separator in _LIST_SEPARATOR.finditer(clause):
        items.append((position, separator.start()))
        position = separator.end()
    items.append((position, len(clause)))
    if len(items) < 2:
        return []
    runs: list[tuple[int, int]] = []
    run_start = None
    for start, end in items:
        words = list(re.finditer(r"\S+", clause[start:end]))
        if len(words) <= _SHORT_ITEM_WORDS:
            run_start = start if run_start is None else run_start
            continue
        head_end = start + words[_SHORT_ITEM_WORDS - 1].end()
        if run_start is not None:
            runs.append((offset + run_start, offset + head_end))
        run_start = start + words[-_SHORT_ITEM_WORDS].start()
    if run_start is not None:
        runs.append((offset + run_start, offset + len(clause)))
    return runs


def _ends_item(body: str, end: int) -> bool:
    """Whether a field ends its list item ("kinh tế, thương mại"; not "kinh tế số")."""
    return end == len(body) or bool(_LIST_SEPARATOR.match(body, end))


def _in_relation_list(start: int, end: int, lists: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in lists)


def _plural(sentence: Sentence, start: int) -> bool:
    before = sentence.text[: start - sentence.start].split()
    return bool(before) and before[-1].lower() in ("các", "những", "nhiều", "mọi")


def _inside(span: tuple[int, int, object] | tuple[int, int], excluded: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in excluded)


def sectors_found(hits: list[SectorHit]) -> tuple[SectorFound, ...]:
    """One SectorFound per slug, in order of first mention, with every counted mention.

    A bare factory word ("Nhà máy có công suất 6,5 triệu tấn") refers back to the plant the article
    names: in an article about a sector whose plants are of their own (a refinery, a power or water
    plant), the bare word is that plant, not manufacturing, unless a factory of a product is named.
    """
    factories = [h for h in hits if h.slug == "manufacturing"]
    if factories and all(h.bare_factory for h in factories) and any(_names_a_plant(h) for h in hits):
        hits = [h for h in hits if h.slug != "manufacturing"]
    grouped: dict[str, list[SectorHit]] = {}
    for hit in hits:
        grouped.setdefault(hit.slug, []).append(hit)
    return tuple(
        SectorFound(
            slug=slug,
            mention=group[0].text,
            mentions=tuple(Mention(h.start, h.end, h.text, h.sentence) for h in group),
        )
        for slug, group in grouped.items()
    )


def _names_a_plant(hit: SectorHit) -> bool:
    """Whether a hit names a sector whose plants are no manufacturing (`plant_sectors`: power, water...)."""
    return hit.slug in load_lexicon().cues.get("plant_sectors", ())
