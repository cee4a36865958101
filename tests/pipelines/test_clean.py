"""The whole job on the local runner: conservation, schemas, and runner-independence."""

import json
import shutil

import apache_beam as beam
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from cleaner import config
from cleaner.cli import main
from cleaner.compiled import describe
from cleaner.route import CLEANED, DEADLETTER, REJECTED
from cleaner.rows import CLEANED_SCHEMA, DEADLETTER_SCHEMA, REJECTED_SCHEMA
from pipelines.clean import build

from .outputs import read_outputs, row_set, rows


def _inputs(tmp_path, fixtures, samples):
    """Fixtures plus the shipped samples (when present), plus a few broken units."""
    d = tmp_path / "in"
    shutil.copytree(fixtures / "readers", d / "fixtures")
    if samples.is_dir():
        shutil.copytree(samples, d / "samples")
    chat = b'{"messages": [{"role": "user", "content": "How do I reverse a list in Python?"}]}\n'
    # line 4 repeats line 1: an exact duplicate for the dedup step
    (d / "broken.jsonl").write_bytes(chat + b"{oops\n\xff\n" + chat)
    return d


def test_job_on_samples_conserves_units_and_writes_schemas(tmp_path, fixtures, samples):
    src = _inputs(tmp_path, fixtures, samples)
    out = tmp_path / "out"
    cfg = config.load(overrides=["output.progress_interval_s=0"])
    with TestPipeline(runner="FnApiRunner") as p:
        outs = build(p, [str(src)], str(out), "auto", cfg)
        ids = outs[DEADLETTER] | beam.Map(lambda r: (r["source_file"].rsplit("/", 1)[-1], r["offset"], r["reason"]))
        broken = ids | beam.Filter(lambda t: t[0] == "broken.jsonl")
        assert_that(broken, equal_to([("broken.jsonl", 2, "bad_json"), ("broken.jsonl", 3, "bad_utf8")]))

    tables = read_outputs(out)
    for name, schema in ((CLEANED, CLEANED_SCHEMA), (REJECTED, REJECTED_SCHEMA), (DEADLETTER, DEADLETTER_SCHEMA)):
        for t in tables[name]:
            assert t.schema.equals(schema, check_metadata=False), name
    units = sum(r["units"] for name in tables for r in rows(tables, name))
    n_lines = sum(
        1
        for f in src.rglob("*")
        if f.is_file() and f.suffix in (".jsonl", ".xml")
        for line in f.read_bytes().splitlines()
        if line.strip() and not line.strip().startswith((b"<?xml", b"<posts>", b"</posts>"))
    )
    assert units == n_lines
    cleaned_ids = {r["id"] for r in rows(tables, CLEANED)}
    assert {"1873409921", "998877", "csdn-1001", "101", "m-1", "chat.jsonl:3"} <= cleaned_ids
    # every cleaned record's meta is valid JSON and its edit trail is a list
    assert all(isinstance(json.loads(r["meta"]), dict) for r in rows(tables, CLEANED))
    dups = [r for r in rows(tables, REJECTED) if r["reasons"] == ["exact_duplicate"]]
    assert [(r["id"], json.loads(r["detail"])) for r in dups] == [("broken.jsonl:4", {"kept_id": "broken.jsonl:1"})]


def _cli_run(src, out, *extra):
    return main(["run", "--input", str(src), "--output", str(out), "--quiet", *extra])


@pytest.mark.parametrize("mode", ["multi_processing"])
def test_same_rows_in_memory_and_multi_processing(tmp_path, fixtures, samples, mode):
    src = _inputs(tmp_path, fixtures, samples)
    assert _cli_run(src, tmp_path / "a", "--direct_running_mode", "in_memory") == 0
    assert _cli_run(src, tmp_path / "b", "--direct_running_mode", mode, "--direct_num_workers", "2") == 0
    a, b = read_outputs(tmp_path / "a"), read_outputs(tmp_path / "b")
    for name in (CLEANED, REJECTED, DEADLETTER):
        assert row_set(a, name) == row_set(b, name), name
    sa = json.loads((tmp_path / "a" / "summary.json").read_text())
    sb = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert sa["conservation"]["ok"] and sb["conservation"]["ok"]
    for k in ("input_units", "records", "cleaned", "rejected", "deadletter", "reasons"):
        assert sa[k] == sb[k], k


def test_samples_give_pairs_and_an_escalation_table(tmp_path, samples):
    out = tmp_path / "o"
    assert _cli_run(samples, out, "--emit-pairs") == 0
    s = json.loads((out / "summary.json").read_text())
    tables = read_outputs(out)
    pairs = [r for f in sorted((out / "pairs").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    # every unit accounted for; pairs are an extra view of changed response turns
    assert s["conservation"]["ok"]
    assert s["input_units"] == sum(r["units"] for name in tables for r in rows(tables, name))
    assert s["cleaned"] and s["rejected"] and s["deadletter"] and s["neutralized"]
    assert s["pairs"] == len(pairs) > 0
    assert all(p["chosen"].strip() and p["chosen"] != p["rejected"] for p in pairs)
    by_id = {r["id"]: r for name in ("cleaned", "rejected") for r in rows(tables, name)}
    for p in pairs:
        rec = by_id[p["record_id"]]
        assert rec["turns"][p["turn"]]["role"] in ("assistant", "maintainer", "contributor", "bot")
    depths = {row["depth"] for row in s["escalation"]}
    assert {"0", "1", "2"} <= depths and all(r["responses"] >= r["hostile"] for r in s["escalation"])


def test_cli_refuses_to_mix_runs_and_unknown_options(tmp_path, fixtures, capsys):
    src = fixtures / "readers"
    assert _cli_run(src, tmp_path / "o") == 0
    summary = json.loads((tmp_path / "o" / "summary.json").read_text())
    assert summary["input_units"] == 12 and summary["conservation"]["ok"]
    assert summary["reasons"] == {"orphan_answer": 1, "unsupported_post_type": 1}
    assert summary["build"] == describe()  # which build ran, for reading its speed
    assert _cli_run(src, tmp_path / "o") == 2
    assert "already holds results" in capsys.readouterr().err
    assert _cli_run(src, tmp_path / "o", "--overwrite") == 0
    assert _cli_run(src, tmp_path / "p", "--direct_num_wrokers", "2") == 2
    assert "unknown option(s) --direct_num_wrokers" in capsys.readouterr().err
    assert main(["run", "--input", str(tmp_path / "nothing*.jsonl"), "--output", str(tmp_path / "q")]) == 2
    assert "no input files match" in capsys.readouterr().err
