"""Who speaks in a thread: opener, maintainer, contributor or bot.

GitHub gives ``author_association``; bots are recognised by account type and
by name, because templated bot comments (stale, CI, dependency updates) are
text a model should never learn to write.
"""

from __future__ import annotations

import re

from cleaner.record import Role

_MAINTAINER_ASSOCIATIONS = {"OWNER", "MEMBER", "COLLABORATOR"}

_BOT_LOGIN = re.compile(
    r"(\[bot\]$|-bot$|^bot-|bot$|^(dependabot|renovate|stale|codecov|coveralls|github-actions|"
    r"netlify|vercel|k8s-ci-robot|mergify|greenkeeper|snyk-bot|sonarcloud|allcontributors|"
    r"pre-commit-ci|imgbot|azure-pipelines|travis-ci|circleci|welcome|issue-label-bot)\b)",
    re.IGNORECASE,
)


def is_bot(login: str | None, account_type: str | None = None) -> bool:
    if account_type and account_type.lower() == "bot":
        return True
    return bool(login) and bool(_BOT_LOGIN.search(login))


def thread_role(
    login: str | None,
    opener: str | None,
    association: str | None = None,
    account_type: str | None = None,
) -> Role:
    """Role of a reply in a thread.  The opener keeps the prompt side even when replying."""
    if is_bot(login, account_type):
        return Role.BOT
    if login and opener and login == opener:
        return Role.OPENER
    if association and association.upper() in _MAINTAINER_ASSOCIATIONS:
        return Role.MAINTAINER
    return Role.CONTRIBUTOR
