"""Extraction commands: extract (print candidates), ingest (store drafts), drafts (review queue).

Accepting a document (its directive and the directives it cancels) is its own step, ``drafts
accept-document`` (``--dry-run`` prints what it would change and writes nothing); ``drafts accept`` and
``drafts accept-all`` then add requirements under that directive only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from proportion.commands._common import (
    UserError,
    add_db_argument,
    open_db_from_args,
    print_json,
    print_table,
    progress_bar,
)

STATUSES = ("pending", "accepted", "rejected", "all")


def register(subparsers: Any) -> None:
    """Add extract, ingest and drafts to the ``proportion`` parser."""
    ext = subparsers.add_parser("extract", help="print the candidate requirements of directive documents (no storing)")
    ext.add_argument("files", nargs="+", metavar="FILE", help="PDF, DOCX, HTML, TXT or Markdown files, or folders")
    ext.add_argument("--json", action="store_true", help="print a JSON list of candidates")
    _add_reading_options(ext)
    ext.set_defaults(handler=cmd_extract)

    ing = subparsers.add_parser("ingest", help="read documents into the review queue as draft requirements")
    add_db_argument(ing)
    ing.add_argument("files", nargs="+", metavar="FILE", help="PDF, DOCX, HTML, TXT or Markdown files, or folders")
    ing.add_argument(
        "--accept-all",
        action="store_true",
        help="accept each document (printing what that changes) and all its drafts at once",
    )
    _add_reading_options(ing)
    ing.set_defaults(handler=cmd_ingest)

    drafts = subparsers.add_parser("drafts", help="review draft requirements: list, accept, edit, reject")
    sub = drafts.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True

    dlist = sub.add_parser("list", help="list drafts (pending by default)")
    add_db_argument(dlist)
    dlist.add_argument("--status", choices=STATUSES, default="pending")
    dlist.add_argument("--document", type=int, metavar="DOC", help="only the drafts of this document id")
    dlist.add_argument("--json", action="store_true", help="print JSON")
    dlist.set_defaults(handler=cmd_drafts_list)

    docs = sub.add_parser("documents", help="list the documents in the review queue")
    add_db_argument(docs)
    docs.add_argument("--json", action="store_true", help="print JSON")
    docs.set_defaults(handler=cmd_drafts_documents)

    accept = sub.add_parser(
        "accept", help="accept drafts: they become requirements of their directive (accept the document first)"
    )
    add_db_argument(accept)
    accept.add_argument("ids", nargs="+", type=int, metavar="ID")
    accept.set_defaults(handler=cmd_drafts_accept)

    reject = sub.add_parser("reject", help="reject drafts: they never enter the catalogue")
    add_db_argument(reject)
    reject.add_argument("ids", nargs="+", type=int, metavar="ID")
    reject.add_argument("--reason", default="", help="why (kept in the history)")
    reject.set_defaults(handler=cmd_drafts_reject)

    edit = sub.add_parser("edit", help="change fields of a pending draft before accepting it")
    add_db_argument(edit)
    edit.add_argument("id", type=int, metavar="ID")
    for name in (
        "text",
        "modality",
        "actor",
        "timescale",
        "frequency",
        "deadline",
        "activity",
        "driver",
        "location",
        "note",
    ):
        edit.add_argument(f"--{name.replace('_', '-')}", dest=name, default=None)
    edit.add_argument("--frequency-per-year", dest="frequency_per_year", default=None, metavar="N")
    edit.add_argument("--on-regulated", dest="on_regulated", choices=("yes", "no"), default=None)
    edit.add_argument("--reason", default="", help="why (kept in the history)")
    edit.set_defaults(handler=cmd_drafts_edit)

    accdoc = sub.add_parser("accept-document", help="accept a document: create its directive, apply its cancellations")
    add_db_argument(accdoc)
    accdoc.add_argument("document", type=int, metavar="DOC")
    accdoc.add_argument("--reference", default=None, help="the directive reference, when the header lacks one")
    accdoc.add_argument("--dry-run", action="store_true", help="print what accepting would change; write nothing")
    accdoc.set_defaults(handler=cmd_drafts_accept_document)

    accall = sub.add_parser(
        "accept-all", help="accept all pending drafts of an accepted document (or those above a confidence)"
    )
    add_db_argument(accall)
    accall.add_argument("document", type=int, metavar="DOC")
    accall.add_argument(
        "--min-confidence", type=float, default=0.0, metavar="X", help="only drafts with confidence >= X (0 to 1)"
    )
    accall.set_defaults(handler=cmd_drafts_accept_all)


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-mb", type=float, default=50.0, metavar="MB", help="skip files larger than this")
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )


def _actor(args: argparse.Namespace) -> str:
    user = getattr(args, "acting_user", None)
    return getattr(user, "username", None) or "cli"


def _progress(paths: list[Path], show: bool | None) -> Iterator[Path]:
    """Yield paths, counting each one read on a progress bar on stderr (by default only on a terminal)."""
    with progress_bar(len(paths), show) as step:
        for path in paths:
            yield path
            step(path.name)


def _extractions(args: argparse.Namespace) -> Iterator[tuple[Path, Any]]:
    """Yield (path, Extraction) for each readable file; print one line per unreadable file and go on."""
    from catalogue.extract import extract_file
    from catalogue.extract.errors import ExtractionError
    from catalogue.extract.readers import expand_paths

    paths = expand_paths(args.files)
    if not paths:
        raise UserError("no readable files (PDF, DOCX, HTML, TXT, MD) found")
    args.failures = 0
    for path in _progress(paths, args.progress):
        try:
            yield path, extract_file(path, max_bytes=int(args.max_mb * 1024 * 1024))
        except ExtractionError as exc:
            args.failures += 1
            sys.stderr.write(f"\nproportion: {exc}\n" if args.progress else f"proportion: {exc}\n")


def _describe(c: Any) -> str:
    extras = [x for x in (c.timescale, c.frequency and f"{c.frequency} ({c.frequency_per_year:g}/yr)", c.deadline) if x]
    tail = f"  [{'; '.join(extras)}]" if extras else ""
    return f"  {c.location:<22} {c.modality:<8} {c.actor[:28]:<28} {c.text}{tail}"


def cmd_extract(args: argparse.Namespace) -> int:
    results: list[dict[str, object]] = []
    for path, extraction in _extractions(args):
        if args.json:
            results.extend(c.as_json() for c in extraction.candidates)
            continue
        header = extraction.header
        ref = header.reference or "no reference found"
        print(f"{path}: {ref} - {header.title or 'untitled'} ({len(extraction.candidates)} candidates)")
        if header.cancels:
            print(f"  cancels: {', '.join(header.cancels)}")
        for candidate in extraction.candidates:
            print(_describe(candidate))
    if args.json:
        print_json(results)
    return 1 if args.failures else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    db = open_db_from_args(args)
    actor = _actor(args)
    for path, extraction in _extractions(args):
        try:
            doc_id = drafts.ingest(db, extraction, actor=actor, data=path.read_bytes())
        except drafts.DraftError as exc:
            args.failures += 1
            sys.stderr.write(f"proportion: {exc}\n")
            continue
        stored = drafts.list_drafts(db, document=doc_id)
        twins = sum(1 for d in stored if d.twin_id)
        ref = extraction.header.reference or "no reference"
        print(f"{path}: document {doc_id} ({ref}), {len(stored)} drafts, {twins} with a likely twin")
        if args.accept_all:
            try:
                plan = drafts.plan_document(db, doc_id, audit_date=_audit_date(db))
                drafts.accept_document(db, doc_id, actor=actor, confirmed=plan.changes)
                requirements = drafts.accept_all(db, doc_id, actor=actor)
            except drafts.DraftError as exc:
                args.failures += 1
                sys.stderr.write(f"proportion: {exc}\n")
                continue
            _print_plan([drafts.done(c) for c in plan.changes], plan.audit_note)
            print(f"  accepted {len(requirements)} requirements into {plan.reference}")
    return 1 if args.failures else 0


def _audit_date(db: Any) -> Any:
    """The audit date of the stored policy: a document taking effect after it does not count in the audit."""
    from audit.policy import load_policy

    return load_policy(db).audit_date


def _print_plan(changes: list[str], note: str | None = None) -> None:
    for change in changes:
        print(f"  - {change}")
    if note:
        print(f"  Note: {note}")


def cmd_drafts_list(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    db = open_db_from_args(args)
    status = None if args.status == "all" else args.status
    rows = drafts.list_drafts(db, status=status, document=args.document)
    if args.json:
        print_json([d.as_dict() for d in rows])
        return 0
    if not rows:
        print("no drafts")
        return 0
    print_table(
        [
            [
                str(d.id),
                str(d.document),
                d.status,
                d.location,
                d.modality,
                d.text,
                f"{d.twin_id} ({d.twin_score:.2f})" if d.twin_id else "",
            ]
            for d in rows
        ],
        ["draft", "document", "status", "location", "modality", "text", "likely twin"],
        numeric=["draft", "document"],
        wrap=["text"],
    )
    return 0


def cmd_drafts_documents(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    db = open_db_from_args(args)
    docs = drafts.list_documents(db)
    if args.json:
        print_json([vars(d) for d in docs])
        return 0
    if not docs:
        print("no documents")
    for d in docs:
        print(
            f"{d.id:>4} {d.status:<8} {d.reference or '-':<12} {d.name}  "
            f"(pending {d.pending}, accepted {d.accepted}, rejected {d.rejected})"
        )
    return 0


def cmd_drafts_accept(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    db = open_db_from_args(args)
    for draft_id in args.ids:
        requirement = drafts.accept_draft(db, draft_id, actor=_actor(args))
        print(f"draft {draft_id} -> requirement {requirement.id} of {requirement.directive}")
    return 0


def cmd_drafts_reject(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    db = open_db_from_args(args)
    for draft_id in args.ids:
        drafts.reject_draft(db, draft_id, actor=_actor(args), reason=args.reason)
        print(f"draft {draft_id} rejected")
    return 0


def cmd_drafts_edit(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    changes = {k: getattr(args, k) for k in drafts.EDITABLE if getattr(args, k, None) is not None}
    if not changes:
        raise UserError("nothing to change: give at least one --field value")
    db = open_db_from_args(args)
    draft = drafts.edit_draft(db, args.id, changes, actor=_actor(args), reason=args.reason)
    print(f"draft {draft.id} updated: {', '.join(sorted(changes))}")
    return 0


def cmd_drafts_accept_document(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    db = open_db_from_args(args)
    plan = drafts.plan_document(db, args.document, reference=args.reference, audit_date=_audit_date(db))
    if args.dry_run:
        print(f"accepting document {args.document} as {plan.reference} would change (nothing was written):")
        _print_plan(plan.changes, plan.audit_note)
        return 0
    drafts.accept_document(db, args.document, actor=_actor(args), reference=args.reference, confirmed=plan.changes)
    print(f"document {args.document} accepted as {plan.reference}:")
    _print_plan([drafts.done(c) for c in plan.changes], plan.audit_note)
    return 0


def cmd_drafts_accept_all(args: argparse.Namespace) -> int:
    from catalogue.extract import drafts

    if not 0 <= args.min_confidence <= 1:
        raise UserError(f"--min-confidence {args.min_confidence:g} is not between 0 and 1")
    db = open_db_from_args(args)
    requirements = drafts.accept_all(db, args.document, actor=_actor(args), min_confidence=args.min_confidence)
    above = f" with confidence {args.min_confidence:.2f} or more" if args.min_confidence else ""
    print(f"document {args.document}: accepted {len(requirements)} requirements{above}")
    return 0
