"""The shipped models on developer replies: bug reports and clarifying questions stay, venting goes.

Senti4SD labels many plain error reports "negative"; trained on it alone the
model removed "I get this error when I run the tests:" from contributors'
comments (README, "The emotion model and bug reports").  These run the whole
shipped decision, so a retrained model or a new threshold has to keep them.
"""

import pytest

from cleaner import config
from cleaner.counters import DictCounter
from cleaner.process import Cleaner
from cleaner.record import Record, Role, Turn

TRACE = "\n\n```\nModuleNotFoundError: No module named 'foo'\n```\n"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    c = Cleaner(config.load())
    c.setup()
    return c


def _reply(cleaner: Cleaner, text: str):
    record = Record("r", "test", "github", [Turn(Role.OPENER, "Tests fail on main."), Turn(Role.CONTRIBUTOR, text)])
    return cleaner.process(record, DictCounter())


@pytest.mark.parametrize(
    "text",
    [
        "Same here. I get this error when I run the tests:" + TRACE + "I am on Python 3.12.",
        "I get this error:" + TRACE,
        "This is the error message:" + TRACE,
        "I was creating a new project when I got this error message:" + TRACE,
    ],
)
def test_an_error_report_in_a_reply_is_kept_whole(cleaner: Cleaner, text: str) -> None:
    out = _reply(cleaner, text)
    assert out.kept and out.edits == [], [(e.reason, e.before) for e in out.edits]


def test_venting_in_a_reply_is_still_removed(cleaner: Cleaner) -> None:
    out = _reply(cleaner, "Ugh, I hate this build system so much. Set `CI=1` and rerun.")
    assert [e.reason.split(".")[1] for e in out.edits] == ["emotion"]
    assert out.turns[1].text.strip() == "Set `CI=1` and rerun."


@pytest.mark.parametrize(
    "text",
    [
        "What are you trying to do?",
        "What are you trying to accomplish?",
        "Honestly, I don't understand what you're asking.",
        "I'm going to close this since there's been no response in 30 days.",
        "This issue was closed because it has been stalled for 7 days with no activity.",
    ],
)
def test_clarifying_questions_and_closing_notices_are_kept(cleaner: Cleaner, text: str) -> None:
    # abuse_en scores each 0.43-0.46 on its own (the locked threads say them in anger
    # too, and label such comments uncivil); the lexicon's civil rows hold them to the
    # drop bar.
    out = _reply(cleaner, text)
    assert out.kept and out.edits == []


@pytest.mark.parametrize(
    "text",
    ["I'm afraid there is no built-in way to do this in pandas.", "I understand this is annoying; here is a workaround."],
)
def test_polite_bad_news_is_not_venting(cleaner: Cleaner, text: str) -> None:
    # Senti4SD labels most "I'm afraid ..." negative, and the emotion model removed both
    # (0.7+); for a reply the hedge and the sympathy are the register to keep.
    out = _reply(cleaner, text)
    assert out.kept and out.edits == []


def test_garbage_collection_is_not_an_insult_in_chinese(cleaner: Cleaner) -> None:
    # abuse_zh scored "垃圾回收会自动处理。" 0.92 before technical terms were masked.
    for text in ("垃圾回收会自动处理，不用手动释放。", "把这些垃圾文件清理掉就行了。"):
        out = _reply(cleaner, text)
        assert out.kept and out.edits == [], text
    out = _reply(cleaner, "你这个垃圾。把缓存清掉。")  # the insult still goes
    assert out.edits and out.turns[1].text.strip() == "把缓存清掉。"
