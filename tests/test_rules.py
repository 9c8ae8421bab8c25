"""Rule packs: the built-in ones load; a broken pack is refused with the field named."""

from __future__ import annotations

from pathlib import Path

import pytest

from deadline_cli.errors import DeadlineError
from deadline_cli.rules import BUILTIN_PACKS, load_pack, load_pack_file


@pytest.mark.parametrize("pack_id", BUILTIN_PACKS)
def test_every_step_cites_an_article_and_a_source(pack_id: str) -> None:
    pack = load_pack(pack_id)
    for step in pack.steps:
        for rule in (step.rule, *step.variants):
            assert rule.basis
            assert rule.source.url.startswith("https://adilet.zan.kz/rus/docs/")
            assert rule.certainty in ("text", "secondary", "unverified", "unsettled", "given")


def test_refugee_extends_administrative_without_repeating_it() -> None:
    refugee, admin = load_pack("refugee"), load_pack("administrative")
    # A step written for kinds a refugee case has not (the non-party reading, --kind standard)
    # is not inherited; neither are the procurement and bailiff variants.
    inherited = [s.id for s in admin.steps if s.id != "appeal_deadline_non_party"]
    assert [s.id for s in refugee.steps] == [*inherited, "exit_deadline"]
    for pack in (refugee, load_pack("refugee-path")):
        for step in pack.steps:
            kinds = {k for v in (step.rule, *step.variants) for k in v.kind}
            assert not kinds & {"procurement", "bailiff", "standard"}, (pack.id, step.id)


def test_unknown_pack() -> None:
    with pytest.raises(DeadlineError, match="unknown procedure 'nope'"):
        load_pack("nope")


GOOD = """
schema = 1
id = "mine"
name = "Mine"
[ruling]
label = "Decision"
basis = "GPK art. 223(4)"
source = "GPK"
[[steps]]
id = "appeal_deadline"
label = "Appeal"
from = "ruling"
period = "1 month"
roll = true
basis = "GPK art. 403(3)"
source = "GPK"
certainty = "text"
"""


def test_user_pack_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    assert [s.id for s in load_pack_file(path).steps] == ["appeal_deadline"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('period = "1 month"', 'period = "a while"'), r"steps\[0\] \(appeal_deadline\)\.period"),
        (('certainty = "text"', 'certainty = "likely"'), "certainty: 'likely' is not one of"),
        (('from = "ruling"', 'from = "nowhere"'), "from: 'nowhere' is neither"),
        (('source = "GPK"\ncertainty', 'source = "XYZ"\ncertainty'), "source: 'XYZ'"),
        (("schema = 1", "schema = 7"), "schema: this version reads schema 1"),
        (("roll = true", 'roll = "yes"'), "roll: must be a bool"),
        (("[ruling]", "[ruling]\n["), "not valid TOML"),
    ],
)
def test_broken_user_pack_names_the_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace(*change, 1))
    with pytest.raises(DeadlineError, match=message):
        load_pack_file(path)
