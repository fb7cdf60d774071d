"""Readers for the corpus pipeline: HTML, RSS/Atom, folders, language, bad files."""

from pathlib import Path

from whodid.ingest import read_inputs
from whodid.ingest.feeds import read_feed
from whodid.ingest.html import read_html
from whodid.ingest.language import guess_language
from whodid.types import Document, ItemError

PAGE = b"""<!DOCTYPE html><html><head><title>Troops shell village | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://news.example.com/world/jenin-shelling"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Troops shell village</h1>
<p>Israeli troops shelled a village near Jenin on Tuesday, residents said. The army did not
comment on the reports, which could not be independently verified.</p>
<p>Rebels attacked a police station in Kidal, officials said. Three officers were wounded in
the fighting that lasted for several hours.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire Service</title>
<item><guid>wire-1</guid><title>Korea threat</title><link>https://wire.example/1</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;North Korea threatened to attack South Korea on Monday.&lt;/p&gt;
&lt;p&gt;The United States condemned the threat.&lt;/p&gt;</description></item>
<item><guid>wire-2</guid><title>Aid</title><link>https://wire.example/2</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>Egypt sent food aid to Gaza on Tuesday.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><id>urn:atom:1</id><title>Talks</title><updated>2024-03-06T08:00:00Z</updated>
<link href="https://atom.example/1"/>
<content type="html">&lt;p&gt;The Turkish foreign minister met his Iraqi counterpart in
Baghdad.&lt;/p&gt;</content></entry></feed>"""


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def _errors(items):
    return [i for i in items if isinstance(i, ItemError)]


def test_html_page_gives_main_text_and_metadata_without_boilerplate():
    items = list(read_html(PAGE, "jenin", "jenin.html", 1_000_000))
    (doc,) = _docs(items)
    assert "shelled a village near Jenin" in doc.text and "Kidal" in doc.text
    assert "Subscribe" not in doc.text and "Copyright" not in doc.text
    assert doc.date == "2024-03-05" and doc.source == "Example News"
    assert doc.url == "https://news.example.com/world/jenin-shelling"
    assert doc.id == "jenin" and doc.title.startswith("Troops shell village")


def test_corrupt_html_and_binary_with_an_html_name_are_errors_not_crashes():
    broken = list(read_html(b"<html><body><div><p>", "x", "broken.html", 1_000_000))
    assert [e.code for e in _errors(broken)] == ["W130"] and not _docs(broken)
    binary = list(read_html(bytes(range(256)) * 40, "y", "image.html", 1_000_000))
    assert _errors(binary)[0].code == "W101" and not _docs(binary)


def test_rss_entries_become_documents_with_dates_and_plain_text():
    docs = _docs(read_feed(RSS, "wire.rss", 1_000_000))
    assert [d.id for d in docs] == ["wire-1", "wire-2"]
    assert docs[0].date == "2024-03-04" and docs[0].source == "Wire Service"
    assert docs[0].url == "https://wire.example/1"
    assert "<p>" not in docs[0].text
    assert docs[0].text.split("\n\n") == [
        "North Korea threatened to attack South Korea on Monday.",
        "The United States condemned the threat.",
    ]


def test_atom_entry_content_is_read():
    (doc,) = _docs(read_feed(ATOM, "atom.atom", 1_000_000))
    assert doc.id == "urn:atom:1" and doc.date == "2024-03-06"
    assert doc.text.startswith("The Turkish foreign minister met")


def test_truncated_feed_keeps_entries_before_the_damage_with_a_warning():
    cut = RSS[: RSS.index(b"<item><guid>wire-2")] + b"<item><guid>wire-2</guid><descr"
    items = list(read_feed(cut, "cut.rss", 1_000_000))
    assert [d.id for d in _docs(items)] == ["wire-1"]
    warning = _errors(items)[0]
    assert warning.code == "W140" and not warning.fatal and "malformed feed" in warning.message


def test_a_file_that_is_no_feed_is_an_error():
    items = list(read_feed(b"\x89PNG\r\n\x1a\n not xml at all", "logo.xml", 1_000_000))
    assert [e.code for e in _errors(items)] == ["W141"] and not _docs(items)


def test_folders_are_read_recursively_by_file_type(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.html").write_bytes(PAGE)
    (tmp_path / "a" / "wire.rss").write_bytes(RSS)
    (tmp_path / "note.txt").write_text("Rebels attacked a police station in Kidal.")
    (tmp_path / ".hidden.txt").write_text("Not read.")
    ids = sorted(d.id for d in _docs(read_inputs([str(tmp_path)])))
    assert ids == ["note", "page", "wire-1", "wire-2"]


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path):
    big = tmp_path / "dump.txt"
    with big.open("wb") as fh:  # a sparse 100 MB file: no time spent writing it
        fh.truncate(100 * 1024 * 1024)
    (error,) = list(read_inputs([str(big)]))
    assert error.code == "W106" and "104,857,600 bytes" in error.message


def test_language_guess_tells_english_from_other_languages():
    english = guess_language(
        "Israeli troops shelled a village near Jenin on Tuesday, residents said. The army "
        "did not comment on the attack, which killed three people."
    )
    assert english.english and english.language == "en"
    french = guess_language(
        "Les troupes israéliennes ont bombardé un village près de Jénine mardi, selon les "
        "habitants. L'armée n'a pas commenté cette attaque qui a fait trois morts."
    )
    assert (french.language, french.english) == ("fr", False)
    spanish = guess_language(
        "Las tropas israelíes bombardearon una aldea cerca de Yenín el martes, según los "
        "residentes. El ejército no comentó el ataque, que dejó tres muertos."
    )
    assert spanish.language == "es"
    german = guess_language(
        "Israelische Truppen haben am Dienstag ein Dorf in der Nähe von Dschenin beschossen, "
        "sagten Anwohner. Die Armee äußerte sich nicht zu dem Angriff auf das Dorf."
    )
    assert german.language == "de"
    russian = guess_language("Израильские войска обстреляли деревню возле Дженина во вторник.")
    assert russian.language == "ru" and not russian.english
    assert guess_language("Rebels attacked Kidal.").english  # too short to tell: kept
