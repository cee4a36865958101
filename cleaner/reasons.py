"""Stable reason codes.

Each code is at once a Beam counter name, a value of the ``reasons`` column
of rejected rows, a key of ``summary.json`` and a label in the diff tool.
Renaming one is a breaking change.
"""

from __future__ import annotations

# dead-letter: input that could not become a record
BAD_JSON = "bad_json"
BAD_UTF8 = "bad_utf8"
BAD_XML = "bad_xml"
NOT_AN_OBJECT = "not_an_object"
MISSING_FIELD = "missing_field"
WRONG_TYPE = "wrong_type"
UNKNOWN_FORMAT = "unknown_format"
TRUNCATED_FILE = "truncated_file"
UNREADABLE_FILE = "unreadable_file"
ORPHAN_ANSWER = "orphan_answer"
EMPTY_RECORD = "empty_record"
RECORD_TOO_LARGE = "record_too_large"
PROCESS_ERROR = "process_error"

DEADLETTER = (
    BAD_JSON,
    BAD_UTF8,
    BAD_XML,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_FORMAT,
    TRUNCATED_FILE,
    UNREADABLE_FILE,
    ORPHAN_ANSWER,
    RECORD_TOO_LARGE,
    PROCESS_ERROR,
)

# rejected: a parsed record the policy decided not to keep
ALL_TURNS_EMPTY = "all_turns_empty"
UNSUPPORTED_POST_TYPE = "unsupported_post_type"
EXACT_DUPLICATE = "exact_duplicate"
NEAR_DUPLICATE = "near_duplicate"

REJECTED = (ALL_TURNS_EMPTY, UNSUPPORTED_POST_TYPE, EXACT_DUPLICATE, NEAR_DUPLICATE)

DUPLICATE_ID = "duplicate_id"
DEADLETTER += (DUPLICATE_ID,)

# policy: record-level verdicts (rejected) and edit reasons
RESPONSE_HOSTILE = "response_hostile"
RESPONSE_MOSTLY_REMOVED = "response_mostly_removed"
NO_RESPONSE_LEFT = "no_response_left"
DROP_QUOTE = "drop_quote"
REJECTED += (RESPONSE_HOSTILE, RESPONSE_MOSTLY_REMOVED, NO_RESPONSE_LEFT)
# Edit reasons are "neutralize.<category|axis>", "drop_sentence.<category|axis>",
# "drop_turn.<record reason>" and "drop_quote"; categories come from the lexicon.
