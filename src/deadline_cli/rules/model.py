"""The rules' data model: inputs, rules, steps, packs, and the statutes' words."""

from __future__ import annotations

from datetime import date
from functools import cache

from deadline_cli.builtin import load_toml
from deadline_cli.i18n import Msg, msg
from deadline_cli.periods import Period
from deadline_cli.record import Record, field

SCHEMA = 1
BUILTIN_PACKS = (
    "refugee",
    "refugee-path",
    "administrative",
    "civil",
    "criminal",
    "offence",
    "admin-suit",
    "private-complaint",
    "detention",
    "restore",
)
DEFAULT_PACK = "refugee"
GROUPS = ("court", "pretrial", "short")

# Dates and flags a user can give for one case; steps count from them or from earlier steps.
INPUTS = (
    "refusal",
    "notified",
    "served",
    "copy_sent",
    "complaint_filed",
    "complaint_decided",
    "complaint_served",
    "filed",
    "ruling",
    "final_form",
    "appeal_ruling",
    "appeal_served",
    "cassation_filed",
    "cassation_ruling",
    "in_force",
    "immediate",
    "no_appeal_notice",
)
# Inputs that are yes/no facts, not dates.
FLAG_INPUTS = ("immediate", "no_appeal_notice")
DATE_INPUTS = tuple(name for name in INPUTS if name not in FLAG_INPUTS)
# "unsettled": the statute leaves open whether the rule applies at all (a route of appeal).
CERTAINTIES = ("text", "secondary", "unverified", "unsettled", "given")
# Names a step may not take: they are columns of the batch output or inputs' own names.
RESERVED_IDS = frozenset({"id", "row", "procedure", "case", "warnings", "kind", "code", "from"})
RESERVED_IDS |= frozenset({"reading", "exit_from", "exit_period", "lang", "route"})
RESERVED_IDS |= frozenset(FLAG_INPUTS) | {"immediate_reason"}
MAX_FILE_BYTES = 1 << 20  # a rules or calendar file larger than 1 MiB is refused


class Source(Record):
    code: str
    title: str
    url: str
    short: str = ""  # the code's abbreviation in a short citation: "APPC"
    version: str = ""  # the consolidated text the quotes were read in


class Rule(Record):
    """How one event's date is found: from a trigger, by a period, under an article."""

    trigger: str
    period: Period | None  # None: the event falls on the trigger's own day
    roll: bool
    next_day: bool  # the event is the day after the term's (rolled) last day
    basis: str
    source: Source
    certainty: str
    note: str
    article: str = ""  # the main article, for the short citation and the quote: "168(2)"
    wording: str = ""  # which wording of the article, when it changed: "2021"
    inline_quote: str = ""  # a user pack's own quote
    version: str = ""  # the consolidated text read, when it is not the source's
    when: str | None = None
    on: str | None = None  # the input whose date valid_from/valid_until are judged on
    kind: tuple[str, ...] = ()
    era: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    # "unverified" when the law read does not say that a non-working last day rolls forward
    roll_certainty: str = ""
    # An input that starts the term instead when it is earlier (the act brought to notice
    # before its copy was delivered: APPC 136(1)); the earlier of the two binds.
    or_from: str | None = None
    # The day the term starts on counts as its first day (UPK 48(2) for custody terms).
    first_day_counts: bool = False
    reason: tuple[str, ...] = ()  # the reasons for immediate entry into force it applies to

    @property
    def cite(self) -> Msg | str:
        """A short citation for a table: "APPC 168(2)"; the basis when no article is named."""
        if self.article:
            return msg("cite", code=self.source.short or self.source.code, article=self.article)
        return self.basis

    @property
    def quote(self) -> str:
        """The statute's words, read from quotes.toml only when asked for."""
        if self.inline_quote:
            return self.inline_quote
        entry = quote_entry(self)
        return entry[0] if entry else ""

    @property
    def text_version(self) -> str:
        """The consolidated text the words were read in."""
        if self.version:
            return self.version
        entry = quote_entry(self)
        if entry and entry[1]:
            return entry[1]
        return self.source.version

    @property
    def judged_on(self) -> str:
        """The input or step whose date decides whether a dated rule applies."""
        return self.on or self.when or self.trigger

    def dates_hold(self, day: date | None) -> bool:
        if self.valid_from is None and self.valid_until is None:
            return True
        if day is None:
            return False
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)


class Reading(Record):
    """One reading of a rule whose meaning is disputed; all readings are computed."""

    id: str
    label: str
    rule: Rule
    variants: tuple[Rule, ...] = ()


class StepRule(Record):
    id: str
    label: str
    rule: Rule
    variants: tuple[Rule, ...] = ()
    window: bool = False  # an event the law only bounds: anywhere from trigger to term end
    input: str | None = None  # a user-given date for this event replaces the computation
    requires: str | None = None  # the step exists only when this input is given
    deadline: bool = False  # a date someone must act by (calendar exports and alerts)
    readings: tuple[Reading, ...] = ()
    # What to say when a given date is later than the step's term (instead of "later than
    # the law allows"), for a term that bounds sending, not arrival.
    late_note: str = ""

    @property
    def default_reading(self) -> Reading | None:
        return self.readings[0] if self.readings else None


class Given(Record):
    """An input date shown as an event: the decision a pack starts from, or a later one."""

    id: str
    label: str
    rule: Rule


class Era(Record):
    """A law version chosen once per case, judged on the date of an input."""

    id: str
    label: str
    rule: Rule  # basis, article and note of the transitional provision
    on: str = "filed"  # the input whose date decides; the ruling or start date stands in
    valid_from: date | None = None
    valid_until: date | None = None
    ruling: Given | None = None  # the decision as the law of this era describes it


class Kind(Record):
    id: str
    label: str
    start_label: str = ""  # what the starting date is, for this kind


class Choice(Record):
    option: str  # "kind", "code" or "route"
    kinds: tuple[Kind, ...]
    default: str

    def get(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)


class Pack(Record):
    id: str
    name: str
    description: str
    given: dict[str, Given]
    steps: tuple[StepRule, ...]
    start: str = "ruling"
    entries: tuple[str, ...] = ("ruling",)
    group: str = "court"
    eras: tuple[Era, ...] = ()
    choice: Choice | None = None
    valid_from: date | None = None
    valid_from_reason: str = ""
    origin: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    immediate_reasons: tuple[str, ...] = ()  # why a decision entered into force at once

    @property
    def ruling(self) -> Rule:
        return self.given[self.start].rule

    @property
    def ruling_label(self) -> str:
        return self.given[self.start].label

    def step(self, step_id: str) -> StepRule | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def label_of(self, name: str) -> str:
        """How a trace names an input or step."""
        if name in self.given:
            return self.given[name].label
        found = self.step(name)
        if found is not None:
            return found.label
        return INPUT_LABELS.get(name, name.replace("_", " "))

    def reading_step(self) -> StepRule | None:
        return next((s for s in self.steps if s.readings), None)


# How a trace names an input that a pack does not describe (translated like pack strings).
INPUT_LABELS = {
    "refusal": "Refusal of refugee status",
    "notified": "Act brought to the person's notice",
    "served": "Copy delivered",
    "copy_sent": "Copy of the decision sent to a person who did not take part",
    "complaint_filed": "Pre-trial complaint registered",
    "complaint_decided": "Decision on the pre-trial complaint",
    "complaint_served": "Decision on the complaint delivered",
    "filed": "Suit filed (case accepted by the court)",
    "ruling": "Decision announced",
    "final_form": "Decision in final form",
    "appeal_ruling": "Appellate act announced",
    "appeal_served": "Appellate act in final form delivered",
    "cassation_filed": "Cassation complaint filed",
    "cassation_ruling": "Cassation court's ruling announced",
    "in_force": "Decision enters into force",
}


def option_for(input_name: str) -> str:
    return "--" + input_name.replace("_", "-")


@cache
def _load_sources() -> dict[str, Source]:
    data = load_toml("rules/sources.toml")
    return {
        code: Source(
            code, entry["title"], entry["url"], entry.get("short", code), entry.get("version", "")
        )
        for code, entry in data.items()
    }


@cache
def _load_quotes() -> dict[str, tuple[str, str]]:
    """quotes.toml: the statute's words by "<code> <article>[ (<wording>)]", with the version."""
    found: dict[str, tuple[str, str]] = {}
    for code, articles in load_toml("rules/quotes.toml").items():
        for article, entry in articles.items():
            found[f"{code} {article}"] = (" ".join(entry["text"].split()), entry.get("version", ""))
    return found


def quote_key(rule: Rule) -> str:
    key = f"{rule.source.code} {rule.article}"
    return f"{key} ({rule.wording})" if rule.wording else key


def quote_entry(rule: Rule) -> tuple[str, str] | None:
    if not rule.article:
        return None
    return _load_quotes().get(quote_key(rule))
