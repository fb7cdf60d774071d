"""The pipeline on a Dask LocalCluster (2 worker processes): the same store as one process."""

from pathlib import Path

from newsgen import article, write_jsonl
from storecheck import consistent, snapshot
from whodid.batch import IngestOptions, ingest
from whodid.batch.dask_run import ingest_on_dask
from whodid.store import Store


def test_dask_local_cluster_gives_the_same_store_as_one_process(coder, tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    write_jsonl(corpus / "feed.jsonl", 6, sentences=3)
    (corpus / "copy.txt").write_text(article(2, 3), encoding="utf-8")  # an exact copy
    (corpus / "bad.jsonl").write_text('{"id": "x"}\n')
    options = IngestOptions(progress=False, sentences=True)

    with Store(tmp_path / "dask.duckdb") as store:
        summary = ingest_on_dask(
            [str(corpus)], store, "local", options, workers=2, partition_docs=2
        )
        assert (summary.coded, summary.duplicates, summary.failed) == (6, 1, 1)
        assert summary.worker_peak_rss_mb > 100  # a worker holds spaCy and the dictionaries
        parts = sorted((tmp_path / "dask.duckdb.parts" / "run-00001").glob("part-*"))
        assert len(parts) == 3 and all((p / "events.parquet").exists() for p in parts)
        consistent(store)
        on_dask = snapshot(store)
        again = ingest_on_dask([str(corpus)], store, "local", options, workers=2)
        assert (again.coded, again.already_stored) == (0, 7)  # resumable on Dask too
        assert snapshot(store) == on_dask
        assert store.runs()["mode"].tolist() == ["dask:local", "dask:local"]

    with Store(tmp_path / "local.duckdb") as local:
        ingest([str(corpus)], local, coder, options)
        assert snapshot(local) == on_dask and len(on_dask["events"]) > 6
        assert local.counts()["documents"] == 7 and len(local.sql("FROM sentences")) == 6 * 3
