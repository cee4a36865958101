import io

from rich.console import Console

from cleaner import cli
from cleaner.inspect import cli as inspect_cli


def _args(*argv):
    import argparse

    p = argparse.ArgumentParser()
    inspect_cli.add_arguments(p)
    return p.parse_args(list(argv))


def test_terminal_run_prints_the_filtered_sample(run_dir):
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=False, width=120)
    args = _args(str(run_dir), "--reason", "neutralize", "--lang", "ZH", "--n", "5")
    assert inspect_cli.run(args, console) == 0
    out = buf.getvalue()
    assert "csdn-1" in out and "chat-profanity" not in out and "neutralize.incident" in out


def test_html_run_writes_the_report(run_dir, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert cli.main(["inspect", str(run_dir), "--html", str(out), "--n", "3", "--seed", "2", "--min-depth", "1"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "chat-hostile" in page and "Sample (1 entry)" in page
    assert "sample filters: --n 3 --seed 2 --min-depth 1" in page
    assert "wrote" in capsys.readouterr().err


def test_not_a_run_directory_is_an_error(tmp_path, capsys):
    assert cli.main(["inspect", str(tmp_path), "--no-pager"]) == 2
    assert "not a run directory" in capsys.readouterr().err
    assert cli.main(["inspect", str(tmp_path / "missing")]) == 2


def test_filters_from_arguments():
    f = inspect_cli.filters_from(_args("d", "--action", "rejected", "--stage", "lexicon", "--role", "assistant",
                                       "--min-score", "0.5", "--max-depth", "3"))
    assert {str(a) for a in f.actions} == {"rejected"} and f.stages == ("lexicon",)
    assert f.roles == frozenset({"assistant"}) and f.min_score == 0.5 and f.max_depth == 3


def test_full_turns_off_elision(tmp_path):
    from .fixture_run import build_long

    run = build_long(tmp_path)
    short, full = io.StringIO(), io.StringIO()
    assert inspect_cli.run(_args(str(run), "--no-pager"), Console(file=short, width=100)) == 0
    assert inspect_cli.run(_args(str(run), "--no-pager", "--full"), Console(file=full, width=100)) == 0
    assert "characters not shown" in short.getvalue() and "characters not shown" not in full.getvalue()
