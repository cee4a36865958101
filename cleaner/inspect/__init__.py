"""Review a finished run: sampled diffs in the terminal and a self-contained HTML report.

Everything is rebuilt from the run's own output (the edit trail), never from
the inputs: the original of a cleaned turn is ``revert_edits(cleaned, edits)``.
Imports inside the package are absolute, so this package never stands in for
the standard library's ``inspect``.
"""
