"""Versioned registry of scoring stages.

Stages are registered as ``name@version``.  Configs name them exactly; an
unknown name fails with the list of valid ones, so a typo in a 10-hour
Dataflow job fails at launch, not on the workers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from cleaner.counters import Counter
from cleaner.spans import Span

_NAME = re.compile(r"^[a-z][a-z0-9_.-]*@\d+$")


@runtime_checkable
class Stage(Protocol):
    """A scorer: reads a document view, emits spans, edits nothing.

    ``setup`` loads models (called once per worker, never at import or
    pickling time); ``score`` must be a pure function of the document.  A
    stage may also offer ``score_many(docs, counter) -> list[list[Span]]``,
    equal to scoring each document, which ``Cleaner.process_many`` prefers.
    """

    name: str

    def setup(self) -> None: ...

    def score(self, doc: Any, counter: Counter) -> list[Span]: ...


StageFactory = Callable[[dict[str, Any]], Stage]

_REGISTRY: dict[str, StageFactory] = {}


class UnknownStageError(ValueError):
    pass


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    if not _NAME.match(name):
        raise ValueError(f"stage name {name!r} must look like 'name@version', e.g. 'lexicon@1'")

    def deco(factory: StageFactory) -> StageFactory:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise ValueError(f"stage {name!r} is registered twice")
        _REGISTRY[name] = factory
        return factory

    return deco


def available() -> list[str]:
    _load_builtin_stages()
    return sorted(_REGISTRY)


def create(name: str, settings: dict[str, Any] | None = None) -> Stage:
    _load_builtin_stages()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise UnknownStageError(
            f"unknown stage {name!r}; valid stages: {', '.join(sorted(_REGISTRY))}"
        ) from None
    return factory(settings or {})


def _load_builtin_stages() -> None:
    # Importing the package registers every built-in stage exactly once.
    import cleaner.stages  # noqa: F401
