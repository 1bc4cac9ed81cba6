"""Which jurisdiction a document is about, from the evidence it gives.

:func:`resolve_jurisdiction` takes what a loader read as plain values — the title, the issuing
bodies, the notice's addressees, the document number (文号), text near the title, the plan's
year — and answers with a :class:`Resolution`. The rules, strongest first:

1. **The title names the place at its start**, alone or qualified by its parents
   (``南京市鼓楼区民政事业发展规划``: the chain 南京市 → 鼓楼区 gives 鼓楼区 under 南京市).
   A title that starts with the plan's name and no place (``“十四五”民政事业发展规划``,
   ``全国…``) is national when a national body issued it or nothing names another place.
2. **A name that fits several places** (鼓楼区, 朝阳, 吉林) is settled by the other evidence:
   a place named in the issuers, the addressees or nearby that is the candidate or one of its
   parents; a document-number prefix naming its province (沪府办发 → 上海市, 苏民发 → 江苏省,
   from the overlay's ``[abbreviations]``); and the addressees' level (各区、县(市)人民政府
   are addressed by a prefecture, 各乡镇人民政府 by a county).
3. **No place in the title**: the place the issuers name (江苏省民政厅 → 江苏省), else the
   document number's prefix (苏民发 → 江苏省; 民发 → national).
4. **The year** prefers the divisions valid then (崇明县 for a 2011–2015 plan, 崇明区 after
   2016).

Unresolved, the result keeps the name found (or none), says why, and carries a stand-in
jurisdiction with a code of its own (:func:`unresolved_code`): ``X-`` and eight hexadecimal
digits of the SHA-256 of the name, title and document number, so that two plans of places
the registry does not know never share an id, and the same document always gets the same one.
Its level is then guessed from the name's suffix — the only case where a suffix decides.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Jurisdiction, Level
from minzheng_plans.registries.jurisdictions import NATIONAL_CODE

if TYPE_CHECKING:
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
    from minzheng_plans.registries.placeindex import PlaceIndex, PlaceMatch, PlaceMention
    from minzheng_plans.registries.places import Division

__all__ = [
    "UNRESOLVED_CODE",
    "Resolution",
    "addressee_level",
    "find_addressees",
    "resolve_jurisdiction",
    "unresolved_code",
    "unresolved_finding",
]

UNRESOLVED_CODE = re.compile(r"^X-[0-9A-F]{8}$")

# A place-like name at the start of a title, for the unresolved case only.
_PLACE_LIKE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|旗|州|盟))"
)
_SUFFIX_LEVELS = (
    ("特别行政区", Level.PROVINCIAL),
    ("自治区", Level.PROVINCIAL),
    ("省", Level.PROVINCIAL),
    ("自治州", Level.PREFECTURE),
    ("州", Level.PREFECTURE),
    ("盟", Level.PREFECTURE),
    ("市", Level.PREFECTURE),
    ("区", Level.COUNTY),
    ("县", Level.COUNTY),
    ("旗", Level.COUNTY),
)
# What opens a title before its place name: quotes, brackets, 关于印发.
_TITLE_NOISE = re.compile(r"^[\s《“\"'(（【\[「]*(?:关于印发|关于)?[\s《“\"'(（【\[「]*")
# A title that names no place but the plan itself: “十四五”…, 全国…, 中国….
_NATIONAL_TITLE = re.compile(r"^[\s《“\"']*(?:十[一二三四五六七八九]?五|全国|中国|国家)")
_NATIONAL_BODIES = ("民政部", "国务院", "国家发展改革委", "国家发展和改革委员会", "财政部")
# Addressees by the level that writes to them: 各区、县(市)人民政府 is a prefecture's notice.
_ADDRESSEE_LEVELS = (
    (re.compile(r"各(?:乡|镇|乡镇|街道)"), Level.COUNTY),
    (re.compile(r"各区[、,，]?\s*县[(（]?市"), Level.PREFECTURE),
    (re.compile(r"各(?:县|县\(市、?区\)|县[(（]市[、,，]?区)"), Level.PREFECTURE),
    (re.compile(r"各区县"), Level.PROVINCIAL),
    (re.compile(r"各(?:省|自治区|直辖市)"), Level.NATIONAL),
    (re.compile(r"各(?:市|设区市|地级市|州)"), Level.PROVINCIAL),
)
_DOCUMENT_PREFIX = re.compile(r"^[\s\u3000]*(?P<prefix>[\u4e00-\u9fff]{1,10})\s*[〔\[(【]")


@attrs.frozen
class Resolution:
    """The jurisdiction a document is about, or a stand-in and the reason it is one.

    ``resolved`` is True when the registry knows the place. ``name`` is the place name found
    in the document (None when it names none); ``evidence`` says what decided (``title``,
    ``issuers``, ``document number`` …); ``candidates`` lists the places an ambiguous name
    could be when the evidence did not settle it.
    """

    jurisdiction: Jurisdiction
    resolved: bool
    name: str | None = None
    evidence: str | None = None
    reason: str | None = None
    candidates: tuple[Jurisdiction, ...] = ()
    historic: bool = False
    problem: str | None = None  # "ambiguous" | "unknown" | "no-place" when unresolved
    described: str = ""  # the candidates with their parents, for messages


def unresolved_code(*parts: str | None) -> str:
    """``X-`` and eight hex digits of the SHA-256 of ``parts`` (NFKC, joined by newlines)."""
    text = "\n".join(unicodedata.normalize("NFKC", part or "") for part in parts)
    return f"X-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8].upper()}"


def addressee_level(addressees: Iterable[str]) -> Level | None:
    """The level of the body that writes to these addressees (各乡镇人民政府 → county)."""
    for line in addressees:
        for pattern, level in _ADDRESSEE_LEVELS:
            if pattern.search(line):
                return level
    return None


def _chain_end(index: PlaceIndex, mentions: Sequence[PlaceMention]) -> list[PlaceMatch]:
    """The places a run of adjacent mentions ends in (南京市 鼓楼区 → 鼓楼区 under 南京)."""
    current = list(mentions[0].matches)
    for mention in mentions[1:]:
        narrowed = [
            m
            for m in mention.matches
            if any(index.is_under(m.place.code, c.place.code) for c in current)
        ]
        if not narrowed:
            break
        current = narrowed
    return current


def _leading(index: PlaceIndex, text: str) -> tuple[str, list[PlaceMatch]]:
    """The place(s) a text starts with, read as a chain of adjacent names, and their words."""
    stripped = _TITLE_NOISE.sub("", text)
    mentions = index.mentions(stripped)
    run: list[PlaceMention] = []
    for mention in mentions:
        if mention.start != (run[-1].end if run else 0):
            break
        run.append(mention)
    if not run:
        return "", []
    return "".join(m.written for m in run), _chain_end(index, run)


def _context_places(index: PlaceIndex, texts: Iterable[str]) -> list[Division]:
    """Places named in full (no short forms) in the issuers, addressees or nearby text; a
    run of adjacent names counts as a chain (南京市鼓楼区 → 南京市 and its 鼓楼区)."""
    found: list[Division] = []
    for text in texts:
        runs: list[list[PlaceMention]] = []
        for mention in index.mentions(text, full_names_only=True):
            if runs and runs[-1][-1].end == mention.start:
                runs[-1].append(mention)
            else:
                runs.append([mention])
        for run in runs:
            for size in range(1, len(run) + 1):
                found.extend(m.place for m in _chain_end(index, run[:size]))
    return found


def find_addressees(lines: Iterable[str]) -> list[str]:
    """The notice's addressee lines (各区、县(市)人民政府,市政府各部门:)."""
    found = [
        line.strip()
        for line in lines
        if line.strip().startswith("各")
        and ("人民政府" in line or line.rstrip().endswith((":", "：")))
    ]
    return found[:2]


def _abbreviation_place(
    document_number: str | None, abbreviations: dict[str, str], national: Sequence[str]
) -> str | None:
    """The code a document number's prefix names: 沪府办发 → 310000, 民发 → 000000."""
    if not document_number:
        return None
    match = _DOCUMENT_PREFIX.match(document_number)
    if match is None:
        return None
    prefix = match["prefix"]
    if any(prefix.startswith(p) for p in national):
        return NATIONAL_CODE
    return abbreviations.get(prefix[0])


def _score(
    index: PlaceIndex, match: PlaceMatch, context: Sequence[Division], province: str | None
) -> int:
    code = match.place.code
    lineage = {code, *(p.code for p in index.ancestors(code))}
    score = sum(2 for place in context if place.code in lineage)
    if province is not None and province in lineage:
        score += 1
    return score


def _pick(
    index: PlaceIndex,
    matches: Sequence[PlaceMatch],
    context: Sequence[Division],
    province: str | None,
    level: Level | None,
) -> PlaceMatch | None:
    """The one match the evidence supports, or None."""
    if len(matches) == 1:
        return matches[0]
    scored = sorted(
        ((_score(index, m, context, province), m) for m in matches), key=lambda s: -s[0]
    )
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    tied = [m for s, m in scored if s == scored[0][0]]
    if level is not None:
        same = [m for m in tied if m.place.level == level]
        if len(same) == 1:
            return same[0]
    return None


def _filter_year(matches: Sequence[PlaceMatch], year: int | None) -> list[PlaceMatch]:
    """Matches valid in ``year`` (else the nearest in time; without a year the current
    ones), written the best way: a full name or alias outranks a short form (巴州)."""
    pool = list(matches)
    if year is None:
        pool = [m for m in pool if m.current] or pool
    else:
        valid = [m for m in pool if m.valid_in(year)]
        nearest = min((m.distance(year) for m in pool), default=0)
        pool = valid or [m for m in pool if m.distance(year) == nearest]
    best = min((m.rank for m in pool), default=0)
    return [m for m in pool if m.rank == best]


def resolve_jurisdiction(
    registry: JurisdictionRegistry,
    *,
    title: str | None = None,
    issuers: Sequence[str] = (),
    addressees: Sequence[str] = (),
    document_number: str | None = None,
    nearby: Sequence[str] = (),
    year: int | None = None,
) -> Resolution:
    """The jurisdiction the evidence names (see the module docstring for the rules)."""
    from minzheng_plans.registries.places import bundled_places  # noqa: PLC0415

    index = registry.places()
    bundled = bundled_places()
    title = (title or "").strip()
    province = _abbreviation_place(
        document_number, dict(bundled.abbreviations), bundled.national_prefixes
    )
    level = addressee_level(addressees)
    context = _context_places(index, [*issuers, *addressees, *nearby])

    def done(match: PlaceMatch, evidence: str, written: str) -> Resolution:
        found = registry.get(match.place.code) or match.place.jurisdiction()
        historic = not match.place.current
        return Resolution(
            found,
            resolved=True,
            name=written or match.written,
            evidence=evidence,
            historic=historic,
        )

    written, leading = _leading(index, title)
    if leading:
        matches = _filter_year(leading, year)
        chosen = _pick(index, matches, context, province, level)
        if chosen is not None:
            return done(chosen, "title", written)
        names = ", ".join(
            f"{m.place.name} ({m.place.code}, {_parent_name(index, m)})" for m in matches
        )
        reason = (
            f"{written} names {len(matches)} divisions ({names}), and neither the issuers, "
            "the addressees nor the document number say which"
        )
        candidates = tuple(m.place.jurisdiction() for m in matches)
        return _unresolved(
            registry,
            written,
            (title, document_number),
            (AMBIGUOUS_KIND, reason, names),
            candidates,
            province,
        )
    if _is_national(title, issuers, province) and registry.get(NATIONAL_CODE) is not None:
        national = registry.get(NATIONAL_CODE)
        assert national is not None
        evidence = "title" if _NATIONAL_TITLE.match(title) else "issuers"
        return Resolution(national, resolved=True, evidence=evidence)
    for issuer in issuers:
        issuer_written, issuer_places = _leading(index, issuer)
        if issuer_places:
            chosen = _pick(index, _filter_year(issuer_places, year), context, province, level)
            if chosen is not None:
                return done(chosen, "issuers", issuer_written)
    if province is not None and province != NATIONAL_CODE and registry.get(province) is not None:
        found = registry.get(province)
        assert found is not None
        return Resolution(found, resolved=True, evidence="document number")
    like = _PLACE_LIKE.match(_TITLE_NOISE.sub("", title))
    name = like["name"] if like else None
    if name is not None:
        reason = f"the title names {name}, which is no division in the registry"
        if year is not None:
            reason += f" (nor one valid in {year})"
        problem = (UNKNOWN_KIND, reason, "")
    else:
        problem = (
            NO_PLACE_KIND,
            "no place name in the title, the issuers or the document number",
            "",
        )
    return _unresolved(registry, name, (title, document_number), problem, (), province)


def _parent_name(index: PlaceIndex, match: PlaceMatch) -> str:
    parent = index.get(match.place.parent or "")
    return parent.name if parent is not None else "—"


def _is_national(title: str, issuers: Sequence[str], province: str | None) -> bool:
    if province == NATIONAL_CODE:
        return True
    if any(issuer.startswith(_NATIONAL_BODIES) for issuer in issuers):
        return True
    return bool(_NATIONAL_TITLE.match(title)) and not issuers and province is None


def _unresolved(
    registry: JurisdictionRegistry,
    name: str | None,
    document: tuple[str, str | None],
    problem: tuple[str, str, str],
    candidates: tuple[Jurisdiction, ...],
    province: str | None,
) -> Resolution:
    level = Level.COUNTY
    levels = {c.level for c in candidates}
    if len(levels) == 1:
        # Every place the name could be is of one level: that is a fact, not a guess.
        level = levels.pop()
    elif name:
        level = next((lvl for suffix, lvl in _SUFFIX_LEVELS if name.endswith(suffix)), level)
    parents = {c.parent for c in candidates}
    parent = parents.pop() if len(parents) == 1 else None
    if parent is None and province is not None and province in registry:
        parent = province
    code = unresolved_code(name, *document)
    stand_in = Jurisdiction(code, name or "未识别", level, parent=parent)
    kind, reason, described = problem
    return Resolution(
        stand_in,
        resolved=False,
        name=name,
        reason=reason,
        candidates=candidates,
        problem=kind,
        described=described,
    )


AMBIGUOUS_KIND, UNKNOWN_KIND, NO_PLACE_KIND = "ambiguous", "unknown", "no-place"
AMBIGUOUS = (
    "The jurisdiction was not resolved: {name} names {count} divisions ({candidates}), and "
    "neither the issuers, the addressees nor the document number say which. The plan is filed "
    "under {filed_as}."
)
UNKNOWN_PLACE = (
    "The jurisdiction was not resolved: the title names {name}, which is no division in the "
    "registry for {year}. The plan is filed under {filed_as}, a code made from that name."
)
NO_PLACE = (
    "The jurisdiction was not resolved: no place name was found in the title, the issuers or "
    "the document number. The plan is filed under {filed_as}, a code made from its title."
)
_MESSAGES = {AMBIGUOUS_KIND: AMBIGUOUS, UNKNOWN_KIND: UNKNOWN_PLACE, NO_PLACE_KIND: NO_PLACE}
MESSAGES = (AMBIGUOUS, UNKNOWN_PLACE, NO_PLACE)


def unresolved_finding(
    resolution: Resolution, *, plan: str | None = None, file: str | None = None
) -> Finding:
    """MZ509 (warning): what was found, why it was not resolved, and the code used instead."""
    kind = resolution.problem or NO_PLACE_KIND
    candidates = resolution.described or "; ".join(c.code for c in resolution.candidates)
    return make_finding(
        "MZ509",
        Severity.WARNING,
        _MESSAGES[kind],
        plan=plan,
        file=file,
        name=resolution.name or "—",
        count=len(resolution.candidates),
        candidates=candidates,
        year=_year_of(plan),
        filed_as=resolution.jurisdiction.code,
    )


def _year_of(plan: str | None) -> str | Message:
    """The start year in a plan id (``X-…-2021-2025`` → 2021), or "any year"."""
    parts = (plan or "").rsplit("-", 2)
    return parts[1] if len(parts) == 3 and parts[1].isdigit() else Message(N_("any year"))
