from cleaner.inspect.safe import visible


def test_control_and_bidi_characters_become_visible_symbols():
    assert visible("a\x1b[2Jb\x07\r") == "a\u241b[2Jb\u2407\u240d"
    assert visible("tab\tnew\nline") == "tab\tnew\nline"
    assert visible("x\u202ey") == "x\u27e8U+202E\u27e9y"
    assert visible("\x9b") == "\u27e8U+009B\u27e9"
    assert visible("普通 text") == "普通 text"
