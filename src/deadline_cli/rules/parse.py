"""Reading a pack's TOML into the model, naming the field at fault in every error."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from deadline_cli.builtin import load_toml
from deadline_cli.errors import DeadlineError, read_limited, shown
from deadline_cli.i18n import msg
from deadline_cli.periods import Period
from deadline_cli.record import Record, replace
from deadline_cli.rules.model import (
    BUILTIN_PACKS,
    CERTAINTIES,
    DATE_INPUTS,
    GROUPS,
    INPUT_LABELS,
    INPUTS,
    MAX_FILE_BYTES,
    RESERVED_IDS,
    SCHEMA,
    Choice,
    Era,
    Given,
    Kind,
    Pack,
    Reading,
    Rule,
    Source,
    StepRule,
    _load_sources,
)

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_RULE_KEYS = {"from", "period", "roll", "next_day", "basis", "source", "certainty", "note"}
_RULE_KEYS |= {"article", "wording", "quote", "version", "valid_from", "valid_until"}
_RULE_KEYS |= {"kind", "era", "roll_certainty", "on", "or_from", "first_day_counts", "reason"}
KEYS = {
    "pack": {"schema", "id", "name", "description", "extends", "valid_from", "valid_from_reason"}
    | {"ruling", "given", "steps", "start", "entries", "group", "eras", "choice"}
    | {"immediate_reasons"},
    "given": {"label", "basis", "source", "certainty", "note", "article", "wording", "quote"}
    | {"version"},
    "step": _RULE_KEYS
    | {"id", "label", "window", "input", "requires", "deadline", "variants", "readings"}
    | {"late_note"},
    "variant": _RULE_KEYS | {"when"},
    "reading": _RULE_KEYS | {"id", "label", "variants"},
    "era": {"id", "label", "on", "valid_from", "valid_until", "basis", "source", "article"}
    | {"wording", "quote", "note", "ruling"},
    "choice": {"option", "default", "kinds"},
    "kind": {"id", "label", "start_label"},
}
MAX_STEPS = 500
# Why a decision entered into force at once, where a code names several cases (KoAP art. 883).
_IMMEDIATE_REASONS = ("expulsion", "request", "811")


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
                    key, msg("rules_unknown_key", kind=kind, keys=", ".join(sorted(KEYS[kind])))
                )

    def fail(self, key: str, problem: object) -> DeadlineError:
        place = f"{self.where}.{key}" if self.where else key
        return DeadlineError(msg("rules_field", origin=self.origin, place=place, problem=problem))

    def get(self, key: str, kind: type, default: Any = ..., choices: Iterable[str] = ()) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, msg("rules_missing"))
            return default
        value = self.table[key]
        if kind is date and (isinstance(value, datetime) or not isinstance(value, date)):
            raise self.fail(key, msg("rules_not_date", value=shown(value)))
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(key, msg("rules_wrong_type", kind=kind.__name__, value=shown(value)))
        if isinstance(value, str) and not value.strip():
            raise self.fail(key, msg("rules_empty"))
        allowed = tuple(choices)
        if allowed and value not in allowed:
            raise self.fail(key, msg("rules_not_one_of", value=shown(value), choices=allowed))
        return value

    def names(self, key: str, allowed: Iterable[str]) -> tuple[str, ...]:
        """A string or a list of strings, each one of ``allowed``."""
        if key not in self.table:
            return ()
        value = self.table[key]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise self.fail(key, msg("rules_wrong_type", kind="str", value=shown(value)))
        known = tuple(allowed)
        for item in items:
            if item not in known:
                raise self.fail(key, msg("rules_not_one_of", value=shown(item), choices=known))
        return tuple(items)

    def period(self, key: str) -> Period | None:
        text = self.get(key, str, None)
        if text is None:
            return None
        try:
            return Period.parse(text)
        except DeadlineError as exc:
            raise self.fail(key, exc.message) from None


class _Context(Record, frozen=False):
    """What the rules of one pack may refer to while it is read."""

    origin: str
    sources: dict[str, Source]
    known: set[str]
    kinds: tuple[str, ...] = ()
    eras: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def _rule(r: _Reader, ctx: _Context, base: Rule | None) -> Rule:
    trigger = r.get("from", str, base.trigger if base else ...)
    if trigger not in ctx.known:
        raise r.fail("from", msg("rules_bad_from", value=shown(trigger), inputs=DATE_INPUTS))
    code = r.get("source", str, base.source.code if base else ...)
    if code not in ctx.sources:
        raise r.fail(
            "source", msg("rules_bad_source", value=shown(code), known=sorted(ctx.sources))
        )
    when = r.get("when", str, None, choices=INPUTS) if "when" in r.table else None
    # A variant states its own term: no period means the event falls on its trigger's day.
    rule = Rule(
        trigger=trigger,
        period=r.period("period"),
        roll=r.get("roll", bool, False),
        next_day=r.get("next_day", bool, False),
        basis=r.get("basis", str),
        source=ctx.sources[code],
        certainty=r.get("certainty", str, choices=CERTAINTIES),
        note=r.get("note", str, ""),
        article=r.get("article", str, ""),
        wording=r.get("wording", str, ""),
        inline_quote=" ".join(r.get("quote", str, "").split()),
        version=r.get("version", str, ""),
        when=when,
        on=r.get("on", str, None, choices=DATE_INPUTS) if "on" in r.table else None,
        kind=r.names("kind", ctx.kinds),
        era=r.get("era", str, None, choices=ctx.eras) if "era" in r.table else None,
        valid_from=r.get("valid_from", date, None),
        valid_until=r.get("valid_until", date, None),
        roll_certainty=r.get("roll_certainty", str, "", choices=("", "unverified")),
        or_from=r.get("or_from", str, None, choices=DATE_INPUTS) if "or_from" in r.table else None,
        first_day_counts=r.get("first_day_counts", bool, False),
        reason=r.names("reason", ctx.reasons),
    )
    if rule.period is None and (rule.roll or rule.next_day or rule.first_day_counts):
        raise r.fail("period", msg("rules_period_needed"))
    if rule.valid_from and rule.valid_until and rule.valid_from > rule.valid_until:
        raise r.fail("valid_until", msg("rules_until_before_from"))
    if rule.roll_certainty and not rule.roll:
        raise r.fail("roll_certainty", msg("rules_roll_certainty_needs_roll"))
    return rule


def _given(r: _Reader, ctx: _Context, input_name: str) -> Given:
    r.only("given")
    code = r.get("source", str)
    if code not in ctx.sources:
        raise r.fail(
            "source", msg("rules_bad_source", value=shown(code), known=sorted(ctx.sources))
        )
    rule = Rule(
        trigger=input_name,
        period=None,
        roll=False,
        next_day=False,
        basis=r.get("basis", str),
        source=ctx.sources[code],
        certainty=r.get("certainty", str, "text", choices=CERTAINTIES),
        note=r.get("note", str, ""),
        article=r.get("article", str, ""),
        wording=r.get("wording", str, ""),
        inline_quote=" ".join(r.get("quote", str, "").split()),
        version=r.get("version", str, ""),
    )
    return Given(input_name, r.get("label", str), rule)


def _choice(top: _Reader) -> Choice | None:
    if "choice" not in top.table or top.table["choice"] is False:
        return None
    cr = _Reader(top.origin, top.get("choice", dict), "choice")
    cr.only("choice")
    option = cr.get("option", str, "kind", choices=("kind", "code", "route"))
    raw = cr.get("kinds", list)
    kinds = []
    for i, raw_kind in enumerate(raw):
        if not isinstance(raw_kind, dict):
            raise cr.fail(f"kinds[{i}]", msg("rules_must_be_table", table="[[choice.kinds]]"))
        kr = _Reader(top.origin, raw_kind, f"choice.kinds[{i}]")
        kr.only("kind")
        kinds.append(Kind(kr.get("id", str), kr.get("label", str), kr.get("start_label", str, "")))
    if not kinds:
        raise cr.fail("kinds", msg("rules_empty"))
    ids = [k.id for k in kinds]
    default = cr.get("default", str, ids[0], choices=ids)
    return Choice(option, tuple(kinds), default)


def _eras(top: _Reader, ctx: _Context) -> tuple[Era, ...]:
    found = []
    for i, raw in enumerate(top.get("eras", list, [])):
        if not isinstance(raw, dict):
            raise top.fail(f"eras[{i}]", msg("rules_must_be_table", table="[[eras]]"))
        er = _Reader(ctx.origin, raw, f"eras[{i}]")
        er.only("era")
        era_id = er.get("id", str)
        on = er.get("on", str, "filed", choices=DATE_INPUTS)
        rule = Rule(
            trigger=on,
            period=None,
            roll=False,
            next_day=False,
            basis=er.get("basis", str),
            source=ctx.sources[er.get("source", str, choices=tuple(ctx.sources))],
            certainty="text",
            note=er.get("note", str, ""),
            article=er.get("article", str, ""),
            wording=er.get("wording", str, ""),
            inline_quote=" ".join(er.get("quote", str, "").split()),
        )
        ruling = None
        if "ruling" in raw:
            table = er.get("ruling", dict)
            ruling = _given(_Reader(ctx.origin, table, f"eras[{i}].ruling"), ctx, "ruling")
        era = Era(
            era_id,
            er.get("label", str),
            rule,
            on,
            er.get("valid_from", date, None),
            er.get("valid_until", date, None),
            ruling,
        )
        found.append(era)
    return tuple(found)


def _steps(top: _Reader, ctx: _Context, inherited: list[StepRule]) -> list[StepRule]:
    steps = list(inherited)
    ids = {s.id for s in steps}
    raw_steps = top.get("steps", list, [])
    if len(raw_steps) + len(steps) > MAX_STEPS:
        raise top.fail("steps", msg("rules_too_many_steps", limit=str(MAX_STEPS)))
    for i, raw in enumerate(raw_steps):
        if not isinstance(raw, dict):
            raise top.fail(f"steps[{i}]", msg("rules_must_be_table", table="[[steps]]"))
        sr = _Reader(ctx.origin, raw, f"steps[{i}]")
        step_id = sr.get("id", str)
        sr.where = f"steps[{i}] ({step_id})"
        sr.only("step")
        # A step may share its id with the input that replaces it (final_form); any other
        # clash would make 'from' ambiguous or collide with an output column.
        clash = step_id in INPUTS and raw.get("input") != step_id
        if step_id in ids or clash or step_id in RESERVED_IDS:
            raise sr.fail("id", msg("rules_id_taken", value=shown(step_id)))
        readings = _readings(sr, ctx)
        if readings:
            if any(k in raw for k in ("from", "period", "basis", "certainty", "variants")):
                raise sr.fail("readings", msg("rules_readings_replace_rule"))
            rule = replace(readings[0].rule, when=None)
            rule = replace(
                rule,
                era=sr.get("era", str, None, choices=ctx.eras) if "era" in raw else None,
                kind=sr.names("kind", ctx.kinds),
                valid_from=sr.get("valid_from", date, None),
                valid_until=sr.get("valid_until", date, None),
            )
        else:
            rule = _rule(sr, ctx, None)
        if rule.trigger == "immediate":
            raise sr.fail("from", msg("rules_from_flag"))
        variants = []
        for j, raw_variant in enumerate(sr.get("variants", list, [])):
            if not isinstance(raw_variant, dict):
                raise sr.fail(f"variants[{j}]", msg("rules_must_be_table", table="[[variants]]"))
            vr = _Reader(ctx.origin, raw_variant, f"{sr.where}.variants[{j}]")
            vr.only("variant")
            variant = _rule(vr, ctx, rule)
            if variant.trigger == "immediate":
                raise vr.fail("from", msg("rules_from_flag"))
            variants.append(variant)
        window = sr.get("window", bool, False)
        step_input = sr.get("input", str, None, choices=DATE_INPUTS)
        if window and step_input is None and rule.period is None:
            raise sr.fail("window", msg("rules_open_window_needs_input"))
        steps.append(
            StepRule(
                id=step_id,
                label=sr.get("label", str),
                rule=rule,
                variants=tuple(variants),
                window=window,
                input=step_input,
                requires=sr.get("requires", str, None, choices=DATE_INPUTS),
                deadline=sr.get("deadline", bool, False),
                readings=readings,
                late_note=sr.get("late_note", str, ""),
            )
        )
        ids.add(step_id)
        ctx.known.add(step_id)
    return steps


def _readings(sr: _Reader, ctx: _Context) -> tuple[Reading, ...]:
    found: list[Reading] = []
    for k, raw in enumerate(sr.get("readings", list, [])):
        if not isinstance(raw, dict):
            raise sr.fail(f"readings[{k}]", msg("rules_must_be_table", table="[[readings]]"))
        rr = _Reader(ctx.origin, raw, f"{sr.where}.readings[{k}]")
        rr.only("reading")
        reading_id = rr.get("id", str)
        if any(r.id == reading_id for r in found):
            raise rr.fail("id", msg("rules_id_taken", value=shown(reading_id)))
        rule = _rule(rr, ctx, None)
        variants = []
        for j, raw_variant in enumerate(rr.get("variants", list, [])):
            if not isinstance(raw_variant, dict):
                raise rr.fail(f"variants[{j}]", msg("rules_must_be_table", table="[[variants]]"))
            vr = _Reader(ctx.origin, raw_variant, f"{rr.where}.variants[{j}]")
            vr.only("variant")
            variants.append(_rule(vr, ctx, rule))
        found.append(Reading(reading_id, rr.get("label", str), rule, tuple(variants)))
    return tuple(found)


def parse_pack(data: dict[str, Any], origin: str, base: Pack | None = None) -> Pack:
    """Build a pack from parsed TOML, or raise a DeadlineError naming the field at fault."""
    sources = dict(_load_sources())
    top = _Reader(origin, data)
    top.only("pack")
    schema = top.get("schema", int)
    if schema != SCHEMA:
        raise top.fail("schema", msg("rules_schema", expected=str(SCHEMA), value=shown(schema)))
    # `choice = false` drops the kinds of the pack extended (a refugee case is no
    # procurement dispute).
    choice = _choice(top)
    if choice is None and base is not None and data.get("choice") is not False:
        choice = base.choice
    ctx = _Context(origin, sources, set(DATE_INPUTS))
    ctx.kinds = tuple(k.id for k in choice.kinds) if choice else ()
    reasons = top.names("immediate_reasons", _IMMEDIATE_REASONS)
    ctx.reasons = reasons or (base.immediate_reasons if base else ())
    eras = _eras(top, ctx) or (base.eras if base else ())
    ctx.eras = tuple(e.id for e in eras)
    inherited = _for_kinds(base.steps, ctx.kinds) if base else []
    ctx.known.update(s.id for s in inherited)

    given: dict[str, Given] = dict(base.given) if base else {}
    if "ruling" in data:
        given["ruling"] = _given(_Reader(origin, top.get("ruling", dict), "ruling"), ctx, "ruling")
    raw_given = top.get("given", dict, {})
    for name, table in raw_given.items():
        if name not in DATE_INPUTS:
            raise top.fail(
                f"given.{name}", msg("rules_not_one_of", value=shown(name), choices=DATE_INPUTS)
            )
        if not isinstance(table, dict):
            raise top.fail(f"given.{name}", msg("rules_must_be_table", table=f"[given.{name}]"))
        given[name] = _given(_Reader(origin, table, f"given.{name}"), ctx, name)

    start = top.get("start", str, base.start if base else "ruling", choices=DATE_INPUTS)
    if start not in given:
        raise top.fail("ruling" if start == "ruling" else f"given.{start}", msg("rules_missing"))
    entries_default = list(base.entries) if base and start == base.start else [start]
    entries = list(top.names("entries", DATE_INPUTS)) or entries_default
    if start not in entries:
        entries.insert(0, start)

    steps = _steps(top, ctx, inherited)
    if not steps:
        raise top.fail("steps", msg("rules_no_steps"))

    return Pack(
        id=top.get("id", str),
        name=top.get("name", str),
        description=top.get("description", str, ""),
        given=given,
        steps=tuple(steps),
        start=start,
        entries=tuple(entries),
        group=top.get("group", str, base.group if base else "court", choices=GROUPS),
        eras=eras,
        choice=choice,
        valid_from=top.get("valid_from", date, base.valid_from if base else None),
        valid_from_reason=top.get("valid_from_reason", str, base.valid_from_reason if base else ""),
        origin=origin,
        sources=sources,
        immediate_reasons=ctx.reasons,
    )


def _for_kinds(steps: Iterable[StepRule], kinds: tuple[str, ...]) -> list[StepRule]:
    """The steps a pack inherits, without those (and the variants) written for kinds it does
    not have: a refugee case inherits no procurement variant, which could never apply and
    would only be listed by `deadline rules` as if it could."""

    def fits(rule: Rule) -> bool:
        return not rule.kind or bool(set(rule.kind) & set(kinds))

    kept = []
    for step in steps:
        if not fits(step.rule):
            continue
        variants = tuple(v for v in step.variants if fits(v))
        kept.append(replace(step, variants=variants) if variants != step.variants else step)
    return kept


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    import tomllib  # a user's own file: the built-in ones are read by deadline_cli.builtin

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeadlineError(msg("rules_not_toml", origin=origin, problem=str(exc))) from None
    except RecursionError:
        raise DeadlineError(msg("rules_too_deep", origin=origin)) from None


@cache
def load_pack(pack_id: str) -> Pack:
    """A built-in pack by id."""
    if pack_id not in BUILTIN_PACKS:
        raise DeadlineError(msg("unknown_procedure", value=shown(pack_id), packs=BUILTIN_PACKS))
    origin = f"{pack_id}.toml"
    return _with_base(load_toml(f"rules/{origin}"), origin)


def load_pack_file(path: Path) -> Pack:
    """A user's pack in the same schema as the built-in ones."""
    origin = str(path)
    text = read_limited(path, MAX_FILE_BYTES, "rules_file_unreadable")
    return _with_base(_parse_toml(text, origin), origin)


def _with_base(data: dict[str, Any], origin: str) -> Pack:
    extends = data.get("extends")
    if extends is None:
        return parse_pack(data, origin)
    if not isinstance(extends, str) or extends not in BUILTIN_PACKS:
        raise DeadlineError(
            msg(
                "rules_field",
                origin=origin,
                place="extends",
                problem=msg("rules_not_one_of", value=shown(extends), choices=BUILTIN_PACKS),
            )
        )
    return parse_pack(data, origin, base=load_pack(extends))


def texts_to_translate() -> set[str]:
    """Every English string of the built-in packs and sources that people read: the locale
    files translate each (tests/test_i18n.py fails on one missing or no longer used)."""
    from deadline_cli.calendar import calendar_texts

    found: set[str] = set(INPUT_LABELS.values()) | calendar_texts()
    for source in _load_sources().values():
        found |= {source.title, source.short, source.version}

    def rule_texts(rule: Rule) -> set[str]:
        return {rule.basis, rule.note, rule.text_version}

    for pack_id in BUILTIN_PACKS:
        pack = load_pack(pack_id)
        found |= {pack.name, pack.description, pack.valid_from_reason}
        for given in pack.given.values():
            found.add(given.label)
            found |= rule_texts(given.rule)
        for era in pack.eras:
            found |= {era.label, *rule_texts(era.rule)}
            if era.ruling is not None:
                found |= {era.ruling.label, *rule_texts(era.ruling.rule)}
        if pack.choice is not None:
            for kind in pack.choice.kinds:
                found |= {kind.label, kind.start_label}
        for step in pack.steps:
            found.add(step.label)
            for rule in (step.rule, *step.variants):
                found |= rule_texts(rule)
            for reading in step.readings:
                found.add(reading.label)
                for rule in (reading.rule, *reading.variants):
                    found |= rule_texts(rule)
    return found - {""}
