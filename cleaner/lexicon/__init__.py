"""The lexicon stage's machinery: curated word lists matched on normalized prose.

- ``normalize``: fold text (width, case, traditional Chinese, leetspeak,
  separators, repeats) with offsets back to the original; shared with the
  classifier's features.
- ``patterns``: the ``(a|b|)`` template syntax of lexicon files (no regex).
- ``entries``: load and validate ``lexicons/*.tsv`` and the allowlist.
- ``rules``: context rules an entry may ask for (stem, zh_near, zh_clause_end).
- ``words``: Chinese word boundaries from jieba around a candidate hit.
- ``masks``: masked words (f*ck) resolved against the lexicon.
- ``matcher``: one Aho-Corasick pass, then boundaries, rules and guards.

The registered stage is ``cleaner/stages/lexicon.py`` (``lexicon@1``).
"""
