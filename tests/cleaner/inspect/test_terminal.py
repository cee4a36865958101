import io

from rich.console import Console
from rich.pager import Pager

from cleaner.inspect import terminal
from cleaner.inspect.load import RunDir
from cleaner.inspect.sample import Filters, entries, sample
from cleaner.inspect.view import DeadLetterEntry


def _console(width=100):
    return Console(record=True, force_terminal=True, color_system="truecolor", width=width, file=io.StringIO())


def _entry(run_dir, id_):
    return next(e for e in entries(RunDir.open(run_dir)) if e.id == id_)


def _styles_of(text, needle):
    """Styles applied to the characters of ``needle`` inside a rich Text."""
    start = text.plain.index(needle)
    return [s.style for s in text.spans if s.start <= start and start + len(needle) <= s.end]


def test_neutralized_words_are_struck_and_highlighted_with_reason_and_score(run_dir):
    turn = _entry(run_dir, "chat-profanity").turns[1]
    text = terminal.turn_text(turn)
    assert "this fucking  \u27e6neutralize.profanity 0.67 lexicon@1\u27e7function returns null" in text.plain
    assert terminal.NEUTRALIZED in _styles_of(text, "fucking")
    assert terminal.NEUTRALIZED.strike and terminal.NEUTRALIZED.bgcolor is not None
    assert terminal.CODE in _styles_of(text, "`init()`")
    assert _styles_of(text, "function") == []


def test_dropped_sentence_is_struck_in_red(run_dir):
    text = terminal.turn_text(_entry(run_dir, "chat-hostile").turns[3])
    assert terminal.DROPPED in _styles_of(text, "This is stupid.")
    assert "drop_sentence.abuse 0.97 fasttext@1" in text.plain


def test_recorded_output_has_colours_content_and_rejection_reasons(run_dir):
    c = _console()
    terminal.show(sample(entries(RunDir.open(run_dir)), Filters(), 20, 0), c)
    out = c.export_text(clear=False)
    assert "rejected: response_hostile" in out and "rejection depth 1" in out
    assert "2 code spans preserved" in out and "你这个SB需求改来改去" in out
    assert "bad_json" in out and "in.jsonl:7" in out
    page = c.export_html(inline_styles=True)
    assert "text-decoration: line-through" in page  # struck through
    assert "#facc15" in page and "#7dd3fc" in page  # neutralized highlight, code colour


def test_hostile_text_is_printed_literally_and_escape_codes_are_defused(run_dir):
    c = _console(200)
    c.print(terminal.render(_entry(run_dir, "xss-<b>")))
    plain = c.export_text(clear=False)
    assert "[bold red]not markup[/]" in plain and "xss-<b>" in plain
    out = c.export_text(styles=True)
    assert "\x1b[2J" not in out and "\u241b[2J" in out


def test_dead_letter_shows_reason_error_and_truncation():
    d = DeadLetterEntry("in.jsonl", 3, "record_too_large", "over the cap", "x" * (terminal.RAW_LIMIT + 10), True)
    c = _console()
    c.print(terminal.render(d))
    out = c.export_text()
    assert "record_too_large" in out and "over the cap" in out
    assert "10 more characters not shown (truncated by the job)" in out


def test_empty_sample_says_so():
    c = _console()
    assert terminal.show([], c) == 0
    assert "no record matches the filters" in c.export_text()


class _Pager(Pager):
    def __init__(self):
        self.pages = []

    def show(self, content: str) -> None:
        self.pages.append(content)


def test_long_output_goes_through_the_pager_with_colours(run_dir):
    c, pager = _console(), _Pager()
    assert terminal.show(sample(entries(RunDir.open(run_dir)), Filters(), 3, 0), c, pager) == 3
    (page,) = pager.pages
    assert "chat-profanity" in page and "\x1b[" in page  # styled for `less -R`


def test_only_a_sample_taller_than_the_screen_needs_the_pager(run_dir):
    picked = sample(entries(RunDir.open(run_dir)), Filters(), 20, 0)
    assert terminal.taller_than_screen(picked, Console(width=100, height=40, file=io.StringIO()))
    assert not terminal.taller_than_screen(picked[-1:], Console(width=100, height=40, file=io.StringIO()))


def test_broken_trail_is_called_out():
    from cleaner.inspect.view import TurnDiff

    t = TurnDiff(0, "assistant", "markdown", "x", "x", (), trail_ok=False)
    assert "edit trail does not fit this text" in terminal.turn_header(t, None).plain
