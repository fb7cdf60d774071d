"""The place resolver: gazetteer keys, ambiguous names, event locations, the toponym corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from whodid import Place, Resources
from whodid.errors import DataFileError, GoldFormatError
from whodid.geo import DocumentContext, Gazetteer, PlaceResolver, name_key
from whodid.geo.evaluate import read_cases, score_toponyms

GOLD = Path(__file__).parent / "golden" / "toponyms.jsonl"
REGIONS = Path(__file__).parents[1] / "src" / "whodid" / "geo" / "data" / "regions.yaml"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)


def resolve(resources: Resources, resolver: PlaceResolver, text: str, mention: str,
            context: str = "", actors: tuple[str, ...] = ()) -> Place | None:  # fmt: skip
    """Resolve the first ``mention`` in ``text`` after noticing ``context`` and ``text``."""
    doc = resources.nlp(text)
    ctx = resolver.context(resources.nlp(context) if context else None)
    ctx.notice(doc)
    start = text.index(mention)
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    assert span is not None
    return resolver.resolve(span, ctx, actors)


def locate(resources: Resources, resolver: PlaceResolver, text: str, trigger: str,
           offset: int = 0, actors: tuple[str, ...] = ()) -> Place | None:  # fmt: skip
    doc: Doc = resources.nlp(text)
    anchor = next(t for t in doc if t.text == trigger)
    return resolver.locate(anchor.sent, anchor, offset, resolver.context(doc), actors)


# --- the gazetteer -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, key",
    [
        ("Khan Younis", "khan younis"),
        ("KHAN‑YOUNIS", "khan younis"),  # non-breaking hyphen, capitals
        ("Nagorno–Karabakh", "nagorno karabakh"),  # en dash
        ("Sana’a", "sanaa"),  # curly apostrophe
        ("Sana'a", "sanaa"),
        ("Córdoba", "cordoba"),
        ("St. Petersburg", "saint petersburg"),
        ("Washington, D.C.", "washington d c"),
        ("", ""),
    ],
)
def test_name_key_folds_case_accents_apostrophes_and_dashes(written: str, key: str) -> None:
    assert name_key(written) == key


def test_gazetteer_holds_cities_countries_states_and_curated_regions(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 100_000
    assert gazetteer.country("PSE") is not None and gazetteer.country("PSE").name == "Palestine"
    assert {e.kind for e in gazetteer.lookup("Georgia")} == {"country", "state"}
    assert [e.name for e in gazetteer.lookup("Kherson region")] == ["Kherson region"]
    assert all(e.curated for e in gazetteer.lookup("West Bank"))
    places = [line for line in REGIONS.read_text().splitlines() if line.startswith("  - {")]
    assert len(places) >= 120


@pytest.mark.parametrize(
    "written, name",
    [
        ("Khan Yunis", "Khan Younis"),
        ("KHAN YOUNIS", "Khan Younis"),
        ("al-Fashir", "El Fasher"),  # article spelt otherwise
        ("Fashir", "El Fasher"),  # article dropped
        ("Deir el-Balah", "Deir al-Balah"),
        ("Zaporozhye", "Zaporizhzhia"),
        ("Kiev", "Kyiv"),
        ("Gaza", "Gaza Strip"),  # the territory; the city is "Gaza City"
        ("GAZA CITY", "Gaza City"),
    ],
)
def test_lookup_finds_spelling_variants(gazetteer: Gazetteer, written: str, name: str) -> None:
    assert gazetteer.lookup(written)[0].name == name


def test_acronyms_match_only_in_capitals(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("US")[0].country == "USA"
    assert gazetteer.lookup("us") == ()
    assert gazetteer.lookup("Police i Polen") != ()  # alternate names are kept...
    assert gazetteer.lookup("Парыж") == ()  # ...in Latin script only
    assert gazetteer.lookup("North") == ()  # ...and not when they are ordinary words
    assert gazetteer.lookup("North Salt Lake")[0].country == "USA"


def test_state_abbreviations_are_qualifiers_only(gazetteer: Gazetteer) -> None:
    assert gazetteer.qualifier("Va.")[0].name == "Virginia"
    assert all(e.kind != "state" for e in gazetteer.lookup("Va."))


@pytest.mark.parametrize(
    "entry, problem",
    [
        ("{name: X, aliases: [], country: ZZZ, lat: 1, lon: 1, kind: city}", "unknown country"),
        ("{name: X, aliases: [], country: null, lat: 91, lon: 1, kind: sea}", "bad coordinates"),
        ("{name: X, alias: [], country: null, lat: 1, lon: 1, kind: sea}", "fields must be"),
        ("{name: X, aliases: [], country: null, lat: 1, lon: 1, kind: town}", "unknown kind"),
    ],
)
def test_regions_file_is_validated(tmp_path: Path, entry: str, problem: str) -> None:
    bad = tmp_path / "regions.yaml"
    bad.write_text(f"places:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=problem):
        Gazetteer.load(regions=bad)


# --- ambiguous names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "context, text, mention, country, name",
    [
        ("", "Protesters rallied in Paris, Texas, on Saturday.", "Paris", "USA", "Paris"),
        ("", "Climate negotiators will meet again in Paris.", "Paris", "FRA", "Paris"),
        ("", "Gunmen attacked a checkpoint in Tripoli, Lebanon.", "Tripoli", "LBN", "Tripoli"),
        ("", "The Lebanese city of Tripoli lost power.", "Tripoli", "LBN", "Tripoli"),
        ("", "The UN envoy flew to Tripoli for talks.", "Tripoli", "LBY", "Tripoli"),
        ("", "Police arrested two men in Alexandria, Va., on Monday.", "Alexandria", "USA", None),
        ("", "Police in Tbilisi, Georgia, detained protesters.", "Georgia", "GEO", "Georgia"),
        ("", "Athens, Georgia, is a college town.", "Georgia", "USA", "Georgia"),
        ("Voters in Atlanta queued for hours.", "Officials in Georgia extended polling.",
         "Georgia", "USA", "Georgia"),
        ("Russian troops remain in South Ossetia.", "Georgia protested to Moscow.",
         "Georgia", "GEO", "Georgia"),
        ("Pakistan's Sindh province was flooded.", "Rescuers reached Hyderabad.",
         "Hyderabad", "PAK", "Hyderabad"),
        ("Spain's eastern coast was battered by storms.", "Floods hit Valencia.",
         "Valencia", "ESP", "Valencia"),
        ("Alabama's governor toured the damage.", "Tornadoes struck near Birmingham.",
         "Birmingham", "USA", "Birmingham"),
        ("Tennessee declared an emergency.", "Hezbollah fighters in Lebanon fired rockets.",
         "Lebanon", "LBN", "Lebanon"),  # a country is not outvoted by Lebanon, Tennessee
        ("", "Ukrainian troops retook Kherson in 2022.", "Kherson", "UKR", "Kherson"),
        ("", "Shelling in the Kherson region killed three.", "Kherson region", "UKR",
         "Kherson region"),
        ("", "Residents fled Gaza City.", "Gaza City", "PSE", "Gaza City"),
        ("", "Jordan closed its border with Syria.", "Jordan", "JOR", "Jordan"),
        ("", "Lawmakers in Washington debated the bill.", "Washington", "USA", None),
        ("", "Russia struck Odessa’s port again.", "Odessa", "UKR", "Odesa"),
        ("", "Delegates gathered in St. Petersburg.", "St. Petersburg", "RUS", None),
    ],
)
def test_traps(resources: Resources, resolver: PlaceResolver, context: str, text: str,
               mention: str, country: str, name: str | None) -> None:  # fmt: skip
    place = resolve(resources, resolver, text, mention, context)
    assert place is not None and place.country == country
    assert name is None or place.name == name


def test_document_context_decides_between_readings(
    resources: Resources, resolver: PlaceResolver
) -> None:
    text = "Militias exchanged fire in Tripoli overnight."
    alone = resolve(resources, resolver, text, "Tripoli")
    lebanon = "The army deployed troops across northern Lebanon."
    after = resolve(resources, resolver, text, "Tripoli", lebanon)
    assert alone is not None and alone.country == "LBY"
    assert after is not None and after.country == "LBN"


def test_weak_hints_do_not_outvote_a_much_bigger_city(
    resources: Resources, resolver: PlaceResolver
) -> None:
    # Russian actors are no evidence that Donetsk is the small Russian town of that name.
    place = resolve(resources, resolver, "Russian troops shelled Donetsk.", "Donetsk",
                    "Moscow said Russian forces advanced.", actors=("RUS",))  # fmt: skip
    assert place is not None and place.country == "UKR"


def test_actor_countries_and_added_countries_are_evidence(
    resources: Resources, resolver: PlaceResolver, gazetteer: Gazetteer
) -> None:
    doc = resources.nlp("Clashes erupted in Tripoli.")
    span = doc[3:4]
    ctx = DocumentContext(gazetteer)
    assert resolver.resolve(span, ctx).country == "LBY"
    ctx.add("LBN", "LBN")
    assert resolver.resolve(span, ctx, actor_countries=("LBN",)).country == "LBN"


def test_only_certain_names_vote(resources: Resources, gazetteer: Gazetteer) -> None:
    ctx = DocumentContext(gazetteer)
    ctx.notice(resources.nlp("Talks in Tripoli and Georgia failed. Lebanese troops entered Kyiv."))
    assert ctx.evidence.places == {"UKR": 1}  # Tripoli and Georgia could be either
    assert ctx.evidence.hints == {"LBN": 1}


# --- event location ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        ("Israeli troops, who crossed from Lebanon, shelled Gaza.", "shelled", "Gaza"),
        ("Israeli troops shelled a village near Jenin on Tuesday.", "shelled", "Jenin"),
        ("Gunmen attacked a police station in Kidal, killing three.", "attacked", "Kidal"),
        ("Soldiers raided homes in the northern West Bank.", "raided", "West Bank"),
        ("An airstrike hit a Gaza hospital, officials said.", "hit", "Gaza"),
        ("Moscow said it shot down drones over the Black Sea.", "shot", "Black Sea"),
        ("Militants attacked an army post north of Kyiv.", "attacked", "Kyiv"),
        ("Fighters clashed on the outskirts of Khan Yunis.", "clashed", "Khan Yunis"),
        ("Israeli troops raided Jenin in the northern West Bank.", "raided", "Jenin"),
        ("US troops raided a village in the DRC.", "raided", "DRC"),
        ("Officials in Kyiv said Russian missiles hit a plant in Kharkiv.", "hit", "Kharkiv"),
        ("Moscow accused Kyiv of shelling Belgorod.", "shelling", "Belgorod"),
        ("Speaking in Washington, the president condemned the attack in Kyiv.", "attack", "Kyiv"),
        ("GAZA CITY (Reuters) - Israeli aircraft struck a house in Khan Younis.", "struck",
         "Khan Younis"),
        ("Troops entered Nablus and arrested five men.", "arrested", "Nablus"),
        ("Russian forces continued to shell Sumy, the governor said.", "shell", "Sumy"),
        ("A car bomb outside Kirkuk killed three U.S. contractors.", "killed", "Kirkuk"),
    ],
)
def test_event_location_is_the_place_tied_to_the_trigger(
    resources: Resources, resolver: PlaceResolver, text: str, trigger: str, expected: str
) -> None:
    place = locate(resources, resolver, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Moscow said it would respond.", "respond"),  # an actor, not a location
        ("Lebanon condemned the killings.", "condemned"),
        ("Washington imposed sanctions on Iran.", "sanctions"),  # a target country
        ("GAZA CITY (Reuters) - Officials condemned the strike.", "condemned"),  # dateline
        ("Hamas fighters from Gaza attacked Israel.", "attacked"),
        ("Gunmen ambushed an AU convoy.", "ambushed"),  # the African Union, not a town "Au"
        ("A UN aid team was attacked.", "attacked"),
        ("A mine killed two U.S. soldiers.", "killed"),  # the victims' nationality
    ],
)
def test_no_location_when_no_place_is_tied_to_the_event(
    resources: Resources, resolver: PlaceResolver, text: str, trigger: str
) -> None:
    assert locate(resources, resolver, text, trigger) is None


def test_located_place_has_absolute_offsets_and_the_text_as_written(
    resources: Resources, resolver: PlaceResolver
) -> None:
    text = "Russian forces shelled villages in the Kherson‑region, officials said."
    place = locate(resources, resolver, text, "shelled", offset=1000)
    assert place is not None
    assert (place.name, place.country) == ("Kherson region", "UKR")
    assert place.text == "Kherson‑region" == text[place.start - 1000 : place.end - 1000]
    assert place.lat is not None and place.lon is not None


# --- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!!! ???", "al- el- AL-", "St. St. St.", "X" * 5000, "🙂 Gaza 🙂", "U.S.-U.K.",
     "in in in in", "PARIS, Texas, GEORGIA, Va., N.Y."],
)
def test_junk_does_not_crash(resources: Resources, resolver: PlaceResolver, text: str) -> None:
    doc = resources.nlp(text)
    ctx = resolver.context(doc)
    for sent in doc.sents:
        resolver.toponyms(sent)
        for token in sent:
            resolver.locate(sent, token, 0, ctx)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_text_resolves_without_error(
    resources: Resources, resolver: PlaceResolver, text: str
) -> None:
    doc = resources.nlp(text)
    ctx = resolver.context(doc)
    for sent in doc.sents:
        for top in resolver.toponyms(sent):
            place = resolver.resolve(top.span, ctx)
            assert place is not None and place.text == top.span.text
        if len(sent):
            resolver.locate(sent, sent.root, 0, ctx)


# --- the toponym corpus ---------------------------------------------------------------------


def test_toponym_corpus_is_well_formed() -> None:
    cases = read_cases(GOLD)
    assert len(cases) >= 150
    assert sum(c.ambiguous for c in cases) >= 60
    assert sum(c.trigger is not None for c in cases) >= 40
    assert len({c.id for c in cases}) == len(cases)


def test_bad_corpus_lines_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "In Gaza.", "mention": "Rafah", "country": "PSE"}\n')
    with pytest.raises(GoldFormatError, match="bad.jsonl:1"):
        read_cases(bad)


def test_toponym_accuracy(resources: Resources, resolver: PlaceResolver) -> None:
    scores = score_toponyms(GOLD, resources.nlp, resolver)
    print(f"toponyms {scores.correct}/{scores.total} = {scores.accuracy:.3f}; ambiguous "
          f"{scores.ambiguous_correct}/{scores.ambiguous_total} = {scores.ambiguous_accuracy:.3f};"
          f" event location {scores.event_correct}/{scores.event_total} = "
          f"{scores.event_accuracy:.3f}")  # fmt: skip
    for miss in scores.misses:
        print("  miss:", miss)
    # Floors below the measured 0.99 / 0.98 / 1.00, which a corpus written alongside the code
    # overstates; a first run on its blind part scored 0.97 / 0.93 / 1.00.
    assert scores.accuracy >= 0.93
    assert scores.ambiguous_accuracy >= 0.90
    assert scores.event_accuracy >= 0.90


# --- towns the gazetteer lacks, countries named outright ----------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("A tornado flattened a school in Cairo, Georgia, on Monday.", "Cairo", "USA"),
        ("Workers at a plant in Lebanon, Ohio, walked out on Friday.", "Lebanon", "USA"),
        ("Miners in Mount Isa, Queensland, returned to work.", "Mount Isa", "AUS"),
        ("Floods cut the road to Kosti, Sudan.", "Kosti", "SDN"),
    ],
)
def test_a_qualified_town_is_placed_in_its_area(
    resources: Resources, resolver: PlaceResolver, text: str, mention: str, country: str
) -> None:
    place = resolve(resources, resolver, text, mention)
    assert place is not None and place.country == country and place.text == mention


def test_a_list_of_places_is_not_read_as_a_qualified_town(
    resources: Resources, resolver: PlaceResolver
) -> None:
    text = "Shelling hit Zaporizhzhia, Kherson and Nikopol overnight."
    place = resolve(resources, resolver, text, "Zaporizhzhia")
    assert place is not None and place.country == "UKR"
    assert place.lat is not None  # the gazetteer's own city, not a made-up town


def test_a_country_named_in_the_story_settles_a_peer_name(
    resources: Resources, resolver: PlaceResolver
) -> None:
    context = "The president of the Republic of the Congo flew back to Brazzaville."
    place = resolve(resources, resolver, "Congo's parliament met on Monday.", "Congo", context)
    assert place is not None and place.country == "COG"
    bare = resolve(resources, resolver, "Fighting spread in eastern Congo.", "Congo")
    assert bare is not None and bare.country == "COD"
