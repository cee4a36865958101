"""The serving-time guard: verdicts, agreement with the batch job, thread safety."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cleaner.config import load
from cleaner.counters import DictCounter
from cleaner.guard import BLOCK, NEUTRALIZE, OK, Guard
from cleaner.guard_cli import add_arguments, run
from cleaner.readers import iter_units, parse_unit
from cleaner.record import Record, Side

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def guard():
    return Guard()


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        # calm, with violent-sounding technical words
        ("If the worker hangs, kill -9 it and abort the transaction; execute the migration again.", OK),
        ("滚动条的属性设置不生效，回滚到上一个版本就好了，性能也没问题。", OK),
        # profanity only inside code
        ("Here:\n\n```js\n// this fucking hack keeps IE alive\nconst wtf = 1;\n```\n", OK),
        # heated but technical: neutralized, the technical part kept
        ("this fucking function returns null when the list is empty.", NEUTRALIZE),
        ("你这个SB需求改来改去，把第3行的 `foo()` 改成 `bar()`", NEUTRALIZE),
        ("RTFM. Use `ls -la` to see hidden files.", NEUTRALIZE),
        # hostile throughout
        ("You are an idiot. RTFM.", BLOCK),
        ("滚。傻逼。", BLOCK),
    ],
)
def test_verdicts(guard, reply, verdict):
    v = guard.check(reply)
    assert v.verdict == verdict, v.to_dict()
    if verdict == OK:
        assert v.text == reply and v.edits == []
    elif verdict == NEUTRALIZE:
        assert v.text and v.text != reply and v.edits
        assert all(code in v.text for code in ("`foo()`", "`bar()`") if code in reply)
    else:
        assert v.text == "" and v.reasons


def test_escalation_depth_from_context(guard):
    ctx = [
        {"role": "user", "content": "write a sort"},
        {"role": "assistant", "content": "`sorted(xs)`"},
        {"role": "user", "content": "still wrong"},
        {"role": "assistant", "content": "`sorted(xs, reverse=True)`"},
        {"role": "user", "content": "还是不对，改来改去"},
    ]
    assert guard.check("`sorted(xs, key=len)`", ctx).escalation_depth == 2


def _sample_chats():
    for path in sorted(SAMPLES.glob("chat_*.jsonl")):
        for unit in iter_units(str(path)):
            rec = parse_unit(unit, "chat", 1 << 30)
            if isinstance(rec, Record):
                yield rec


def test_guard_agrees_with_the_batch_job_on_samples(guard):
    """A reply the guard passes is one the job keeps unchanged as a response turn, and vice versa."""
    checked = 0
    for rec in _sample_chats():
        o = guard.cleaner.process(rec, DictCounter())
        for i, turn in enumerate(rec.turns):
            if turn.side is not Side.RESPONSE:
                continue
            context = [{"role": str(t.role), "content": t.text} for t in rec.turns[:i]]
            v = guard.check(turn.text, context)
            job_unchanged = not any(e.turn == i for e in o.edits) and i not in o.turn_reasons
            assert (v.verdict == OK) == job_unchanged, (rec.id, i, v.to_dict())
            if v.verdict == NEUTRALIZE:
                assert v.text == o.turns[i].text
            checked += 1
    assert checked >= 30


def test_concurrent_checks_agree(guard):
    replies = [r for r, _ in test_verdicts.pytestmark[0].args[1]] * 10
    alone = [guard.check(r).to_dict() for r in replies]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda r: guard.check(r).to_dict(), replies))
    assert together == alone


def test_cli_stdin(monkeypatch, capsys):
    import argparse
    import io

    lines = [
        json.dumps({"reply": "RTFM. Use `ls -la`."}),
        "not json",
        json.dumps({"reply": "ok", "context": [{"role": "user", "content": "still wrong"}]}),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    p = argparse.ArgumentParser()
    add_arguments(p)
    assert run(p.parse_args(["--stdin"])) == 2  # one bad line
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["verdict"] for o in out] == [NEUTRALIZE, "error", OK]
    assert out[0]["text"] == "Use `ls -la`." and out[2]["escalation_depth"] == 1


def test_guard_uses_the_jobs_config():
    g = Guard(load(overrides=["policy.response.act=false"]))
    assert g.check("this fucking function returns null").verdict == OK
