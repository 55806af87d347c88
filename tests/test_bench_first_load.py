"""The first-load benchmark's set-up: the signal it waits for and the copy of the app it serves without the pause."""

from __future__ import annotations

import re
from pathlib import Path

from bench import bench_first_load as bench


def test_the_benchmark_waits_for_the_line_the_server_logs_when_it_is_ready() -> None:
    server = (Path(bench.ROOT) / "proportion_server.py").read_text()
    logged = re.search(r'^WARM = "([^"]+)"', server, re.M)
    assert logged is not None and logged.group(1) == bench.WARM_LINE


def test_the_copy_without_the_pause_changes_only_the_pause(tmp_path: Path) -> None:
    script = bench.shell_without_pause(tmp_path)
    copied = (script.parent / "app_pages" / "overview.py").read_text()
    original = (Path(bench.ROOT) / "app_pages" / "overview.py").read_text()
    assert "FIRST_PAINT_PAUSE = 0.0\n" in copied and "FIRST_PAINT_PAUSE = 0.6\n" in original
    assert bench.PAUSE_LINE.sub("", copied) == bench.PAUSE_LINE.sub("", original)
    assert script.name == "proportion_server.py" and (script.parent / "streamlit_app.py").exists()
