"""What makes many reports quick keeps them the same: tables shared by every trust report are the ones each would
compute, WeasyPrint loads without a compiler run per library, and a report command ends without the tear-down."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from test_reports_nothing_in_force import nothing_in_force

from audit import evidence
from audit.policy import Policy
from catalogue.dataset import load_default_catalogue
from catalogue.models import LocalMeasurement
from proportion import cli
from reports import batch, builders, sections
from reports import tables as tb

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def measured() -> builders.ReportContext:
    """The default data with four trusts' own figures (minutes, a count, a business-as-usual share)."""
    catalogue = load_default_catalogue()
    ctx = builders.prepare(catalogue, None, TODAY)
    heaviest = ctx.result.burden.requirements.sort_values("hours_central", ascending=False)["requirement"].tolist()
    trusts = ctx.trusts
    on = dt.date(2011, 2, 1)
    own = [
        LocalMeasurement(trust=trusts[0], requirement=heaviest[0], minutes=7, recorded_on=on),
        LocalMeasurement(trust=trusts[0], requirement=heaviest[3], occurrences_per_year=900, recorded_on=on),
        LocalMeasurement(
            trust=trusts[5], requirement=heaviest[1], minutes=300, bau_share=0.2, bau_source="own survey",
            recorded_on=on,
        ),
        LocalMeasurement(trust=trusts[9], requirement=heaviest[2], minutes=1, recorded_on=on),
    ]  # fmt: skip
    return builders.prepare(catalogue.model_copy(update={"local_measurements": own}), None, TODAY)


def test_each_trusts_rows_taken_from_every_trusts_are_its_own_table(measured: builders.ReportContext) -> None:
    for trust in measured.trusts:
        rows = measured.trust_rows(trust)
        pdt.assert_frame_equal(rows, measured.result.table(trusts=[trust]), check_exact=True)
        pdt.assert_frame_equal(
            measured.national_only_rows(trust), measured.national_only().table(trusts=[trust]), check_exact=True
        )
        assert evidence.estimated_hours_share(measured.result.burden, trust, rows=rows) == (
            evidence.estimated_hours_share(measured.result.burden, trust)
        )
    rows = measured.trust_rows(measured.trusts[0])
    rows.loc[:, "hours_central"] = 0.0  # a report that changed its rows would change no other report's
    assert measured.trust_rows(measured.trusts[0])["hours_central"].sum() > 0


def test_shared_tables_give_each_trust_the_table_it_would_build_alone(measured: builders.ReportContext) -> None:
    result = measured.result
    savings = measured.per_trust("proposal_savings", lambda: tb.proposal_savings(result))
    for trust in measured.trusts:
        rows = measured.trust_rows(trust)
        pairs = [
            (sections.requirement_inputs(measured, trust), tb.requirement_inputs(result, trust)),
            (tb.top_requirements(result, trust, n=10, rows=rows), tb.top_requirements(result, trust, n=10)),
            (
                tb.local_measurements(
                    result, measured.national_only(), trust, rows=rows, national_rows=measured.national_only_rows(trust)
                ),
                tb.local_measurements(result, measured.national_only(), trust),
            ),
            (tb.trust_proposals(result, trust, n=10, savings=savings[trust]), tb.trust_proposals(result, trust, n=10)),
        ]
        for shared, alone in pairs:
            pdt.assert_frame_equal(shared.frame, alone.frame, check_exact=True)
            assert [getattr(shared, f.name) for f in fields(shared) if f.name != "frame"] == [
                getattr(alone, f.name) for f in fields(alone) if f.name != "frame"
            ]
    assert len(tb.local_measurements(result, measured.national_only(), measured.trusts[5]).frame) == 1


def test_a_trust_with_nothing_in_force_gets_the_empty_tables() -> None:
    ctx = builders.prepare(nothing_in_force(), Policy(), TODAY)
    assert ctx.result.table(trusts=["A"]).empty
    pdt.assert_frame_equal(ctx.trust_rows("A"), ctx.result.table(trusts=["A"]))
    pdt.assert_frame_equal(sections.requirement_inputs(ctx, "A").frame, tb.requirement_inputs(ctx.result, "A").frame)
    savings = ctx.per_trust("proposal_savings", lambda: tb.proposal_savings(ctx.result))
    assert savings == {} and builders.trust_report(ctx, "A").kind == "trust"


def _programs_started(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; return the names of the programs it started, in order."""
    probe = (
        "import os, sys\nstarted = []\n"
        "sys.addaudithook(lambda event, args: started.append(os.path.basename(str(args[0])))"
        " if event == 'subprocess.Popen' else None)\n"
        f"{code}\nprint(' '.join(started))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    return done.stdout.split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the compiler fallback is Linux's find_library")
def test_weasyprint_is_imported_without_starting_a_compiler_per_library_name() -> None:
    quick = "from reports.native_libraries import import_weasyprint\nimport_weasyprint()"
    assert not {"gcc", "cc", "ld", "ld.bfd"} & set(_programs_started(quick))
    assert len(_programs_started(quick)) < len(_programs_started("import weasyprint"))
    # The same libraries as a plain import loads.
    maps = "\nprint(sorted({l.split()[-1] for l in open('/proc/self/maps') if '.so' in l}))"
    plain = subprocess.run([sys.executable, "-c", "import weasyprint" + maps], capture_output=True, text=True)
    loaded = subprocess.run(
        [sys.executable, "-c", quick + maps], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert plain.stdout == loaded.stdout and "pango" in loaded.stdout


def test_only_a_report_that_succeeded_may_end_without_the_tear_down(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    assert cli.main(["init", "--db", str(db)]) == 0
    assert cli.quick_exit_allowed is False  # any other command ends the usual way
    out = tmp_path / "n.csv.zip"
    assert cli.main(["report", "national", "--db", str(db), "--format", "csv", "--out", str(out)]) == 0
    assert cli.quick_exit_allowed is True and out.stat().st_size > 0
    assert cli.main(["report", "trust", "--trust", "Nowhere", "--db", str(db), "--out", str(tmp_path / "t.pdf")]) == 1
    assert cli.quick_exit_allowed is False


def test_python_dash_m_writes_the_report_prints_its_path_and_exits_zero(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "proportion", "init", "--db", str(db)], cwd=ROOT, env=env, check=True)
    out = tmp_path / "n.html"
    done = subprocess.run(
        [sys.executable, "-m", "proportion", "report", "national", "--db", str(db), "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip() == str(out) and done.stderr == ""
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    missing = subprocess.run(
        [sys.executable, "-m", "proportion", "report", "national", "--db", str(tmp_path / "no.db"), "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert missing.returncode == 1 and "no database" in missing.stderr


def test_per_trust_split_keeps_each_trusts_index_labels(measured: builders.ReportContext) -> None:
    frame = pd.DataFrame({"trust": ["b", "a", "b"], "x": [1, 2, 3]})
    parts = measured.per_trust("test", lambda: frame)
    pdt.assert_frame_equal(parts["b"], frame[frame["trust"] == "b"])
    assert "c" not in parts


def test_the_workers_start_with_the_reports_that_have_the_trusts_own_measurements(
    measured: builders.ReportContext,
) -> None:
    trusts = measured.trusts
    order = batch._largest_first(measured, trusts)
    assert order[:3] == [trusts[0], trusts[5], trusts[9]]  # two measurements, then one each, in trust order
    assert order[3:] == [t for t in trusts if t not in order[:3]] and sorted(order) == sorted(trusts)
