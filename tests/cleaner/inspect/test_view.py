from cleaner.edits import Edit, apply_edits
from cleaner.inspect.lang import language, script_language
from cleaner.inspect.load import RunDir
from cleaner.inspect.view import Action, DeadLetterEntry, deadletter_entry, record_diff

from .fixture_run import SCRIPT


def _row(turns, edits, **kw):
    return {"id": "r", "source": "chat", "format": "chat", "turns": turns, "edits": edits, "spans": [],
            "meta": "{}", "units": 1, **kw}


def test_cleaned_row_original_is_rebuilt_from_the_edit_trail():
    original = "this fucking function returns null"
    e = Edit(0, 5, 13, "fucking ", "", "neutralize.profanity", "lexicon@1", 0.67)
    cleaned = apply_edits(original, [e])
    d = record_diff(_row([{"role": "assistant", "text": cleaned, "markup": "markdown"}], [e.to_dict()]), "cleaned")
    assert d.action is Action.NEUTRALIZED
    assert d.turns[0].original == original and d.turns[0].cleaned == cleaned
    assert d.all_reasons == ["neutralize.profanity"]


def test_rejected_row_holds_the_original_and_shows_what_cleaning_would_leave():
    original = "Go away. Use `x`."
    e = Edit(0, 0, 9, "Go away. ", "", "drop_sentence.abuse", "fasttext@1", 0.95)
    row = _row([{"role": "assistant", "text": original, "markup": "markdown"}], [e.to_dict()],
               reasons=["response_hostile"], detail="{}")
    d = record_diff(row, "rejected")
    assert d.action is Action.REJECTED
    assert (d.turns[0].original, d.turns[0].cleaned) == (original, "Use `x`.")
    assert d.all_reasons == ["response_hostile", "drop_sentence.abuse"]


def test_cleaned_row_without_edits_is_unchanged():
    d = record_diff(_row([{"role": "user", "text": "hi", "markup": None}], []), "cleaned")
    assert d.action is Action.UNCHANGED and d.turns[0].markup == "markdown"


def test_deadletter_raw_bytes_are_decoded_with_replacement():
    d = deadletter_entry({"source_file": "a.jsonl", "offset": 3, "raw": b"{\xff", "raw_truncated": True,
                          "reason": "bad_utf8", "error": "x", "units": 1})
    assert isinstance(d, DeadLetterEntry) and d.raw == "{\ufffd" and d.id == "a.jsonl:3"
    assert d.action is Action.DEADLETTER and d.all_reasons == ["bad_utf8"]


def test_language_prefers_meta_then_script_share():
    assert language({"lang": "ZH"}, ["plain english"]) == "zh"
    assert script_language("你这个需求改来改去，把第3行的 foo() 改成 bar()") == "zh"
    assert script_language("this has one word 傻逼 in a long English sentence") == "en"
    assert script_language("123 ... !!!") == "und"


def test_fixture_run_round_trips(run_dir):
    rd = RunDir.open(run_dir)
    cleaned = [record_diff(r, "cleaned") for r in rd.rows("cleaned")]
    xss = next(d for d in cleaned if d.id == "xss-<b>")
    assert SCRIPT in xss.turns[0].original
    csdn = next(d for d in cleaned if d.id == "csdn-1")
    assert csdn.lang == "zh" and csdn.turns[1].cleaned == "把第3行的 `foo()` 改成 `bar()`"
    assert rd.summary()["conservation"]["ok"]


def test_duplicate_rows_hold_cleaned_turns_and_are_reverted():
    original = "damn, use `x`."
    e = Edit(0, 0, 6, "damn, ", "", "neutralize.profanity", "lexicon@1", 0.5)
    row = _row([{"role": "assistant", "text": apply_edits(original, [e]), "markup": "markdown"}], [e.to_dict()],
               reasons=["near_duplicate"], detail='{"kept_id": "a"}')
    d = record_diff(row, "rejected")
    assert d.turns[0].original == original and d.turns[0].cleaned == "use `x`."
    assert d.detail == {"kept_id": "a"} and d.turns[0].trail_ok


def test_a_trail_that_fits_neither_side_is_flagged_not_raised():
    e = Edit(0, 0, 4, "nope", "XX", "neutralize.profanity", "x@1", 1.0)
    d = record_diff(_row([{"role": "assistant", "text": "something else", "markup": "markdown"}], [e.to_dict()]),
                    "cleaned")
    t = d.turns[0]
    assert not t.trail_ok and t.edits == () and t.original == t.cleaned == "something else"


def test_language_reads_only_the_opening_of_long_records():
    assert language({}, ["中文内容" * 500, "english " * 10_000]) == "zh"
