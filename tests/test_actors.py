"""The actor knowledge base: dated roles, the user's own dictionaries, validation with file
and line, search, and names written in odd ways."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from whodid import Coder, Resources
from whodid.cli import main
from whodid.errors import DataFileError
from whodid.nlp.tree import doc_tokens
from whodid.resolve import ActorResolver
from whodid.resolve.dictionary import ActorDictionary
from whodid.types import Actor, Document

USER_ACTORS = """\
# invented people for the tests
- name: Amira Haddad
  aliases: [Haddad, Amira al-Haddad]
  type: person
  country: JOR
  sector: GOV
  roles:
    - {title: Minister of Defence of Jordan, sector: GOV, from: "2019-03", to: "2022-06"}
    - {title: Chief of the General Staff, sector: MIL, from: "2022-06", to: "2024-01-15"}
- name: Tomasz Kowal
  aliases: [Kowal, Biden]
  type: person
  country: POL
  sector: OPP
"""


@pytest.fixture(scope="module")
def user_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "my_actors.yaml"
    path.write_text(USER_ACTORS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def user_coder(user_file) -> Coder:
    return Coder(Resources.load(dictionaries=(user_file,)))


def _source(coder: Coder, text: str, day: str | None) -> str | None:
    events = next(coder.code([Document("t", text, day)])).events
    assert events, text
    return events[0].source.code


@pytest.mark.parametrize(
    ("day", "code"),
    [
        ("2020-05-01", "JORGOV"),  # defence minister then
        ("2023-02-01", "JORMIL"),  # chief of staff then
        ("2025-01-01", "JORELI"),  # every role over: a former official
        ("2022-06-01", "JORMIL"),  # the day the second role starts
        ("2015-01-01", "JORGOV"),  # before any role: the entry's own code
        (None, "JORGOV"),  # no story date: the entry's own code
    ],
)
def test_the_role_in_force_on_the_story_date_decides_the_code(user_coder, day, code):
    assert _source(user_coder, "Amira Haddad met Syrian officers in Amman.", day) == code


def test_user_dictionary_overrides_built_in_names(user_coder, coder):
    text = "Biden met Polish farmers in Warsaw."
    assert _source(coder, text, None) == "USAGOV"
    assert _source(user_coder, text, None) == "POLOPP"


def test_malformed_entry_names_file_and_line(resources, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(USER_ACTORS.replace("sector: MIL", "sector: ARMY"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        ActorDictionary.load(resources.tokenize, extra=[bad])
    assert f"{bad}" in str(caught.value) and "line 2 (Amira Haddad)" in str(caught.value)
    assert "ARMY" in str(caught.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ('from: "2019-03"', 'from: "March 2019"'),
        ("country: JOR\n  sector: GOV", "country: XXX\n  sector: GOV"),
        ("aliases: [Haddad, Amira al-Haddad]", "aliases: Haddad"),
    ],
)
def test_malformed_entries_are_rejected(resources, tmp_path, edit, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(USER_ACTORS.replace(edit, message), encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        ActorDictionary.load(resources.tokenize, extra=[bad])


def test_actors_check_reports_clashes_and_overlapping_roles(tmp_path):
    clash = USER_ACTORS.replace('to: "2022-06"}', 'to: "2023-06"}')  # overlaps the next role
    clash += (
        "- name: Omar Haddad\n  aliases: [Haddad]\n  country: JOR\n  sector: GOV\n"
        "  roles:\n    - {title: Mayor of Amman, sector: GOV, from: '2010', to: '2014'}\n"
        "    - {title: Mayor of Amman, sector: GOV, from: '2012', to: '2016'}\n"
    )
    path = tmp_path / "clash.yaml"
    path.write_text(clash, encoding="utf-8")
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(main, ["actors", "check", "--dictionary", str(path)])
    assert result.exit_code == 1, result.output
    assert "error: " in result.stdout and "alias 'Haddad' of Omar Haddad" in result.stdout
    assert "Omar Haddad holds 'Mayor of Amman' twice from 2012-01-01" in result.stdout
    assert "warning: " in result.stdout and "Amira Haddad: 'Minister of Defence" in result.stdout


def test_built_in_dictionary_checks_clean():
    result = CliRunner(mix_stderr=False).invoke(main, ["actors", "check"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("ok, ")


def test_actors_search_shows_roles_and_code_on_a_date(user_file):
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(
        main, ["actors", "search", "Haddad", "--dictionary", str(user_file), "--date", "2023-01-01"]
    )
    assert result.exit_code == 0, result.stderr
    assert "Amira Haddad  JORMIL" in result.stdout
    assert "2019-03-01 - 2022-06-01: Minister of Defence of Jordan (JORGOV)" in result.stdout
    missing = runner.invoke(main, ["actors", "search", "Zzyzx Qwerty"])
    assert missing.exit_code == 1


@pytest.mark.parametrize(
    "text",
    [
        "An Israeli drone killed Saleh al-Arouri in Beirut.",
        "An Israeli drone killed Saleh Al\u2011Arouri in Beirut.",  # non-breaking hyphen
        "An Israeli drone killed SALEH AL-AROURI in Beirut.",
        "An Israeli drone killed Arouri in Beirut.",
    ],
)
def test_names_in_caps_odd_dashes_and_variants(coder, text):
    events = coder.code_text(text)
    assert events and events[0].target.code == "PSEREB"
    assert events[0].target.name == "Saleh al-Arouri"


# --- actors the dictionary cannot place, placed by what the document is about -------------


def _actors(events):
    return {a.text: a for e in events for a in (e.source, e.target) if a is not None}


def test_a_bare_description_takes_the_country_the_story_is_clearly_about(coder):
    text = (
        "Sudan's army shelled a market in Omdurman on Monday, and Sudanese police arrested "
        "dozens of students in Khartoum.\n\n"
        "The ruling junta later banned all street protests."
    )
    actors = _actors(coder.code_text(text, "d"))
    junta = actors["ruling junta"]
    assert (junta.code, junta.country, junta.basis) == ("SDNMIL", "SDN", "context")
    assert actors["Sudan's army"].basis == "dictionary"


def test_no_country_is_inferred_when_the_story_is_about_two(coder):
    text = (
        "Ethiopian troops attacked Eritrean positions, and Eritrean forces shelled an "
        "Ethiopian town.\n\nThe junta then closed the border."
    )
    junta = _actors(coder.code_text(text, "d"))["junta"]
    assert junta.country is None and junta.code is not None and junta.code.startswith("---")


def test_an_unknown_name_is_kept_and_flagged(coder):
    events = coder.code_text("Ibrahim Tandjoura attacked the village.", "d")
    actor = _actors(events)["Ibrahim Tandjoura"]
    assert actor.code is None and actor.basis == "unresolved"
    assert actor.name == "Ibrahim Tandjoura"
    titled = _actors(coder.code_text("Colonel Ibrahim Tandjoura attacked the village.", "d"))
    colonel = next(a for a in titled.values() if "Tandjoura" in a.text)
    assert colonel.code == "---MIL" and colonel.country is None  # the title gives the sector


def test_what_a_resolver_without_voices_read_is_not_reused_where_a_voice_answers(resources):
    # the speaker memory's resolver hears no quotation; the events' resolver of the same
    # story date shares its readings, but not one a quoted speaker's voice would change
    doc = resources.nlp("“Our soldiers will hold the town,” a spokesman said.")
    soldiers = next(w for w in doc_tokens(doc) if w.text == "soldiers")
    deaf = ActorResolver(resources.actors)
    assert deaf.resolve(soldiers).actor.country is None  # "our" has no antecedent here
    army = Actor("Mali's army", "a spokesman", 30, 41, "MLIMIL", "MLI", "MIL")
    hearing = deaf.hearing(lambda word: army)
    assert hearing.resolve(soldiers).actor.code == "MLIMIL"
    # and what no voice could change is read once for both
    town = next(w for w in doc_tokens(doc) if w.text == "town")
    assert hearing.resolve(town) is deaf.resolve(town)
