"""The policy: the only place that turns spans into actions (keep, neutralize, drop)."""

from cleaner.policy.decide import Decision, decide
from cleaner.policy.settings import PolicySettings

__all__ = ["Decision", "PolicySettings", "decide"]
