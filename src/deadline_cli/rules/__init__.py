"""Procedure packs: the legal rules as TOML data, each rule with its article, words and certainty.

A pack is a list of steps. Each step names the event or input it counts from (``from``), its
period, whether a non-working last day rolls forward, the article (``basis``, with the main
``article`` for the short citation and the quote), the code it comes from (``source``, a key of
``sources.toml``) and how sure we are of it (``certainty``). The statute's own words live in
``quotes.toml``, keyed by code and article, and are read only when a quote is shown.

A step may carry:

- ``variants``: the first whose conditions hold replaces the step's rule. Conditions: ``when``
  (an input is given), ``kind`` (the case's kind, ``--kind``/``--code``), ``era`` (the law version
  of the case) and ``valid_from``/``valid_until`` (the date of the act that triggers it).
- ``readings``: several readings of one rule (the refugee exit term). All are computed; one is
  shown as the event's date and the others are reported beside it.

On a step itself, ``requires``, ``era``, ``kind`` and ``valid_from``/``valid_until`` say when the
step exists at all. A pack may declare law versions (``eras``) chosen once per case, a
``choice`` of kinds, and several ``entries``: the inputs a computation may start from.
Packs are data only: nothing in them runs, and an unknown key is an error, not ignored.
"""

from deadline_cli.rules.model import (
    BUILTIN_PACKS,
    CERTAINTIES,
    DATE_INPUTS,
    DEFAULT_PACK,
    FLAG_INPUTS,
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
    option_for,
    quote_entry,
    quote_key,
)
from deadline_cli.rules.parse import (
    KEYS,
    load_pack,
    load_pack_file,
    parse_pack,
    texts_to_translate,
)

__all__ = [
    "BUILTIN_PACKS",
    "CERTAINTIES",
    "DATE_INPUTS",
    "DEFAULT_PACK",
    "FLAG_INPUTS",
    "GROUPS",
    "INPUTS",
    "INPUT_LABELS",
    "KEYS",
    "MAX_FILE_BYTES",
    "RESERVED_IDS",
    "SCHEMA",
    "Choice",
    "Era",
    "Given",
    "Kind",
    "Pack",
    "Reading",
    "Rule",
    "Source",
    "StepRule",
    "load_pack",
    "load_pack_file",
    "option_for",
    "parse_pack",
    "quote_entry",
    "quote_key",
    "texts_to_translate",
]
