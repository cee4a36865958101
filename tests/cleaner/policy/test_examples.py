"""The issue's own examples, with hand-made spans."""

import pytest

from cleaner import reasons as R
from cleaner.spans import CIVIL, DENIED, Span

from .helpers import A, U, cls, lex, run


def test_intensifier_word_is_removed():
    t = "this fucking function returns null"
    d, (out,) = run([(A, t)], [lex(0, t, "fucking", "profanity")])
    assert d.keep and out == "this function returns null"
    assert [e.reason for e in d.edits] == ["neutralize.profanity"]


def test_incident_clause_is_removed_code_kept():
    t = "你这个SB需求改来改去，把第3行的 `foo()` 改成 `bar()`"
    d, (out,) = run([(A, t)], [lex(0, t, "SB需求", "incident", 3)])
    assert out == "把第3行的 `foo()` 改成 `bar()`"


def test_abuse_only_sentence_is_dropped():
    t = "RTFM, idiot. Use `ls -la` to see hidden files."
    d, (out,) = run([(A, t)], [lex(0, t, "RTFM", "dismissive"), lex(0, t, "idiot", "insult")])
    assert out == "Use `ls -la` to see hidden files."
    assert d.edits[0].reason.startswith("drop_sentence.")


def test_venting_sentence_dropped_by_classifier():
    t = "气死我了！！！把 `timeout` 调大一点就行。"
    d, (out,) = run([(A, t)], [cls(0, t, "气死我了！！！", "emotion", 0.95)])
    assert out == "把 `timeout` 调大一点就行。"


def test_user_side_is_lenient_by_default_and_switchable():
    turns = [(U, "this is stupid, why does `x` fail"), (A, "Because `x` is None.")]
    spans = [lex(0, turns[0][1], "stupid", "insult")]
    d, out = run(turns, spans)
    assert d.keep and d.edits == [] and out[0] == turns[0][1]
    d, out = run(turns, spans, overrides=["policy.prompt.act=true"])
    assert out[0] == "why does `x` fail"


def test_hostile_assistant_drops_the_chat_record():
    t = "You are an idiot. Learn to code. Stop wasting my time."
    spans = [cls(1, t, s, "abuse", 0.8) for s in ("You are an idiot.", "Learn to code.", "Stop wasting my time.")]
    d, _ = run([(U, "fix it"), (A, t)], spans)
    assert not d.keep and d.reasons == [R.RESPONSE_HOSTILE]


def test_hostile_reply_in_thread_loses_its_prose_keeps_code():
    t = "You are an idiot. Learn to code.\n\n```py\nx = 1\n```\n"
    opener = "It crashes"
    spans = [cls(1, t, s, "abuse", 0.8) for s in ("You are an idiot.", "Learn to code.")]
    from cleaner.record import Role

    d, out = run([(Role.OPENER, opener), (Role.MAINTAINER, t)], spans, fmt="github")
    assert d.keep and "```py\nx = 1\n```" in out[1] and "idiot" not in out[1]


def test_profanity_inside_code_is_never_touched():
    t = "Here:\n\n```js\n// this fucking hack\nconst wtf = 1;\n```\n"
    # a misbehaving stage reporting a span inside code: the policy still cannot edit code
    start = t.index("fucking")
    d, (out,) = run([(A, t)], [Span(0, start, start + 7, "profanity", 1.0, "lexicon@1", {"severity": 3})])
    assert out == t


def test_an_insult_opening_a_sentence_takes_its_clause_with_it():
    # (The shipped lexicon no longer calls this "stupid" a hit: see the denial tests below.)
    t = "Not stupid at all, everyone hits this. Use `@tracked`."
    d, (out,) = run([(A, t)], [lex(0, t, "stupid", "insult")])
    assert d.keep and out == "Everyone hits this. Use `@tracked`."


def _guard(turn, text, words, label, category):
    """A lexicon span that guards its sentence (denied insult, civil phrase): score 0, never a hit."""
    start = text.index(words)
    return Span(turn, start, start + len(words), label, 0.0, "lexicon@1", {"category": category, "severity": 1})


def _denied(turn, text, term):
    return _guard(turn, text, term, DENIED, "insult")


@pytest.mark.parametrize(
    ("t", "first", "label", "words", "rest"),
    [
        # 0.75 flags an assistant sentence anywhere else; here the word it read is denied.
        ("Not stupid at all, everyone hits this. Use `@tracked`.", "Not stupid at all, everyone hits this.",
         DENIED, "stupid", "Use `@tracked`."),
        # The emotion model reads the complaint an apology answers (this one scored 0.76).
        ("I'm sorry you had a bad experience with the installer. Run `pip install -U foo`.",
         "I'm sorry you had a bad experience with the installer.", CIVIL, "I'm sorry", "Run `pip install -U foo`."),
    ],
)
def test_a_guarded_sentence_holds_the_classifiers_to_the_drop_bar(t, first, label, words, rest):
    guard = _guard(0, t, words, label, "civil" if label == CIVIL else "insult")
    d, (out,) = run([(A, t)], [guard, cls(0, t, first, "emotion", 0.75)])
    assert d.edits == [] and out == t
    d, (out,) = run([(A, t)], [cls(0, t, first, "emotion", 0.75)])
    assert out == rest
    # At the drop bar (0.9 for responses) the classifier is sure enough.
    d, (out,) = run([(A, t)], [guard, cls(0, t, first, "emotion", 0.95)])
    assert out == rest and d.edits[0].reason == "drop_sentence.emotion"


def test_a_denial_does_not_shield_a_real_hit_in_its_sentence():
    t = "Not stupid, you idiot. Use `@tracked`."
    d, (out,) = run([(A, t)], [_denied(0, t, "stupid"), lex(0, t, "idiot", "insult")])
    assert d.edits and "idiot" not in out and out.endswith("Use `@tracked`.")


def test_dropping_a_quote_keeps_the_turns_other_replacements():
    from cleaner.record import Role

    first = "RTFM, you absolute idiot."
    second = "> RTFM, you absolute idiot.\n\nWTF, why does `x` fail?"
    spans = [lex(1, first, "RTFM", "dismissive"), lex(1, first, "idiot", "insult"), lex(2, second, "WTF", "profanity")]
    d, out = run([(Role.OPENER, "x fails"), (Role.CONTRIBUTOR, first), (Role.MAINTAINER, second)], spans, fmt="github")
    assert out[2] == "Why does `x` fail?"
    assert "drop_quote" in {e.reason for e in d.edits}


def test_a_flagged_sentence_with_a_clause_hit_loses_its_other_prose_clauses():
    # The lexicon names one clause; the classifier judged the whole sentence.
    t = "Learn the basics before posting here, this is embarrassing."
    hit = lex(0, t, "Learn the basics before posting", "dismissive")
    d, (out,) = run([(A, t)], [hit, cls(0, t, t, "abuse", 0.5)])
    assert out == "" and [e.reason for e in d.edits] == ["drop_sentence.dismissive"]
    # Without the classifier's flag only the hit's clause goes.
    d, (out,) = run([(A, t)], [hit])
    assert out == "This is embarrassing."


def test_a_flagged_sentence_with_a_clause_hit_keeps_its_code_clauses():
    t = "RTFM, pass `-la` to `ls` and the hidden files show up."
    d, (out,) = run([(A, t)], [lex(0, t, "RTFM", "dismissive"), cls(0, t, t, "abuse", 0.5)])
    assert out == "Pass `-la` to `ls` and the hidden files show up."


def test_a_flagged_sentence_with_a_word_hit_keeps_the_rest():
    t = "This stupid function crashes on None."
    d, (out,) = run([(A, t)], [lex(0, t, "stupid", "insult", 1), cls(0, t, t, "abuse", 0.5)])
    assert out == "This function crashes on None."


def test_an_insulting_noun_takes_its_clause_not_just_the_word():
    # Removing only "idiot" would leave "Only an would write code like this."
    t = "Only an idiot would write code like this."
    d, (out,) = run([(A, t)], [lex(0, t, "idiot", "insult")])
    assert out == "" and d.edits[0].reason == "drop_sentence.insult"
    t = "The moron who wrote this forgot the base case, so `fib(0)` recurses forever."
    d, (out,) = run([(A, t)], [lex(0, t, "moron", "insult")])
    assert out == "So `fib(0)` recurses forever."


def test_an_insulting_adjective_goes_alone_and_the_article_agrees():
    t = "We merged a stupid implementation of the cache."
    d, (out,) = run([(A, t)], [lex(0, t, "stupid", "insult", 1)])
    assert out == "We merged an implementation of the cache."
    t = "An idiotic default breaks the build."
    d, (out,) = run([(A, t)], [lex(0, t, "idiotic", "insult", 1)])
    assert out == "A default breaks the build."
    t = "It's a dumb unused variable, delete it."
    d, (out,) = run([(A, t)], [lex(0, t, "dumb", "insult", 1)])
    assert out == "It's an unused variable, delete it."


def test_a_noun_before_a_preposition_is_a_noun():
    t = "Don't be a prick about the license."
    d, (out,) = run([(A, t)], [lex(0, t, "prick", "profanity")])
    assert out == "" and d.edits[0].reason == "drop_sentence.profanity"


def test_a_noun_insult_after_an_adjective_or_a_chinese_measure_word_takes_its_clause():
    t = "The maintainer is a total dick to newcomers."
    d, (out,) = run([(A, t)], [lex(0, t, "dick", "profanity")])
    assert out == ""  # not "The maintainer is a total to newcomers."
    t = "这个傻x 又提了一个重复的 issue。"
    d, (out,) = run([(A, t)], [lex(0, t, "傻x", "insult", 3)])
    assert out == ""  # not "这个又提了一个重复的 issue。"
    t = "This damn function leaks."  # an adjective after "this" still goes alone
    d, (out,) = run([(A, t)], [lex(0, t, "damn", "profanity", 1)])
    assert out == "This function leaks."


def test_a_wh_phrase_aimed_at_the_reader_is_not_cut_down_to_its_wh_word():
    t = "What the hell were you thinking when you wrote this?"
    d, (out,) = run([(A, t)], [lex(0, t, "What the hell were you thinking", "insult", 3)])
    assert out == ""  # not "What when you wrote this?"
    t = "What the fuck is this config format?"
    d, (out,) = run([(A, t)], [lex(0, t, "the fuck", "profanity")])
    assert out == "What is this config format?"


def test_a_hit_that_names_a_person_takes_its_clause_wherever_it_stands():
    t = "Some idiot pushed to main again, so `main` is red."
    noun = lex(0, t, "idiot", "insult")
    noun.detail["noun"] = True
    d, (out,) = run([(A, t)], [noun])
    assert out == "So `main` is red."  # not "Some pushed to main again, so `main` is red."
    d, (out,) = run([(A, t)], [lex(0, t, "idiot", "insult")])  # without the mark: the word alone
    assert out.startswith("Some pushed")


def test_a_verdict_clause_goes_whole_rather_than_turn_into_its_opposite():
    t = "Using eval here is a stupid idea; use `ast.literal_eval` instead."
    d, (out,) = run([(A, t)], [lex(0, t, "stupid", "insult", 1)])
    assert out == "Use `ast.literal_eval` instead."  # not "Using eval here is an idea; ..."
    t = "That's a dumb default, set `strict=True`."
    d, (out,) = run([(A, t)], [lex(0, t, "dumb", "insult", 1)])
    assert out == "Set `strict=True`."
    t = "This is a stupid function that crashes on None."  # a description, not a verdict: the word goes
    d, (out,) = run([(A, t)], [lex(0, t, "stupid", "insult", 1)])
    assert out == "This is a function that crashes on None."


def test_content_words_counts_chinese_in_jieba_words() -> None:
    from cleaner.policy.clauses import content_words
    from cleaner.segment import CODE_PLACEHOLDER

    assert content_words("check the logs", CODE_PLACEHOLDER) == 3.0
    assert content_words("先看日志", CODE_PLACEHOLDER) == 3.0  # 先看|日志: kept at the default 3
    assert content_words("把缓存清掉", CODE_PLACEHOLDER) == 4.0  # 把|缓存|清掉
    assert content_words("好吧", CODE_PLACEHOLDER) == 2.0  # 好|吧: a fragment, like "okay then"
    assert content_words("真是", CODE_PLACEHOLDER) == 1.5
    assert content_words(f"用 {CODE_PLACEHOLDER} 吧", CODE_PLACEHOLDER) == 2.0  # the code itself counts nothing


def test_a_chinese_remainder_cut_from_inside_a_clause_keeps_the_strict_count() -> None:
    from cleaner.policy.clauses import content_words, cuts_inside_clause
    from cleaner.segment import CODE_PLACEHOLDER

    text = "这头像是巨乳吧。"
    hit = (text.index("巨乳"), text.index("巨乳") + 2)
    assert cuts_inside_clause(text, [hit])  # 这头像是…吧 would be left: a fragment
    assert content_words("这头像是吧。", CODE_PLACEHOLDER, chinese_words=False) == 2.5  # under 3: dropped
    text = "傻逼，先看日志。"
    assert not cuts_inside_clause(text, [(0, 3)])  # the whole first clause goes, the second is untouched


def test_a_civil_phrase_does_not_shield_an_insult_in_its_sentence():
    t = "I'm sorry you're too dumb to read the docs. Run `make`."
    first = "I'm sorry you're too dumb to read the docs."
    spans = [_guard(0, t, "I'm sorry", CIVIL, "civil"), lex(0, t, "dumb", "insult"), cls(0, t, first, "abuse", 0.6)]
    d, (out,) = run([(A, t)], spans)
    assert "dumb" not in out and out.endswith("Run `make`.")
