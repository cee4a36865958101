"""Policy settings refuse values the decision could not mean."""

from __future__ import annotations

import pytest

from cleaner import config
from cleaner.policy.settings import PolicySettings


@pytest.mark.parametrize("key", ["max_removed_share", "hostile_share"])
@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_a_share_outside_0_1_is_refused_with_its_key(key: str, value: float) -> None:
    cfg = config.load(overrides=[f"policy.{key}={value}"])
    with pytest.raises(ValueError, match=f"policy.{key}"):
        PolicySettings.from_config(cfg)


def test_the_shipped_shares_load() -> None:
    ps = PolicySettings.from_config(config.load())
    assert 0.0 <= ps.max_removed_share <= 1.0 and 0.0 <= ps.hostile_share <= 1.0
