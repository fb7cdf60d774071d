"""Property: whatever document a reader can produce is stored and read back unchanged."""

from hypothesis import given, settings
from hypothesis import strategies as st

from whodid.store import Store
from whodid.store.identity import content_hash, document_key
from whodid.store.rows import Identity, Rows, document_row
from whodid.types import Document

optional_text = st.none() | st.text(max_size=40)
dates = st.none() | st.dates().map(lambda d: d.isoformat())


@settings(max_examples=60, deadline=None)
@given(
    doc_id=st.text(min_size=1, max_size=30), text=st.text(min_size=1, max_size=400),
    date=dates, title=optional_text, url=optional_text, source=optional_text,
)  # fmt: skip
def test_documents_read_back_equal(doc_id, text, date, title, url, source):
    doc = Document(doc_id, text, date, title, url, source)
    text_hash = content_hash(text)
    who = Identity(document_key(doc_id, text_hash), text_hash, doc_id, 0)
    rows = Rows()
    rows.tables["documents"].append(document_row(doc, who, 1, "coded", "en"))
    with Store(":memory:") as store:
        store.write(rows)
        store.write(rows)  # a second write of the same document adds nothing
        (back,) = store.documents(with_text=True).to_dict("records")
    assert (back["doc_id"], back["text"], back["title"], back["url"], back["source"]) == (
        doc_id, text, title, url, source,
    )  # fmt: skip
    assert (back["date"].date().isoformat() if date else None) == date
