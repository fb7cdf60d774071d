"""Command line: ``whodid code | explain | eval | patterns | ingest | events | serve``. Thin:
parse, call, print."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from whodid.errors import WhodidError
from whodid.types import MODALITIES

EXIT_NOTHING_CODED = 3
EXIT_BAD_DATA = 4


def _resources(patterns: Path | None = None, dictionaries: tuple[Path, ...] = ()):  # noqa: ANN202
    from whodid.resources import Resources

    try:
        return Resources.load(patterns_dir=patterns, dictionaries=dictionaries)
    except WhodidError as exc:
        click.echo(f"whodid: {exc}", err=True)
        sys.exit(EXIT_BAD_DATA)


@click.group()
@click.version_option(package_name="whodid")
def main() -> None:
    """whodid: who did what to whom, from news text (CAMEO + PLOVER events)."""


def _coded_documents(
    inputs: tuple[str, ...], patterns: Path | None, max_chars: int, stats: dict[str, int],
    dictionaries: tuple[Path, ...] = (),
) -> Iterator:  # fmt: skip
    """Coded documents of INPUTS; problems with single items go to stderr and ``stats``."""
    from whodid.coder import Coder
    from whodid.ingest import read_inputs
    from whodid.types import Document, ItemError

    coder = Coder(_resources(patterns, dictionaries))

    def documents() -> Iterator[Document]:
        for item in read_inputs(list(inputs), max_chars=max_chars):
            if isinstance(item, ItemError):
                click.echo(f"whodid: {item}", err=True)
                stats["failed"] += item.fatal
            else:
                yield item

    for result in coder.code(documents()):
        if result.error is not None:
            click.echo(f"whodid: {result.error}", err=True)
            stats["failed"] += 1
            continue
        stats["coded"] += 1
        yield result


def _finish(stats: dict[str, int], written: int, what: str) -> None:
    click.echo(
        f"whodid: {stats['coded']} document(s) coded, {stats['failed']} failed, "
        f"{written} {what}(s)",
        err=True,
    )
    if stats["coded"] == 0:
        sys.exit(EXIT_NOTHING_CODED)


INPUTS = click.argument("inputs", nargs=-1, required=True)
PATTERNS = click.option(
    "--patterns", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Use the pattern files in this folder, not the built-in ones.",
)  # fmt: skip
MAX_CHARS = click.option(
    "--max-chars", type=click.IntRange(min=1), default=1_000_000, show_default=True,
    help="Longer documents are reported and not coded.",
)  # fmt: skip
DICTIONARY = click.option(
    "--dictionary", "dictionaries", multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Your own actor file or folder (named-actor YAML, sector TSV); overrides the "
         "built-in names. Repeatable.",
)  # fmt: skip
OUTPUT = click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
                      help="Write here instead of standard output.")  # fmt: skip


@main.command()
@INPUTS
@click.option("--format", "fmt", type=click.Choice(["jsonl", "tsv", "table"]), default="jsonl",
              show_default=True, help="Output format.")  # fmt: skip
@OUTPUT
@PATTERNS
@DICTIONARY
@MAX_CHARS
@click.option("--only-asserted", is_flag=True,
              help="Only events the reporter states, not those someone claims.")  # fmt: skip
@click.option("--min-modality", type=click.Choice(list(MODALITIES)),
              help="Only events at least this certain: actual > attempted > future > "
                   "intended > conditional > hypothetical > negated.")  # fmt: skip
def code(inputs: tuple[str, ...], fmt: str, output: click.utils.LazyFile,
         patterns: Path | None, dictionaries: tuple[Path, ...], max_chars: int,
         only_asserted: bool, min_modality: str | None) -> None:  # fmt: skip
    """Code INPUTS (text files, .jsonl files, folders, or - for stdin) into events.

    Problems with single items go to standard error with the item's name and line; the
    rest is coded. Exit status: 0 when any document was coded, 3 when none could be.
    """
    from whodid.output import select, write_events

    stats = {"coded": 0, "failed": 0}
    coded = _coded_documents(inputs, patterns, max_chars, stats, dictionaries)
    events = (e for r in coded for e in r.events)
    written = write_events(select(events, only_asserted, min_modality), output, fmt)
    output.flush()
    _finish(stats, written, "event")


@main.command()
@INPUTS
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="Output format.")  # fmt: skip
@OUTPUT
@DICTIONARY
@MAX_CHARS
def quotes(inputs: tuple[str, ...], fmt: str, output: click.utils.LazyFile,
           dictionaries: tuple[Path, ...], max_chars: int) -> None:  # fmt: skip
    """List the direct quotations in INPUTS with their speakers (JSON Lines by default)."""
    from whodid.output import write_quotes

    stats = {"coded": 0, "failed": 0}
    coded = _coded_documents(inputs, None, max_chars, stats, dictionaries)
    found = (q for r in coded for q in r.quotes)
    written = write_quotes(found, output, fmt)
    output.flush()
    _finish(stats, written, "quotation")


@main.command()
@click.argument("text")
@DICTIONARY
@click.option("--date", "story_date", help="Story date YYYY-MM-DD (decides whose role counts).")
def explain(text: str, dictionaries: tuple[Path, ...], story_date: str | None) -> None:
    """Show how TEXT is coded: parse, patterns tried, the one chosen, actor resolution."""
    from whodid.explain import explain as run

    click.echo(run(text, _resources(dictionaries=dictionaries), story_date))


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def evaluate(gold: tuple[Path, ...], as_json: bool) -> None:
    """Score the coder against GOLD JSON Lines files (precision, recall, F1)."""
    from whodid.coder import Coder
    from whodid.evaluate import read_gold, score
    from whodid.evaluate.attribution import (
        format_attribution,
        is_attribution_gold,
        read_attribution_gold,
        score_attribution,
    )
    from whodid.evaluate.gold import first_record
    from whodid.evaluate.scoring import Report, format_report, pooled
    from whodid.types import Document

    resources = _resources()
    coder = Coder(resources)
    reports = []
    texts = []
    for path in gold:
        record = first_record(path)
        if record is not None and "mention" in record:  # a toponym set
            from whodid.geo.evaluate import score_toponyms

            scores = score_toponyms(path, resources.nlp, resources.places)
            reports.append(_Named(path.name, scores.to_dict()))
            texts.append(
                f"== {path.name}: toponyms\n"
                f"all mentions     {scores.accuracy:.3f} ({scores.correct}/{scores.total})\n"
                f"ambiguous names  {scores.ambiguous_accuracy:.3f} "
                f"({scores.ambiguous_correct}/{scores.ambiguous_total})\n"
                f"event locations  {scores.event_accuracy:.3f} "
                f"({scores.event_correct}/{scores.event_total})"
            )
            continue
        if is_attribution_gold(path):
            try:
                passages = read_attribution_gold(path)
            except WhodidError as exc:
                click.echo(f"whodid: {exc}", err=True)
                sys.exit(EXIT_BAD_DATA)
            docs = (Document(p.id, p.text, p.date) for p in passages)
            results = [(r.events, r.quotes) for r in coder.code(docs)]
            found = score_attribution(path.name, passages, results)
            reports.append(found)
            texts.append(format_attribution(found))
            continue
        try:
            sentences = read_gold(path, resources.ontology)
        except WhodidError as exc:
            click.echo(f"whodid: {exc}", err=True)
            sys.exit(EXIT_BAD_DATA)
        docs = (Document(s.id, s.text, s.date) for s in sentences)
        coded = (r.events for r in coder.code(docs))
        reports.append(score(path.name, sentences, coded))
        texts.append(format_report(reports[-1]))
    events = [r for r in reports if isinstance(r, Report)]
    if len(events) > 1:  # the event gold files as one
        reports.append(pooled(events))
        texts.append(format_report(reports[-1]))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        click.echo("\n\n".join(texts))


class _Named:
    """A report that is only a dictionary, for ``--json``."""

    def __init__(self, name: str, data: dict) -> None:
        self.data = {"file": name, **data}

    def as_dict(self) -> dict:
        return self.data


@main.group()
def actors() -> None:
    """Search and check the actor dictionary (built-in plus --dictionary files)."""


@actors.command()
@click.argument("name")
@DICTIONARY
@click.option("--date", "on", help="Show the code in force on this date (YYYY-MM-DD).")
def search(name: str, dictionaries: tuple[Path, ...], on: str | None) -> None:
    """Entries whose name or an alias contains every word of NAME."""
    from whodid.dates import parse_story_date

    res = _resources(dictionaries=dictionaries)
    found = res.actors.search(name, res.tokenize)
    named = sorted((e for e in found if e.kind == "named"), key=lambda e: e.name)
    others = sorted((e for e in found if e.kind != "named"), key=lambda e: e.name)
    day = parse_story_date(on)
    for e in [*named, *others]:
        code = e.on(day)[2]
        click.echo(f"{e.name}  {code or '-'}  [{e.kind}]  {e.source}".rstrip())
        if e.aliases:
            click.echo(f"    aliases: {', '.join(e.aliases)}")
        for r in e.roles:
            until = r.end.isoformat() if r.end else "now"
            click.echo(f"    {r.start.isoformat()} - {until}: {r.title} "
                       f"({r.country or e.country or '---'}{r.sector})")  # fmt: skip
    if not found:
        click.echo(f"whodid: no actor matches {name!r}", err=True)
        sys.exit(1)


@actors.command(name="check")
@DICTIONARY
def check_actors(dictionaries: tuple[Path, ...]) -> None:
    """Validate the actor files: malformed entries (file and line), aliases two entries
    claim, unknown codes, overlapping roles. Exit 1 when there are errors."""
    from whodid.resolve.dictionary import check_dictionary

    res = _resources(dictionaries=dictionaries)
    problems, warnings = check_dictionary(res.actors)
    for problem in problems:
        click.echo(f"error: {problem}")
    for warning in warnings:
        click.echo(f"warning: {warning}")
    entries = res.actors.entries()
    roles = sum(len(e.roles) for e in entries)
    verdict = f"{len(problems)} error(s)" if problems else "ok"
    click.echo(f"{verdict}, {len(warnings)} warning(s): {len(entries)} "
               f"named actors, {roles} dated roles, {len(res.actors.country_names)} countries, "
               f"{len(res.actors.sectors)} sector terms")  # fmt: skip
    if problems:
        sys.exit(1)


@main.group()
def patterns() -> None:
    """Inspect the event pattern files."""


@patterns.command()
@click.argument("directory", required=False,
                type=click.Path(exists=True, file_okay=False, path_type=Path))  # fmt: skip
def check(directory: Path | None) -> None:
    """Validate pattern files (built-in, or those in DIRECTORY)."""
    from whodid.extract import PatternSet
    from whodid.ontology import Ontology

    try:
        loaded = PatternSet.load(Ontology.load(), directory)
    except WhodidError as exc:
        click.echo(f"whodid: {exc}", err=True)
        sys.exit(EXIT_BAD_DATA)
    roots = sorted({p.code[:2] for p in loaded.verbs} | {p.code[:2] for p in loaded.nouns})
    click.echo(
        f"ok: {len(loaded.verbs)} verb patterns, {len(loaded.nouns)} noun patterns, "
        f"{len(loaded.light_verbs)} light verbs, roots {' '.join(roots)}"
    )


EXIT_STORE = 5


@main.command(name="ingest")
@INPUTS
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The DuckDB store to add to (created when missing).")  # fmt: skip
@PATTERNS
@DICTIONARY
@MAX_CHARS
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar, no summary: only errors that stop the run.")  # fmt: skip
@click.option("--batch-docs", type=click.IntRange(min=1), default=32, show_default=True,
              help="Documents stored per transaction.")  # fmt: skip
@click.option("--sentences", "store_sentences", is_flag=True,
              help="Also store every sentence (text and offsets) in the sentences table.")
@click.option("--dask", "dask_address", metavar="local|tcp://HOST:PORT",
              help="Code on Dask: a local cluster, or the scheduler at this address.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of --dask local.")  # fmt: skip
@click.option("--partition-docs", type=click.IntRange(min=1), default=100, show_default=True,
              help="Documents per Dask partition.")  # fmt: skip
@click.option("--parts-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where Dask workers write Parquet partitions (default: DB.parts); on a "
                   "cluster, a folder every worker can write.")  # fmt: skip
def ingest(inputs: tuple[str, ...], db: Path, patterns: Path | None,
           dictionaries: tuple[Path, ...], max_chars: int, quiet: bool, batch_docs: int,
           store_sentences: bool, dask_address: str | None, workers: int,
           partition_docs: int, parts_dir: Path | None) -> None:  # fmt: skip
    """Code INPUTS (text, .jsonl, .html, .rss/.atom/.xml files and folders of them) into
    the event store DB. Re-running adds only what is missing; a killed run resumes.

    Exit status: 0 when the run finished, 3 when no document could be read, 5 when the
    store cannot be opened or written.
    """
    from whodid.batch import IngestOptions
    from whodid.batch.run import run_ingest

    options = IngestOptions(max_chars=max_chars, batch_docs=batch_docs, progress=not quiet,
                            sentences=store_sentences)  # fmt: skip
    try:
        report = run_ingest(
            list(inputs), db, options, dask=dask_address, workers=workers,
            partition_docs=partition_docs, patterns=patterns, dictionaries=dictionaries,
            parts_dir=parts_dir,
        )  # fmt: skip
    except WhodidError as exc:
        click.echo(f"whodid: {exc}", err=True)
        sys.exit(EXIT_STORE if exc.code.startswith("W4") else EXIT_BAD_DATA)
    if not quiet:
        for line in report.errors[:20]:
            click.echo(f"whodid: {line}", err=True)
        if len(report.errors) > 20:
            click.echo(f"whodid: ... {len(report.errors) - 20} more in the doc_errors table",
                       err=True)  # fmt: skip
        click.echo(f"whodid: {report.summary.line()}", err=True)
    if report.summary.documents == 0:
        sys.exit(EXIT_NOTHING_CODED)


@main.command(name="events")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The store written by whodid ingest.")  # fmt: skip
@click.option("--actor", help="Source or target: code prefix (ISR, ISRMIL) or part of a name.")
@click.option("--source", help="Source actor: code prefix or part of a name.")
@click.option("--target", help="Target actor: code prefix or part of a name.")
@click.option("--country", help="Source or target country (ISO alpha-3).")
@click.option("--code", help="CAMEO code prefix (19, 190, 1823).")
@click.option("--root", help="CAMEO root (two digits).")
@click.option("--plover", help="PLOVER type (ASSAULT, PROTEST, ...).")
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--attribution", type=click.Choice(["asserted", "reported"]),
              help="Stated by the reporter, or claimed by someone.")  # fmt: skip
@click.option("--modality", type=click.Choice(list(MODALITIES)), help="Exactly this modality.")
@click.option("--min-modality", type=click.Choice(list(MODALITIES)),
              help="This modality or a more certain one.")  # fmt: skip
@click.option("--location", help="Place name contains this, or its country is this.")
@click.option("--main-only", is_flag=True, help="Only each sentence's main event.")
@click.option("--with-duplicates", "duplicates", is_flag=True,
              help="Also events of documents linked as copies of another.")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "jsonl", "csv", "tsv", "gdelt", "phoenix", "plover",
                                 "parquet"]),
              help="table; jsonl (contract records); csv/tsv (flat); gdelt (GDELT 2.0 "
                   "columns, one row per event cluster); phoenix; plover (JSON Lines); "
                   "parquet (needs -o).")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")  # fmt: skip
def events(db: Path, fmt: str, output: Path | None, **criteria: object) -> None:
    """Query the event store DB: events matching every filter given, as a table or an
    export. Exit status 5 when the store cannot be read or the request is impossible."""
    from whodid.store import EventFilter
    from whodid.store.exports import export_from_store

    try:
        export_from_store(db, EventFilter(**criteria), fmt, sys.stdout, output)
    except WhodidError as exc:
        click.echo(f"whodid: {exc}", err=True)
        sys.exit(EXIT_STORE)


@main.command(name="serve")
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The store to serve (read-only unless --token is given).")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="WHODID_TOKEN",
              help="Enable writes (POST /ingest) for callers that send this bearer token "
                   "(at least 8 characters; or set WHODID_TOKEN).")  # fmt: skip
@click.option("--max-body", default=2_000_000, show_default=True,
              type=click.IntRange(1024), help="Largest request body, in bytes.")  # fmt: skip
def serve(db: Path, host: str, port: int, token: str | None, max_body: int) -> None:
    """HTTP API and dashboard over the store DB (OpenAPI schema at /openapi.json,
    dashboard at /)."""
    import uvicorn

    from whodid.serve import create_app

    try:
        app = create_app(db, token=token, max_body=max_body)
    except (WhodidError, ValueError) as exc:
        click.echo(f"whodid: {exc}", err=True)
        sys.exit(EXIT_STORE)
    uvicorn.run(app, host=host, port=port, log_level="info")
