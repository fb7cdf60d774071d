"""Checks on a store's contents shared by the store tests."""

from whodid.store import Store


def snapshot(store: Store) -> dict:
    docs = store.sql("SELECT doc_id, status, events FROM documents ORDER BY doc_id")
    events = store.sql(
        "SELECT doc_id, event_id, code, source_code, target_code, date FROM events "
        "ORDER BY doc_id, event_id"
    )
    sentences = store.sql(
        "SELECT d.doc_id, s.sentence, s.text FROM sentences s "
        "JOIN documents d ON d.doc_key = s.doc_key ORDER BY 1, 2"
    )
    return {"docs": docs.to_dict("records"), "events": events.to_dict("records"),
            "sentences": sentences.to_dict("records")}  # fmt: skip


def consistent(store: Store) -> None:
    """Every stored document has exactly the events it says it has: no partial rows."""
    bad = store.sql(
        "SELECT d.doc_id, d.events, count(e.event_id) AS stored FROM documents d "
        "LEFT JOIN events e ON e.doc_key = d.doc_key GROUP BY ALL HAVING d.events <> stored"
    )
    assert bad.empty, bad
    orphans = store.sql(
        "SELECT count(*) AS n FROM events e ANTI JOIN documents d ON d.doc_key = e.doc_key"
    )
    assert orphans.n[0] == 0
