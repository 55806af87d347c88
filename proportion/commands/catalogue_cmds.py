"""Catalogue commands: init, import, export, directives list, requirements search, trusts list, schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from proportion.commands._common import (
    UserError,
    add_db_argument,
    db_path_from_args,
    open_db_from_args,
    print_json,
    print_table,
)


def register(subparsers: Any) -> None:
    """Add the catalogue commands to the ``proportion`` parser."""
    init = subparsers.add_parser("init", help="create a database, loaded with the default England & Wales data")
    add_db_argument(init)
    init.add_argument("--empty", action="store_true", help="create the schema only, with no data")
    init.add_argument("--force", action="store_true", help="replace the catalogue in an existing database")
    init.set_defaults(handler=cmd_init)

    imp = subparsers.add_parser("import", help="import a catalogue from a CSV folder, .xlsx workbook or .json file")
    add_db_argument(imp)
    imp.add_argument("path", metavar="PATH")
    imp.add_argument("--replace", action="store_true", help="make the catalogue equal to the file (default: merge)")
    imp.set_defaults(handler=cmd_import)

    exp = subparsers.add_parser("export", help="export the catalogue as CSV files, an XLSX workbook or JSON")
    add_db_argument(exp)
    exp.add_argument("--format", choices=("csv", "xlsx", "json"), required=True)
    exp.add_argument("--out", required=True, metavar="PATH", help="a folder for csv, a file for xlsx and json")
    exp.set_defaults(handler=cmd_export)

    directives = subparsers.add_parser("directives", help="list directives")
    dsub = directives.add_subparsers(dest="action", metavar="ACTION")
    dsub.required = True
    dlist = dsub.add_parser("list", help="list directives, optionally of one status")
    add_db_argument(dlist)
    dlist.add_argument("--status", choices=("in force", "expired", "cancelled", "superseded"))
    dlist.add_argument("--json", action="store_true", help="print JSON")
    dlist.set_defaults(handler=cmd_directives_list)

    requirements = subparsers.add_parser("requirements", help="search requirements")
    rsub = requirements.add_subparsers(dest="action", metavar="ACTION")
    rsub.required = True
    search = rsub.add_parser("search", help="full-text search of requirement text")
    add_db_argument(search)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=None)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=cmd_requirements_search)

    trusts = subparsers.add_parser("trusts", help="list trusts")
    tsub = trusts.add_subparsers(dest="action", metavar="ACTION")
    tsub.required = True
    tlist = tsub.add_parser("list", help="list the trusts with their volumes")
    add_db_argument(tlist)
    tlist.add_argument("--json", action="store_true", help="print JSON")
    tlist.set_defaults(handler=cmd_trusts_list)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of every model and output contract")
    schema.set_defaults(handler=cmd_schema)


def cmd_init(args: argparse.Namespace) -> int:
    from catalogue.dataset import DEFAULT_DATA, load_default_catalogue
    from catalogue.store import catalogue_counts, open_db, save_catalogue

    path = db_path_from_args(args)
    db = open_db(path)
    counts = catalogue_counts(db)
    if any(counts.values()) and not args.force:
        raise UserError(f"{path} already holds a catalogue; use --force to replace it with the default data")
    if args.empty:
        if args.force:
            from catalogue.models import Catalogue

            save_catalogue(db, Catalogue(), replace=True, reason="init --empty --force")
        print(f"Created an empty catalogue in {path}")
        return 0
    catalogue = load_default_catalogue()
    save_catalogue(db, catalogue, replace=True, reason=f"default dataset from {DEFAULT_DATA.name}")
    print(
        f"Loaded the default dataset into {path}: {len(catalogue.directives)} directives, "
        f"{len(catalogue.requirements)} requirements, {len(catalogue.trusts)} trusts"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from catalogue.io import import_catalogue

    db = open_db_from_args(args, must_exist=False)
    counts = import_catalogue(db, args.path, replace=args.replace)
    written = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    print(f"Imported {args.path}: {written or 'nothing'}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from catalogue.io import export_catalogue
    from catalogue.store import load_catalogue

    db = open_db_from_args(args)
    out = export_catalogue(load_catalogue(db), Path(args.out), args.format)
    print(f"Exported the catalogue to {out}")
    return 0


def cmd_directives_list(args: argparse.Namespace) -> int:
    from catalogue.store import list_directives

    directives = list_directives(open_db_from_args(args), status=args.status)
    if args.json:
        print_json([d.model_dump(mode="json") for d in directives])
        return 0
    print_table(
        [[d.reference, d.type.value, d.issued or "", d.status.value, d.title] for d in directives],
        ["reference", "type", "issued", "status", "title"],
        wrap=["title"],
    )
    print(f"\n{len(directives)} directives")
    return 0


def cmd_requirements_search(args: argparse.Namespace) -> int:
    from catalogue.store import search_requirements
    from reports.catalogue_view import figures_basis

    found = search_requirements(open_db_from_args(args), args.query, limit=args.limit)
    if args.json:
        print_json([r.model_dump(mode="json") for r in found])
        return 0
    print_table(
        [[r.id, r.directive, r.modality.value, figures_basis(r), r.text] for r in found],
        ["id", "directive", "modality", "figures", "text"],
        wrap=["text"],
    )
    print(f"\n{len(found)} requirements match {args.query!r}")
    return 0


def cmd_trusts_list(args: argparse.Namespace) -> int:
    from catalogue.store import list_trusts

    trusts = list_trusts(open_db_from_args(args))
    if args.json:
        print_json([t.model_dump(mode="json") for t in trusts])
        return 0
    print_table(
        [
            [
                t.name,
                t.region,
                f"{t.caseload.value:,.0f}",
                f"{t.reports.value:,.0f}",
                f"{t.total_fte:,.1f}",
                f"£{t.budget_gbp.value:,.0f}",
            ]
            for t in trusts
        ],
        ["trust", "region", "caseload", "reports/yr", "staff FTE", "budget"],
        numeric=["caseload", "reports/yr", "staff FTE", "budget"],
    )
    print(f"\n{len(trusts)} trusts")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from catalogue.models import (
        Catalogue,
        Directive,
        LocalMeasurement,
        Outcome,
        Provenance,
        RelevanceScore,
        Requirement,
        StaffGrade,
        Trust,
    )

    models = [
        Provenance,
        Directive,
        Requirement,
        StaffGrade,
        Trust,
        Outcome,
        RelevanceScore,
        LocalMeasurement,
        Catalogue,
    ]
    from audit import scenario_summary, summary

    # The output contracts of `proportion audit`, `proposals`, `scenario show`, `scenario list` and `stock` --json.
    models += [*summary.CONTRACTS, *scenario_summary.CONTRACTS]
    json.dump({m.__name__: m.model_json_schema() for m in models}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
