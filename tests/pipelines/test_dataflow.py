"""The same job for Dataflow, checked offline: job graph, worker code, wheel and container file."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from cleaner import config
from cleaner.cli import main
from pipelines.clean import build

ROOT = Path(__file__).resolve().parents[2]
DRY = [
    "--runner=DataflowRunner",
    "--dry_run=True",
    "--no_auth",
    "--project=example-project",
    "--region=us-central1",
    "--temp_location=gs://example-bucket/tmp",
]
STEPS = {
    "InputPatterns", "MatchFiles", "FilePaths", "SpreadFiles", "ReadUnits", "SpreadUnits", "ParseRecords",
    "JoinAnswersToQuestions", "CleanThreads", "CleanRecords", "FlattenRejected",
    "FlattenDeadLetter", "CountCleaned", "CountRejected", "CountDeadletter", "WriteCleaned", "WriteRejected",
    "WriteDeadletter", "Dedup", "DuplicateRows",
}


def test_dataflow_job_graph_builds_offline_with_labelled_steps():
    p = beam.Pipeline(options=PipelineOptions(DRY))
    build(p, ["gs://example-bucket/in/*.jsonl.gz"], "gs://example-bucket/out", "auto", config.load(), reshuffle=True,
          emit_pairs=True)
    result = p.run()
    top = {t.unique_name for t in result.job.proto_pipeline.components.transforms.values() if "/" not in t.unique_name}
    assert STEPS | {"FlattenPairs", "WritePairs"} <= top


def test_cli_dry_run_and_worker_code_check(capsys):
    args = ["run", "--input", "gs://example-bucket/in/*.jsonl", "--output", "gs://example-bucket/out", "--quiet"]
    assert main([*args, *DRY]) == 0
    assert "job graph was built and not submitted" in capsys.readouterr().err
    # a real submission without the package for the workers is refused before anything is sent
    real = [a for a in DRY if not a.startswith("--dry_run")]
    assert main([*args, *real]) == 2
    assert "--extra_package" in capsys.readouterr().err


def test_wheel_carries_code_lexicons_models_and_config(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("sft_cleaner-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"cleaner/default_config.yaml", "pipelines/clean.py", "cleaner/lexicons/escalation.yaml"} <= names
    lexicon_files = {p.name for p in (ROOT / "lexicons").iterdir() if p.suffix in (".tsv", ".yaml")}
    assert {f"cleaner/lexicons/{n}" for n in lexicon_files} <= names
    models = {p.name for p in (ROOT / "cleaner" / "models").iterdir() if p.suffix in (".ftz", ".npz", ".json")}
    assert {f"cleaner/models/{n}" for n in models} <= names
    # installed from the wheel alone (no source tree on the path), the stages find their data
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    probe = (
        "import cleaner, cleaner.resources as r; from cleaner.guard import Guard; "
        "assert r.lexicons_dir().is_relative_to(r.Path(cleaner.__file__).parent), r.lexicons_dir(); "
        "print(Guard().check('RTFM. Use `ls -la`.').verdict)"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""},
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "neutralize"


def test_dockerfile_parses_lints_and_matches_beam():
    from dockerfile_parse import DockerfileParser

    df = DockerfileParser(path=str(ROOT / "Dockerfile"))
    # the worker image's Beam must be the launcher's Beam
    assert df.baseimage == f"apache/beam_python3.11_sdk:{beam.__version__}"
    for ins in df.structure:
        if ins["instruction"] == "COPY":
            src = ins["value"].split()[0]
            assert src == "dist/" or (ROOT / src).exists(), src
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint not installed (test extra on Linux x86_64 ships it)")
    out = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_an_unknown_runner_is_named_with_the_valid_ones(capsys, tmp_path):
    args = ["run", "--input", str(ROOT / "samples"), "--output", str(tmp_path / "out"), "--quiet"]
    assert main([*args, "--runner", "FnApiRuner"]) == 2
    err = capsys.readouterr().err
    assert "cleaner run: error: --runner FnApiRuner: " in err and "DataflowRunner" in err, err
    assert not (tmp_path / "out").exists()  # refused before anything is written
