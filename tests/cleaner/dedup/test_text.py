from cleaner.dedup.text import dedup_text, exact_hash, normalize


def test_dedup_text_joins_turn_texts_with_newlines():
    row = {"turns": [{"role": "user", "text": "How?"}, {"role": "assistant", "text": "Like `x()`."}]}
    assert dedup_text(row) == "How?\nLike `x()`."


def test_dedup_text_of_a_row_without_turns_is_empty():
    assert dedup_text({"turns": []}) == ""


def test_normalize_folds_case_fullwidth_and_whitespace():
    assert normalize("  Ｆｏｏ\tBAR\n\n baz ") == "foo bar baz"


def test_exact_hash_is_a_fixed_function_of_the_text():
    # Pinned: a change here changes which rows are exact duplicates across runs.
    assert exact_hash("foo bar") == "e1424043d5f4930f1c125cb212d9487f"
    assert exact_hash("foo bar") != exact_hash("foo  bar")
