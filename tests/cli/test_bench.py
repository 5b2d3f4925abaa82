"""The benchmark command: one JSON object with every figure, from the real window offscreen."""

import json

import pytest

FRAME_FIELDS = {
    "count", "median_ms", "p95_ms", "max_ms", "over_16_7_ms", "painted_by_event_loop",
    "gc_collections", "gc_max_ms",
}  # fmt: skip


@pytest.mark.slow
def test_bench_prints_one_json_object_with_every_field(run_cli, tmp_path):
    result = run_cli(
        "bench", "--events", "1000", "--frames", "120", "--cache", tmp_path / "cache", timeout=300
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # the whole of stdout is one object
    size = report["sizes"]["1000"]
    assert size["events"] == 1000
    assert size["first_paint_s"] > 0 and size["first_paint_first_run_s"] > 0
    assert size["load_columns_ms"]["median"] >= 0
    for frames in (size["frames"], size["frames_2x"]):
        assert set(frames) == FRAME_FIELDS and frames["count"] == 120
        assert 0 < frames["median_ms"] <= frames["p95_ms"] <= frames["max_ms"]
        assert frames["painted_by_event_loop"] > 0  # the frames really painted
    assert size["device_pixel_ratio"] == 1 and size["device_pixel_ratio_2x"] == 2
    assert 0 < size["memory_mb"]["steady"] <= size["memory_mb"]["peak"]
    assert size["search_ms"]["median"] >= 0
    assert report["shipped_dataset"]["first_paint_warm_s"] > 0
    assert report["shipped_dataset"]["events"] > 0
    assert report["import_csv"]["rows"] == 1000 and report["import_csv"]["seconds"] > 0
    assert set(report["targets"]) >= {"frame_p95_ms", "first_paint_1m_s", "import_1m_csv_s"}
    assert report["targets"]["frame_p95_ms"]["measured"] is None  # no 1M store was measured


def test_bench_refuses_a_gesture_too_short_to_measure(run_cli):
    result = run_cli("bench", "--events", "1000", "--frames", "10")
    assert result.returncode == 2 and "--frames" in result.stderr
