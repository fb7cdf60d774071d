"""On whose word, and did it happen: attribution, speakers, quotations and modality on
real newswire-style text (written for these tests)."""

from pathlib import Path

import pytest

from whodid.evaluate.attribution import read_attribution_gold, score_attribution
from whodid.types import Document

CORPUS = Path(__file__).parents[1] / "corpus" / "attribution" / "dev.jsonl"

STORY = (
    "Colombian Defence Minister Andrea Castaño visited troops in Cauca on Friday after "
    "rebels attacked a police post in the region.\n\n"
    "“The guerrillas will not intimidate this government,” the minister told reporters in "
    "Popayán. “We will send 500 more soldiers to Cauca.\n\n"
    "“If they attack our bases again, we will respond with full force.”\n\n"
    "The rebels accused the army of bombing a village near Suárez."
)


def _code(coder, text):
    return next(coder.code([Document("t", text)]))


def _by_trigger(events, word):
    found = [e for e in events if word in e.trigger.text.split()]
    assert found, f"no event with trigger {word!r} in {[e.trigger.text for e in events]}"
    return found[0]


def test_reporter_states_plain_events(coder):
    events = _code(coder, STORY).events
    attack = _by_trigger(events, "attacked")
    assert attack.attribution.kind == "asserted" and attack.attribution.speaker is None
    assert attack.attribution.chain == ()


def test_a_quotation_runs_over_paragraphs_with_its_speaker(coder):
    result = _code(coder, STORY)
    assert [q.how for q in result.quotes] == ["verb", "continuation", "continuation"]
    assert {q.speaker.name for q in result.quotes} == {"Andrea Castaño"}
    assert not result.quotes[1].closed  # newswire: the mark closes only in the last paragraph
    send = _by_trigger(result.events, "send")
    assert send.attribution.kind == "reported"
    assert send.attribution.speaker.name == "Andrea Castaño"
    assert send.modality == "future"
    assert send.source.code == "COLGOV"  # "we" in her quotation is her government


def test_the_minister_is_the_minister_named_before(coder):
    result = _code(coder, STORY)
    quote = result.quotes[0]
    assert quote.speaker_mention.text == "minister"
    assert STORY[quote.cue.start : quote.cue.end] == "told"


def test_conditional_inside_a_quotation(coder):
    events = _code(coder, STORY).events
    attack = _by_trigger(events, "attack")
    assert attack.modality == "conditional"
    assert attack.attribution.speaker.name == "Andrea Castaño"


def test_an_accusation_is_asserted_and_the_act_is_the_accusers_claim(coder):
    events = _code(coder, STORY).events
    accused = _by_trigger(events, "accused")
    bombing = _by_trigger(events, "bombing")
    assert accused.root == "11" and accused.attribution.kind == "asserted"
    assert bombing.root in {"18", "19"} and bombing.source.code == "COLMIL"
    assert bombing.source.basis == "context"  # "the army" of a story about Colombia
    assert bombing.attribution.kind == "reported"
    assert bombing.attribution.speaker.text == "rebels"
    assert bombing.attribution.chain[-1].how == "accusation"


def test_every_offset_points_into_the_text(coder):
    result = _code(coder, STORY)
    for event in result.events:
        att = event.attribution
        spans = [event.trigger, att.speaker, att.cue, att.quote]
        spans += [c.cue for c in att.chain] + [c.speaker for c in att.chain]
        for span in (s for s in spans if s is not None):
            assert STORY[span.start : span.end] == span.text
    for quote in result.quotes:
        assert STORY[quote.start : quote.end] == quote.text


def test_nested_claims_keep_the_chain(coder):
    text = "Kenya's foreign minister said Somalia had accused Ethiopia of shelling border towns."
    events = _code(coder, text).events
    shelling = _by_trigger(events, "shelling")
    assert [c.how for c in shelling.attribution.chain] == ["speech", "accusation"]
    assert shelling.attribution.speaker.code == "SOM"
    accused = _by_trigger(events, "accused")
    assert accused.attribution.kind == "reported"
    assert accused.attribution.speaker.text == "Kenya's foreign minister"


def test_a_denial_negates_the_act_it_denies(coder):
    text = "Hezbollah denied firing rockets at northern Israel on Sunday."
    events = _code(coder, text).events
    firing = _by_trigger(events, "firing")
    assert firing.modality == "negated"
    assert firing.attribution.kind == "reported"
    assert firing.attribution.speaker.name == "Hezbollah"
    assert _by_trigger(events, "denied").attribution.kind == "asserted"


def test_a_threat_is_actual_and_the_threatened_attack_is_not_an_event(coder):
    events = _code(coder, "North Korea threatened to attack South Korean warships.").events
    assert [(e.root, e.modality, e.attribution.kind) for e in events] == [
        ("13", "actual", "asserted")
    ]


@pytest.mark.parametrize(
    ("text", "word", "how"),
    [
        ("Ugandan troops clashed with rebels near Beni, according to the army.", "clashed",
         "according to"),
        ("Ethiopian police reportedly detained two Somali journalists in Dolo.", "detained",
         "hedge"),
        ("Ugandan troops clashed with rebels near Beni on Monday, the army announced on "
         "Tuesday.", "clashed", "speech"),
        ("Israeli troops raided a hospital in Gaza, the health ministry said.", "raided",
         "speech"),
    ],
)  # fmt: skip
def test_claims_anywhere_in_the_sentence(coder, text, word, how):
    event = _by_trigger(_code(coder, text).events, word)
    assert event.attribution.kind == "reported"
    assert event.attribution.chain[-1].how == how


def test_he_said_is_the_person_named_before(coder):
    text = (
        "Lebanese Prime Minister Nawaf Salam met the French envoy in Beirut. "
        "He said Israel had violated the ceasefire."
    )
    violated = _by_trigger(_code(coder, text).events, "violated")
    assert violated.attribution.speaker.name == "Nawaf Salam"
    assert violated.attribution.speaker.text == "He"


@pytest.mark.parametrize(
    ("text", "word", "modality"),
    [
        ("Rwanda will hold talks with Burundi in Kigali.", "hold", "future"),
        ("If Hamas releases the hostages, Israel will halt its offensive in Gaza.", "halt",
         "conditional"),
        ("If Hamas releases the hostages, Israel will halt its offensive in Gaza.", "releases",
         "conditional"),
        ("Gunmen tried to assassinate the governor of Kandahar.", "assassinate", "attempted"),
        ("Serbian police did not arrest the protesters.", "arrest", "negated"),
        ("Pakistan aims to expel Afghan refugees from Karachi.", "expel", "intended"),
        ("Thai troops shelled Cambodian positions on Monday.", "shelled", "actual"),
    ],
)  # fmt: skip
def test_modality(coder, text, word, modality):
    events = _code(coder, text).events
    event = next((e for e in events if word in e.trigger.text.split()), None)
    assert event is not None, [e.trigger.text for e in events]
    assert event.modality == modality


def test_scare_quotes_make_no_speaker(coder):
    text = (
        'The so-called "peace committee" met the ‘Israeli’ envoy in Cairo. '
        "The 'regime' forces attacked farmers near Hama."
    )
    result = _code(coder, text)
    assert result.quotes == []
    assert all(e.attribution.kind == "asserted" for e in result.events)


@pytest.mark.parametrize(
    "text",
    [
        '“Troops shelled the town," he said” and ” then “ stray „ marks « everywhere.',
        "“" + "The army will not retreat from the border. " * 300,  # 10,000+ chars, unclosed
        "\"Israeli jets struck Gaza,\n\n\"and Hamas fired rockets,\n\n'officials said'",
        "‘‘‘“““" * 50 + "Russia attacked Ukraine." + "”’" * 70,
    ],
)
def test_bad_quotation_marks_degrade_gently(coder, text):
    result = _code(coder, text)
    assert result.error is None
    for q in result.quotes:
        assert text[q.start : q.end] == q.text


def test_a_quotation_spanning_the_whole_document_is_reported_unattributed(coder):
    text = "“Israeli jets struck Gaza on Monday.\n\n“Hamas fired rockets at Ashkelon.”"
    result = _code(coder, text)
    assert result.events and all(e.attribution.kind == "reported" for e in result.events)
    assert all(q.speaker is None and q.how == "unattributed" for q in result.quotes)


def test_a_ten_thousand_character_quotation_finds_its_speaker(coder):
    body = "We will not retreat from the border and we will not negotiate. " * 160
    text = f"“{body.strip()} Our army attacked the rebels,” the general said."
    result = _code(coder, text)
    (quote,) = result.quotes
    assert len(quote.text) > 10_000 and quote.cue.text == "said"


def test_dev_corpus_attribution_holds_up(coder):
    """The blind-written dev corpus (see corpus/attribution/README.md): a regression floor,
    well below today's scores, so a broken mechanism fails loudly."""
    passages = read_attribution_gold(CORPUS)
    coded = [(r.events, r.quotes) for r in coder.code(
        Document(p.id, p.text, p.date) for p in passages)]  # fmt: skip
    report = score_attribution(CORPUS.name, passages, coded)
    assert report.kind.value >= 0.9
    assert report.modality.value >= 0.9
    assert report.speaker_precision.value >= 0.85 and report.speaker_recall.value >= 0.85
    assert report.quote_recall.value >= 0.75
    assert report.scare_as_speech == 0
