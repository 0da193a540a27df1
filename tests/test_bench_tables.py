"""The benchmarks' printed tables: `./scripts/bench suggestions --no-http` without --baseline
printed "nan" in its baseline and ratio columns; it leaves them out."""

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def bench_suggestions(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "scripts"))  # its benchkit, as when run
    path = REPO / "scripts" / "bench_suggestions.py"
    spec = importlib.util.spec_from_file_location("bench_suggestions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_analysis_table_has_baseline_columns_only_with_a_baseline(monkeypatch):
    bench = bench_suggestions(monkeypatch)
    alone = bench.analysis_table({size: [(1.0, 2.0)] for size in bench.SIZES})
    assert "nan" not in "\n".join(alone)
    assert alone[0] == "| draft | in-process p50 | in-process p95 |"
    assert alone[2] == "| 200 chars | 1.00 | 2.00 |"
    assert all(line.count("|") == 4 for line in alone)
    compared = bench.analysis_table({size: [(1.0, 2.0), (2.0, 4.0)] for size in bench.SIZES})
    assert compared[0].endswith("| baseline p50 | baseline p95 | ratio |")
    assert compared[2] == "| 200 chars | 1.00 | 2.00 | 2.00 | 4.00 | 0.50 |"
