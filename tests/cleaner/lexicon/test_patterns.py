from __future__ import annotations

import pytest

from cleaner.lexicon.patterns import PatternError, expand


def test_groups_expand_in_order_and_an_empty_alternative_makes_a_group_optional() -> None:
    assert expand("did you (even|actually) read") == ["did you even read", "did you actually read"]
    assert expand("learn (how |)to code") == ["learn how to code", "learn to code"]
    assert expand("(a|b) (c|d)") == ["a c", "a d", "b c", "b d"]
    assert expand("傻(b|x)") == ["傻b", "傻x"]


@pytest.mark.parametrize(
    "template",
    ["fu+ck", "f.ck", "sh[i1]t", "(a|b)*", "a{2,}", r"\bfoo", "^rtfm$", "(?:a|b)", "a?"],
)
def test_regex_syntax_is_refused(template: str) -> None:
    with pytest.raises(PatternError, match="not allowed"):
        expand(template)


@pytest.mark.parametrize("template", ["(a|(b|c))", "(abc)", "a|b", "(a|b", "a)"])
def test_malformed_groups_are_refused(template: str) -> None:
    with pytest.raises(PatternError):
        expand(template)


def test_expansion_is_capped_so_a_template_cannot_explode() -> None:
    with pytest.raises(PatternError, match="more than"):
        expand("(a|b)" * 9)  # 512 strings
    assert len(expand("(a|b)" * 8)) == 256
