"""The Beam transform gives the in-process decisions, with 1 or 2 workers and on every run."""

import tempfile
from functools import cache
from pathlib import Path

import apache_beam as beam
import pyarrow as pa
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.pvalue import TaggedOutput
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from cleaner import reasons
from cleaner.dedup import DedupSettings, dedup
from cleaner.dedup.clusters import UNCONVERGED, labels, large_star_keys, run_rounds
from cleaner.dedup.synthetic import generate
from cleaner.rows import CLEANED_SCHEMA
from pipelines.dedup import Dedup, _Featurize, _Label, _LabelAll, _StageRows, _StarRound, staged_batches

# Few rounds keep the pipeline graph small; the planted clusters are pairs.
SETTINGS = {"cc_rounds": 2}
EXACT = "Please read the docs before you open an issue, the answer is in the FAQ section"


def _row(rid: str, text: str) -> dict:
    turns = [{"role": "opener", "author": None, "text": text, "markup": "markdown"}]
    return {
        "id": rid,
        "source": "test",
        "format": "github",
        "turns": turns,
        "edits": [],
        "meta": "{}",
        "units": 1,
    }


@cache
def _items() -> list[tuple[str, str]]:
    docs = generate(n_pairs=8, n_singletons=4, seed=5).docs
    return [*docs, ("a-exact", EXACT), ("a-exact-copy", EXACT.upper())]


def _expected(settings: dict) -> list[tuple[str, str, str]]:
    decisions = dedup(_items(), DedupSettings.from_dict(settings))
    return sorted((rid, d.reason, d.kept_id) for rid, d in decisions.items())


def _ids(kept) -> list[str]:
    """The ids of a kept element: a row, or (from the local dedup) an Arrow batch of rows."""
    return kept.column("id").to_pylist() if isinstance(kept, pa.RecordBatch) else [kept["id"]]


def _run(options: list[str], settings: dict, band_shards: int = 0, inputs: int = 1, local: bool = False):
    """Run the transform and assert (inside the pipeline) it gives the in-process decisions.

    With ``inputs`` > 1 the rows go in as that many collections (every
    ``inputs``-th row in each), as the job hands in records and threads.
    """
    expected = _expected(settings)
    dropped = {rid for rid, _, _ in expected}
    p = TestPipeline(runner="FnApiRunner", options=PipelineOptions(options))
    rows = [_row(i, t) for i, t in _items()]
    parts = tuple(p | f"Rows{k}" >> beam.Create(rows[k::inputs]) for k in range(inputs))
    dedup = Dedup(settings, band_shards=band_shards, local=local, schema=CLEANED_SCHEMA if local else None)
    kept, dups = (parts[0] if inputs == 1 else parts) | dedup
    assert_that(dups | beam.Map(lambda d: (d[0]["id"], d[1], d[2])), equal_to(expected), label="Dups")
    assert_that(
        kept | beam.FlatMap(_ids),
        equal_to([i for i, _ in _items() if i not in dropped]),
        label="Kept",
    )
    result = p.run()
    result.wait_until_finish()
    return result


@pytest.mark.parametrize("local", [False, True])
def test_beam_matches_in_process_and_counts_reasons(local):
    expected = _expected(SETTINGS)
    assert ("a-exact-copy", reasons.EXACT_DUPLICATE, "a-exact") in expected
    assert any(r == reasons.NEAR_DUPLICATE for _, r, _ in expected)
    result = _run([], SETTINGS, local=local)
    counters = {
        c.key.metric.name: c.committed
        for c in result.metrics().query(MetricsFilter().with_namespace("cleaner"))["counters"]
    }
    assert counters[reasons.NEAR_DUPLICATE] == sum(r == reasons.NEAR_DUPLICATE for _, r, _ in expected)
    assert counters[reasons.EXACT_DUPLICATE] == 1


def test_two_workers_give_the_same_clusters_as_one_and_as_the_last_run():
    # Every run asserts equality with the same in-process decisions, so this
    # second run (2 worker processes) agrees with the 1-worker runs above.
    # One round keeps the multi-process graph small; the planted clusters need none.
    assert _expected({"cc_rounds": 1}) == _expected(SETTINGS)
    options = ["--direct_running_mode", "multi_processing", "--direct_num_workers", "2"]
    _run(options, {"cc_rounds": 1})


def test_verified_candidates_travel_through_the_shuffle():
    _run([], {**SETTINGS, "verify": True})


@pytest.mark.parametrize("verify", [False, True])
def test_band_keys_in_shard_lists_give_the_same_decisions(verify):
    # 3 shards: every shard list mixes many buckets, and the planted pairs' keys land in all of them.
    _run([], {**SETTINGS, "verify": verify}, band_shards=3)


@pytest.mark.parametrize("verify", [False, True])
def test_band_keys_spread_over_every_shard(verify):
    # the shard is the key's digest modulo the shards, in both list forms (it once took a
    # part of the key that every key had in common, and all keys landed in shard 0)
    featurize = _Featurize(DedupSettings.from_dict({"verify": verify}), shards=4)
    featurize.setup()
    featurize.start_bundle()
    outs = [o for r in [_row(i, t) for i, t in _items()] for o in featurize.process(r)]
    outs += [TaggedOutput(o.tag, o.value.value) for o in featurize.finish_bundle()]  # the bundle's last rows
    assert {o.value[0] for o in outs if o.tag == "bands"} == {0, 1, 2, 3}


@pytest.mark.parametrize(("band_shards", "local"), [(0, False), (3, False), (3, True)])
def test_rows_in_several_collections_give_the_same_decisions(band_shards, local):
    # 3 inputs: each planted pair is split over two collections, and the exact copy too
    _run([], SETTINGS, band_shards=band_shards, inputs=3, local=local)


def test_local_steps_with_two_workers():
    options = ["--direct_running_mode", "multi_processing", "--direct_num_workers", "2"]
    _run(options, {"cc_rounds": 1}, band_shards=3, inputs=2, local=True)


@pytest.mark.parametrize("inputs", [1, 2])
def test_disabled_keeps_every_row(inputs):
    p = TestPipeline(runner="FnApiRunner")
    rows = [_row(i, t) for i, t in _items()]
    parts = tuple(p | f"Rows{k}" >> beam.Create(rows[k::inputs]) for k in range(inputs))
    kept, dups = (parts[0] if inputs == 1 else parts) | Dedup({"enabled": False})
    assert_that(kept | beam.Map(lambda r: r["id"]), equal_to([i for i, _ in _items()]), label="Kept")
    assert_that(dups, equal_to([]), label="Dups")
    p.run().wait_until_finish()


def test_bad_settings_fail_when_the_pipeline_is_built():
    with pytest.raises(ValueError, match="must not exceed"):
        Dedup({"bands": 99})


def _components(edges, rounds, local):
    p = TestPipeline(runner="FnApiRunner")
    pcoll = p | beam.Create(edges)
    if local:
        kept_of = pcoll | "Collect" >> beam.combiners.ToList() | beam.ParDo(_LabelAll(rounds))
    else:
        for i in range(rounds):
            pcoll = pcoll | f"Round{i}" >> _StarRound()
        kept_of = pcoll | beam.FlatMap(large_star_keys) | beam.GroupByKey() | beam.ParDo(_Label())
    out = kept_of | "All" >> beam.combiners.ToList()
    assert_that(out | beam.Map(sorted), equal_to([sorted(labels(run_rounds(edges, rounds))[0].items())]))
    result = p.run()
    result.wait_until_finish()
    counters = result.metrics().query(MetricsFilter().with_name(UNCONVERGED))["counters"]
    return sum(c.committed for c in counters)


@pytest.mark.parametrize("rounds", [1, 8])
def test_components_in_one_step_equal_the_star_rounds(rounds):
    # a chain of 40 ids (n05-n06, n06-n07, ...) and a star: one round leaves the chain unsettled
    chain = [(f"n{i + 1:02d}", f"n{i:02d}") for i in range(5, 44)]
    star = [("s9", "s1"), ("s8", "s1"), ("s7", "s2"), ("s2", "s1")]
    edges = chain + star
    unconverged = _components(edges, rounds, local=False)
    assert _components(edges, rounds, local=True) == unconverged
    assert (unconverged > 0) == (rounds == 1)


def test_local_rows_wait_on_disk_and_leave_nothing_behind(tmp_path, monkeypatch):
    made = []
    mkstemp = tempfile.mkstemp

    def spy(**kw):
        made.append(mkstemp(dir=str(tmp_path), **kw))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    _run([], SETTINGS, band_shards=3, inputs=2, local=True)
    assert len(made) >= 2  # one file per input collection's bundle
    assert list(tmp_path.iterdir()) == []  # each deleted once read


def test_staged_rows_read_back_in_order_and_a_cut_file_says_so(tmp_path, monkeypatch):
    rows = [{**_row(str(i), "x" * i), "spans": None} for i in range(5)]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr("pipelines.dedup.STAGE_CHUNK", 2)  # three batches
    stage = _StageRows(CLEANED_SCHEMA)
    stage.start_bundle()
    for row in rows:
        stage.process(row)
    (path,) = [w.value for w in stage.finish_bundle()]
    data = Path(path).read_bytes()
    batches = list(staged_batches(path))
    assert [b.num_rows for b in batches] == [2, 2, 1]
    assert [r for b in batches for r in b.to_pylist()] == rows
    assert list(tmp_path.iterdir()) == []  # deleted once read
    for cut in (len(data) - 1, len(data) // 2):  # an Arrow file is cut anywhere: never fewer rows, an error
        (tmp_path / "cut.arrow").write_bytes(data[:cut])
        with pytest.raises(OSError, match="truncated"):
            list(staged_batches(str(tmp_path / "cut.arrow")))


def test_a_staging_file_that_cannot_be_opened_is_not_left_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def refuse(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pa, "OSFile", refuse)
    stage = _StageRows(CLEANED_SCHEMA)
    stage.start_bundle()
    with pytest.raises(OSError, match="set TMPDIR to a writable folder"):
        stage.process(_row("a", "x"))
    assert list(tmp_path.iterdir()) == []


def test_local_dedup_needs_the_rows_schema():
    with pytest.raises(ValueError, match="schema"):
        Dedup({}, local=True)


def test_a_temp_folder_that_cannot_be_written_says_what_to_do(monkeypatch):
    def refuse(**kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    stage = _StageRows(CLEANED_SCHEMA)
    stage.start_bundle()
    with pytest.raises(OSError, match="set TMPDIR to a writable folder"):
        stage.process({"id": "a"})
