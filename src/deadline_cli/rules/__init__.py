"""Procedure packs: the legal rules as TOML data, each step with its article and certainty.

A pack is a list of steps. Each step names the event or input it counts from (``from``), its
period, whether a non-working last day rolls forward, the article (``basis``), the code it comes
from (``source``, a key of ``sources.toml``) and how sure we are of it (``certainty``). A step may
carry variants: the first whose ``when`` input is present and whose ``valid_from``/``valid_until``
dates contain its trigger replaces the step's rule. ``valid_from``/``valid_until`` on a step itself
say when the step exists at all, judged on the date of its ``requires`` input (or the ruling).
Packs are data only: nothing in them runs, and an unknown key is an error, not ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from deadline_cli.errors import DeadlineError
from deadline_cli.periods import Period

SCHEMA = 1
BUILTIN_PACKS = ("refugee", "administrative", "civil", "criminal", "offence", "admin-suit")
DEFAULT_PACK = "refugee"

# Dates and flags a user can give for one case; steps count from them or from earlier steps.
INPUTS = (
    "ruling",
    "final_form",
    "appeal_ruling",
    "appeal_served",
    "served",
    "in_force",
    "immediate",
)
CERTAINTIES = ("text", "secondary", "unverified", "given")


@dataclass(frozen=True)
class Source:
    code: str
    title: str
    url: str


@dataclass(frozen=True)
class Rule:
    """How one event's date is found: from a trigger, by a period, under an article."""

    trigger: str
    period: Period | None  # None: the event falls on the trigger's own day
    roll: bool
    next_day: bool  # the event is the day after the term's (rolled) last day
    basis: str
    source: Source
    certainty: str
    note: str
    when: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def applies(self, present: set[str], trigger_day: date | None) -> bool:
        if self.when is not None and self.when not in present:
            return False
        if trigger_day is None:
            return self.valid_from is None and self.valid_until is None
        if self.valid_from is not None and trigger_day < self.valid_from:
            return False
        return not (self.valid_until is not None and trigger_day > self.valid_until)


@dataclass(frozen=True)
class StepRule:
    id: str
    label: str
    rule: Rule
    variants: tuple[Rule, ...] = ()
    window: bool = False  # an event the law only bounds: anywhere from trigger to term end
    input: str | None = None  # a user-given date for this event replaces the computation
    requires: str | None = None  # the step exists only when this input is given
    deadline: bool = False  # a date someone must act by (calendar exports and alerts)


@dataclass(frozen=True)
class Pack:
    id: str
    name: str
    description: str
    ruling: Rule
    ruling_label: str
    steps: tuple[StepRule, ...]
    valid_from: date | None = None
    valid_from_reason: str = ""
    origin: str = ""
    sources: dict[str, Source] = field(default_factory=dict)


_RULE_KEYS = {"from", "period", "roll", "next_day", "basis", "source", "certainty", "note"}
_RULE_KEYS |= {"valid_from", "valid_until"}
KEYS = {
    "pack": {"schema", "id", "name", "description", "extends", "valid_from", "valid_from_reason"}
    | {"ruling", "steps"},
    "ruling": {"label", "basis", "source", "certainty", "note"},
    "step": _RULE_KEYS | {"id", "label", "window", "input", "requires", "deadline", "variants"},
    "variant": _RULE_KEYS | {"when"},
}


class _Reader:
    """Reads one TOML table, naming the file and field in every error."""

    def __init__(self, origin: str, table: dict[str, Any], where: str = "") -> None:
        self.origin = origin
        self.table = table
        self.where = where

    def only(self, kind: str) -> None:
        """Refuse a key the schema does not know: a typo must not be silently ignored."""
        for key in self.table:
            if key not in KEYS[kind]:
                raise self.fail(
                    key, f"unknown key; a {kind} table takes: {', '.join(sorted(KEYS[kind]))}"
                )

    def fail(self, key: str, problem: str) -> DeadlineError:
        place = f"{self.where}.{key}" if self.where else key
        return DeadlineError(f"rules {self.origin}: {place}: {problem}")

    def get(self, key: str, kind: type, default: Any = ..., choices: tuple[str, ...] = ()) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, "is missing")
            return default
        value = self.table[key]
        if kind is date and not isinstance(value, date):
            raise self.fail(key, f"must be a TOML date such as 2025-07-01, not {value!r}")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(key, f"must be a {kind.__name__}, not {value!r}")
        if choices and value not in choices:
            raise self.fail(key, f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def period(self, key: str) -> Period | None:
        text = self.get(key, str, None)
        if text is None:
            return None
        try:
            return Period.parse(text)
        except DeadlineError as exc:
            raise self.fail(key, str(exc)) from None


@cache
def _load_sources() -> dict[str, Source]:
    data = tomllib.loads(resources.files(__name__).joinpath("sources.toml").read_text("utf-8"))
    return {code: Source(code, entry["title"], entry["url"]) for code, entry in data.items()}


def _rule(r: _Reader, sources: dict[str, Source], known: set[str], base: Rule | None) -> Rule:
    trigger = r.get("from", str, base.trigger if base else ...)
    if trigger not in known:
        raise r.fail(
            "from", f"{trigger!r} is neither an input ({', '.join(INPUTS)}) nor an earlier step"
        )
    code = r.get("source", str, base.source.code if base else ...)
    if code not in sources:
        raise r.fail("source", f"{code!r} is not a known source: {', '.join(sorted(sources))}")
    when = r.get("when", str, None, choices=INPUTS)
    period = r.period("period") if base is None or "period" in r.table else None
    rule = Rule(
        trigger=trigger,
        period=period,
        roll=r.get("roll", bool, False),
        next_day=r.get("next_day", bool, False),
        basis=r.get("basis", str),
        source=sources[code],
        certainty=r.get("certainty", str, choices=CERTAINTIES),
        note=r.get("note", str, ""),
        when=when,
        valid_from=r.get("valid_from", date, None),
        valid_until=r.get("valid_until", date, None),
    )
    if rule.period is None and (rule.roll or rule.next_day):
        raise r.fail("period", "is needed when 'roll' or 'next_day' is set")
    if rule.valid_from and rule.valid_until and rule.valid_from > rule.valid_until:
        raise r.fail("valid_until", "is before valid_from")
    return rule


def parse_pack(data: dict[str, Any], origin: str, base: Pack | None = None) -> Pack:
    """Build a pack from parsed TOML, or raise a DeadlineError naming the field at fault."""
    sources = dict(_load_sources())
    top = _Reader(origin, data)
    top.only("pack")
    schema = top.get("schema", int)
    if schema != SCHEMA:
        raise top.fail("schema", f"this version reads schema {SCHEMA}, not {schema}")
    known = set(INPUTS)
    steps: list[StepRule] = list(base.steps) if base else []
    known.update(s.id for s in steps)

    if "ruling" in data:
        rr = _Reader(origin, top.get("ruling", dict), "ruling")
        rr.only("ruling")
        ruling = Rule(
            "ruling",
            None,
            False,
            False,
            rr.get("basis", str),
            sources[rr.get("source", str, choices=tuple(sources))],
            rr.get("certainty", str, "text", choices=CERTAINTIES),
            rr.get("note", str, ""),
        )
        ruling_label = rr.get("label", str)
    elif base is not None:
        ruling, ruling_label = base.ruling, base.ruling_label
    else:
        raise top.fail("ruling", "is missing")

    raw_steps = top.get("steps", list, [])
    if not raw_steps and not steps:
        raise top.fail("steps", "a pack needs at least one step")
    for i, raw in enumerate(raw_steps):
        if not isinstance(raw, dict):
            raise top.fail(f"steps[{i}]", "must be a table ([[steps]])")
        sr = _Reader(origin, raw, f"steps[{i}]")
        step_id = sr.get("id", str)
        sr.where = f"steps[{i}] ({step_id})"
        sr.only("step")
        # A step may share its id with the input that replaces it (final_form); any other
        # clash would make 'from' ambiguous.
        if step_id in {s.id for s in steps} or (step_id in INPUTS and raw.get("input") != step_id):
            raise sr.fail("id", f"{step_id!r} is already an input or an earlier step")
        rule = _rule(sr, sources, known, None)
        variants = []
        for j, raw_variant in enumerate(sr.get("variants", list, [])):
            if not isinstance(raw_variant, dict):
                raise sr.fail(f"variants[{j}]", "must be a table ([[steps.variants]])")
            vr = _Reader(origin, raw_variant, f"{sr.where}.variants[{j}]")
            vr.only("variant")
            variants.append(_rule(vr, sources, known, rule))
        window = sr.get("window", bool, False)
        if window and rule.period is None:
            raise sr.fail("window", "a window step needs a period")
        steps.append(
            StepRule(
                id=step_id,
                label=sr.get("label", str),
                rule=rule,
                variants=tuple(variants),
                window=window,
                input=sr.get("input", str, None, choices=INPUTS),
                requires=sr.get("requires", str, None, choices=INPUTS),
                deadline=sr.get("deadline", bool, False),
            )
        )
        known.add(step_id)

    return Pack(
        id=top.get("id", str),
        name=top.get("name", str),
        description=top.get("description", str, ""),
        ruling=ruling,
        ruling_label=ruling_label,
        steps=tuple(steps),
        valid_from=top.get("valid_from", date, base.valid_from if base else None),
        valid_from_reason=top.get("valid_from_reason", str, base.valid_from_reason if base else ""),
        origin=origin,
        sources=sources,
    )


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeadlineError(f"rules {origin}: not valid TOML: {exc}") from None


def load_pack(pack_id: str) -> Pack:
    """A built-in pack by id."""
    if pack_id not in BUILTIN_PACKS:
        raise DeadlineError(
            f"unknown procedure {pack_id!r}: choose one of {', '.join(BUILTIN_PACKS)}"
        )
    origin = f"{pack_id}.toml"
    data = _parse_toml(resources.files(__name__).joinpath(origin).read_text("utf-8"), origin)
    return _with_base(data, origin)


def load_pack_file(path: Path) -> Pack:
    """A user's pack in the same schema as the built-in ones."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeadlineError(f"rules file {path}: cannot be read: {exc}") from None
    return _with_base(_parse_toml(text, f"file {path}"), f"file {path}")


def _with_base(data: dict[str, Any], origin: str) -> Pack:
    extends = data.get("extends")
    if extends is None:
        return parse_pack(data, origin)
    if not isinstance(extends, str) or extends not in BUILTIN_PACKS:
        raise DeadlineError(
            f"rules {origin}: extends: must name a built-in pack "
            f"({', '.join(BUILTIN_PACKS)}), not {extends!r}"
        )
    return parse_pack(data, origin, base=load_pack(extends))
