"""The classifiers' own exceptions, in a module the compiled build leaves as Python.

mypyc cannot compile a class that inherits from a built-in exception other
than ``Exception``; keeping them here lets :mod:`cleaner.classify.preprocess`
compile while callers catch the same classes in either build.
"""


class PreprocessMismatch(RuntimeError):
    """The model was trained with a recipe this build cannot reproduce."""
