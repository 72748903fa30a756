"""`policykg` command line: a thin layer over PolicyService."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import models
from .errors import BadRequest, PolicyKGError
from .settings import Settings

EXAMPLES = {
    "ingest": "policykg ingest corpus/ --json",
    "tasks": "policykg tasks --unit 市科技局 --json",
    "targets": "policykg targets --year 2028 --json",
    "incentives": "policykg incentives --kind award --json",
    "ask": "policykg ask 哪些任务由市科技局负责 --json",
    "export": "policykg export --format turtle --out plan.ttl",
    "search": "policykg search 企业贷款难怎么办 --k 5 --json",
    "serve": "policykg serve --port 8000",
    "reindex": "policykg reindex --force",
    "chain": "policykg chain 先进陶瓷 --json",
    "enterprises": "policykg enterprises import 企业名录.xlsx",
    "migrate": "policykg migrate to-remote   # with POLICYKG_SPARQL_*_URL set",
    "restored": "policykg restored   # after the SPARQL server's store was put back from a backup, API processes stopped",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policykg", description="Knowledge graph and search for Chinese policy plans.")
    # Global flags work before or after the command; SUPPRESS keeps the
    # subcommand's unset copy from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    for parser, default in ((p, None), (common, argparse.SUPPRESS)):
        parser.add_argument("--data", type=Path, default=default, help="data directory (env POLICYKG_DATA_DIR, default ./data)")
        parser.add_argument("--json", action="store_true", default=default if default else False, help="print one JSON object on stdout")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_, description=help_, epilog=f"example: {EXAMPLES[name]}")

    s = add("ingest", "Ingest plan files or folders (re-ingesting a file replaces it).")
    s.add_argument("paths", nargs="+", type=Path)
    def no_words(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--no-words", dest="words", action="store_false",
                            help="do not let a place (or, in a search, a year) named in the words filter the documents")

    def doc_filters(parser: argparse.ArgumentParser, year: bool = True) -> None:
        parser.add_argument("--doc", help="one document's id")
        parser.add_argument("--issuer", help="documents whose issuer or title contains this, e.g. 商务厅")
        parser.add_argument("--level", choices=["national", "provincial", "city", "county"])
        if year:
            parser.add_argument("--doc-year", type=int, help="documents whose period or term (有效期) covers, or that were issued in, this year")

    s = add("tasks", "List tasks and work requirements, optionally of one unit, across the documents the filters keep.")
    s.add_argument("--unit")
    doc_filters(s)
    s = add("targets", "List quantitative targets by year, unit or industry.")
    s.add_argument("--year", type=int)
    s.add_argument("--unit")
    s.add_argument("--industry")
    doc_filters(s, year=False)
    s = add("incentives", "List incentives (awards, subsidies, rates, caps, thresholds) by document, industry, kind or unit.")
    doc_filters(s)
    s.add_argument("--industry")
    s.add_argument("--kind", help="award | subsidy | rate | cap | threshold")
    s.add_argument("--unit")
    s = add("ask", "Answer a structured question exactly from the graph, from the documents the filters keep.")
    s.add_argument("question")
    no_words(s)
    doc_filters(s)
    s = add("export", "Export the graph.")
    s.add_argument("--format", default="turtle", help="turtle | json-ld | nt | graphml | gexf")
    s.add_argument("--out", type=Path)
    s = add("search", "Semantic search (hybrid FAISS + BM25) over the plans.")
    s.add_argument("query")
    s.add_argument("--k", type=int, default=10)
    s.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "lexical"])
    no_words(s)
    doc_filters(s)
    s = add("chain", "Analyse an industry chain: per segment its policy, units, enterprises and gap status.")
    s.add_argument("cluster", help="cluster, chain or segment name, e.g. 先进陶瓷, 航空, 直升机")
    s.add_argument("--guide", choices=["html", "xlsx", "md"], help="write the 招商指南 in this format")
    s.add_argument("--out", type=Path, help="file for --guide (default: stdout)")
    s = add("enterprises", "Import (replace) or clear the enterprise register (CSV or XLSX).")
    s.add_argument("action", choices=["import", "clear"])
    s.add_argument("file", nargs="?", type=Path)
    s = add("reindex", "Rebuild the search index if the graph or the model changed.")
    s.add_argument("--force", action="store_true", help="rebuild even when the index is current")
    s = add("migrate", "Copy the library (graph, passages) between the data directory and the remote stores of the settings.")
    s.add_argument("direction", choices=["to-remote", "to-embedded"])
    s.add_argument("--replace", action="store_true", help="remove the target's documents that the source has not")
    add("restored", "After the SPARQL server's store was put back from a backup (no API process running): rename it and "
                    "bring the Milvus collection and this machine's caches to the graph as restored.")
    s = add("serve", "Serve the HTTP API and web page.")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--workers", type=int, help="server processes on the port (env POLICYKG_WORKERS, default 1)")
    return p


def _print_human(command: str, result: dict[str, Any]) -> None:
    if command == "ingest":
        for d in result["ingested"]:
            extra = f" ({d['items']} items, {d['units']} units, {d['targets']} targets)" if "items" in d else ""
            print(f"{d['status']:9} {d['doc']}{extra}")
        for w in result["warnings"]:
            print(f"warning: {w}", file=sys.stderr)
    elif command == "tasks":
        for t in result["tasks"]:
            role = f" [{ '牵头' if t['role'] == 'lead' else '配合'}]" if t.get("role") else ""
            print(f"{t['number']:>6}  {t['title']}{role}  牵头: {'、'.join(t['lead'])}")
    elif command == "targets":
        for t in result["targets"]:
            print(f"{t['year'] or '':>6}  {t['comparator']:>2} {t['value']}{t['unit']}  {t['metric']}  ({t['task'] or '总体目标'})")
    elif command == "incentives":
        kinds = {"award": "奖励", "subsidy": "补贴", "rate": "比例", "cap": "上限", "threshold": "门槛"}
        for x in result["incentives"]:
            print(f"{kinds.get(x['kind'], x['kind']):4} {x['amount']}{x['unit']:6} {x['doc']} {x['number']:>6} {x['task']}")
    elif command == "ask":
        print(f"intent: {result['intent']}")
        by_doc = len({a.get("doc") for a in result["answers"]}) > 1
        doc = None
        for a in result["answers"]:
            if by_doc and a.get("doc") != doc:
                doc = a.get("doc")
                print(f"[{doc}]")  # answers from several documents, grouped
            print("  " + "  ".join(str(a.get(k)) for k in ("number", "title", "unit", "region", "industry", "segment", "status", "role", "text") if a.get(k) is not None))
        if result.get("note"):
            print(f"note: {result['note']}")
        for h in result.get("fallback", {}).get("hits", []):
            print(f"  (search) {h['number']} {h['title']}  {h['score']:.3f}")
    elif command == "chain" and "segments" in result:
        reg = "企业名录已导入" if result["register"]["loaded"] else "未导入企业名录"
        print(f"{result['label']}（{result['cluster']}，{reg}）")
        for seg in result["segments"]:
            flag = " 政策重点" if seg["policy_priority"] else ""
            print(f"  {seg['stage']:10} {seg['label']:12} {seg['status']:8}{flag}  {'、'.join(seg['contact'])}")
    elif command == "enterprises":
        print(f"imported {result['imported']} enterprises")
        for e in result["errors"]:
            print(f"warning: {e}", file=sys.stderr)
    elif command == "reindex":
        print(f"index {result['index']} ({result['seconds']} s)")
    elif command == "search":
        if "answer" in result:
            _print_human("ask", result["answer"])
        scope = result.get("scope")
        if scope:
            read = "、".join(str(v) for v in (scope["place"], scope["year"]) if v is not None)
            print(f"(filtered by the query's words: {read}; {scope['documents']} documents kept"
                  + ("" if scope["applied"] else ", no hit among them: whole library searched") + "; --no-words turns this off)")
        for h in result["hits"]:
            print(f"{h['score']:.3f}  {h['number']:>6} {h['title']}\n        {h['text'][:80]}")


def _store_command(run: Callable[[], dict[str, Any]], as_json: bool, summary: Callable[[dict[str, Any]], str],
                   failed: str) -> int:
    """An operator's command on the stores (migrate, restored): its report as JSON or a summary line, or an error
    naming what was wrong (exit code 2; its code, else `failed`)."""
    from kg.migrate import MigrationError
    from kg.remote import StoreError
    from kg.store import StoreBusy
    from kg.stores import StoreSettingsError
    from search.errors import IndexStoreError

    try:
        report = run()
    except (MigrationError, StoreSettingsError, StoreError, StoreBusy, IndexStoreError, PolicyKGError, ValueError) as exc:
        error = {"error": {"code": getattr(exc, "code", failed), "message": str(exc)}}
        print(json.dumps(error, ensure_ascii=False) if as_json else f"error: {exc}", file=sys.stdout if as_json else sys.stderr)
        return 2
    print(json.dumps(report, ensure_ascii=False) if as_json else summary(report))
    return 0


def _migrated(report: dict[str, Any]) -> str:
    """`policykg migrate`'s summary line (api/migration.py)."""
    counts = f"{report['documents']} documents, {report['tasks']} tasks" \
        + (f", {report['triples']} triples" if report["triples"] is not None else "") \
        + (f", {report['passages']} passages ({report['embedded']} embedded)" if "passages" in report else "")
    return f"copied {counts} in {report['seconds']} s" \
        + (f"; removed {len(report['removed'])} from the target" if report["removed"] else "")


def _restored(report: dict[str, Any]) -> str:
    """`policykg restored`'s summary line (api/restore.py)."""
    removed = report.get("removed_passages")
    return (f"the graph store is now named {report['name']} (was {', '.join(report['old_names'])}); "
            f"{report['documents']} documents written again, {report['embedded']} passages embedded"
            + (f", passages of {len(removed)} documents the restored graph lacks removed" if removed else "")
            + f", in {report['seconds']} s. Start the API processes now.")


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 some input failed, 2 usage or error)."""
    args = _parser().parse_args(argv)
    settings = Settings.from_env(data_dir=args.data)
    if args.command == "serve":
        from .server import serve

        serve(Settings.from_env(data_dir=args.data, host=args.host, port=args.port, workers=args.workers))
        return 0
    if args.command == "migrate":
        from .migration import migrate_library

        return _store_command(lambda: migrate_library(settings, args.direction, args.replace), args.json, _migrated,
                              "migration_failed")
    if args.command == "restored":
        from .restore import after_restore

        return _store_command(lambda: after_restore(settings), args.json, _restored, "restore_failed")
    from .service import PolicyService

    service = PolicyService(settings)
    result: models.Out
    try:
        if args.command == "ingest":
            result = service.ingest_paths(args.paths)
        elif args.command == "tasks":
            result = service.tasks(unit=args.unit, doc=args.doc, issuer=args.issuer, level=args.level, year=args.doc_year)
        elif args.command == "targets":
            result = service.targets(year=args.year, unit=args.unit, industry=args.industry, doc=args.doc,
                                     issuer=args.issuer, level=args.level)
        elif args.command == "incentives":
            result = service.incentives(doc=args.doc, industry=args.industry, kind=args.kind, unit=args.unit,
                                        issuer=args.issuer, level=args.level, year=args.doc_year)
        elif args.command == "ask":
            result = service.ask(args.question, doc=args.doc, issuer=args.issuer, level=args.level, year=args.doc_year,
                                 words=args.words)
        elif args.command == "search":
            result = service.search(args.query, k=args.k, mode=args.mode, doc=args.doc, issuer=args.issuer,
                                    level=args.level, year=args.doc_year, words=args.words)
        elif args.command == "reindex":
            result = service.reindex(force=args.force, user=True)
        elif args.command == "chain":
            if args.guide:
                data = service.guide(args.cluster, args.guide)
                if args.out:
                    args.out.write_bytes(data)
                    result = models.Written(format=args.guide, out=str(args.out), bytes=len(data))
                else:
                    sys.stdout.buffer.write(data)
                    return 0
            else:
                result = service.chain(args.cluster)
        elif args.command == "enterprises":
            if args.action == "clear":
                result = service.clear_enterprises()
            elif args.file is None:
                raise BadRequest("enterprises import needs a FILE (.csv or .xlsx)")
            else:
                try:
                    payload = args.file.read_bytes()
                except OSError as exc:
                    raise BadRequest(f"{args.file.name}: cannot read ({exc.strerror})") from None
                result = service.import_enterprises(args.file.name, payload)
        elif args.command == "export":
            data = service.export(args.format)
            if args.out:
                args.out.write_bytes(data)
                result = models.Written(format=args.format, out=str(args.out), bytes=len(data))
            elif args.json:
                result = models.ExportText(format=args.format, data=data.decode("utf-8"))
            else:
                sys.stdout.buffer.write(data)
                return 0
        else:  # pragma: no cover - argparse rejects unknown commands
            return 2
    except PolicyKGError as exc:
        if args.json:
            print(json.dumps(exc.to_json(), ensure_ascii=False))
        else:
            print(f"error: {exc.message}", file=sys.stderr)
        return 2
    # The same model the HTTP route sends, in the same JSON.
    data_out = result.model_dump(mode="json", exclude_unset=True, by_alias=True)
    if args.json:
        print(json.dumps(data_out, ensure_ascii=False))
    else:
        _print_human(args.command, data_out)
    if isinstance(result, models.IngestReport):
        for e in result.errors:
            print(f"error: {e.error}", file=sys.stderr)
        return 1 if result.errors else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
