"""One cleaned row of the output schema, for the tests of what carries and writes rows."""


def cleaned_row(i: int) -> dict:
    return {
        "id": f"github:{i}",
        "source": "issues.jsonl",
        "format": "github",
        "turns": [{"role": "opener", "author": None, "text": "升级之后报错 " * i, "markup": "markdown"}],
        "edits": [
            {"turn": 0, "start": 0, "end": 3, "before": "SB ", "after": "", "reason": "insult", "stage": "lexicon",
             "score": 0.1 + i / 3}
        ],
        "spans": [],
        "meta": '{"tags": ["x"]}',
        "units": 1,
    }
