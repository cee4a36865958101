"""Segmentation throughput: MB/s per core on a generated corpus, the samples, and hostile shapes.

Usage::

    nice python benchmarks/bench_segment.py            # ~50 MB generated corpus
    nice python benchmarks/bench_segment.py --mb 5     # quicker

Prints MB/s (UTF-8 bytes of input per second of one process = one core) for
``segment`` alone and for ``segment`` + ``sentences``, per markup, then the
time of each hostile shape at three sizes so linear growth is visible (the
ratio column should stay near 1.0 when the size doubles).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cleaner.segment import segment, sentences

_WORDS = [
    "the",
    "a",
    "this",
    "that",
    "it",
    "we",
    "you",
    "they",
    "function",
    "value",
    "error",
    "file",
    "build",
    "test",
    "config",
    "install",
    "run",
    "fails",
    "works",
    "returns",
    "package",
    "version",
    "module",
    "import",
    "path",
    "memory",
    "thread",
    "request",
    "why",
    "does",
    "not",
    "when",
    "after",
    "before",
    "because",
    "however",
    "maybe",
    "please",
    "thanks",
    "issue",
    "fix",
    "stupid",
    "annoying",
    "really",
    "broken",
    "again",
    "seriously",
]
_ZH = [
    "这个",
    "函数",
    "为什么",
    "报错",
    "了",
    "请问",
    "怎么",
    "解决",
    "配置",
    "文件",
    "版本",
    "安装",
    "失败",
    "谢谢",
    "大家",
    "真的",
    "很",
    "烦",
]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "".join(rng.choices(_ZH, k=rng.randint(4, 12))) + rng.choice("。？！")
    words = rng.choices(_WORDS, k=rng.randint(6, 20))
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), f"`{rng.choice(_WORDS)}_{rng.randint(1, 99)}()`")
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), "e.g. setup.py on 3.11")
    return " ".join(words).capitalize() + rng.choice(".?!")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))


_CODE = [
    "def handler(event, context):\n    data = json.loads(event['body'])\n    return {'ok': True}\n",
    "for (int i = 0; i < n; i++) {\n    total += values[i];\n}\n",
    'fn main() {\n    println!("hello {}", name);\n}\n',
]
_TRACE = (
    "Traceback (most recent call last):\n"
    '  File "app.py", line 12, in <module>\n'
    "    main()\n"
    '  File "app.py", line 8, in main\n'
    "    raise ValueError('bad input')\n"
    "ValueError: bad input\n"
)


def markdown_post(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 6)):
        r = rng.random()
        if r < 0.5:
            parts.append(_paragraph(rng))
        elif r < 0.7:
            parts.append("```python\n" + rng.choice(_CODE) + "```")
        elif r < 0.8:
            parts.append("> " + _paragraph(rng))
        elif r < 0.9:
            parts.append("\n".join("- " + _sentence(rng) for _ in range(3)))
        else:
            parts.append("I ran it and got\n" + _TRACE.rstrip("\n"))
    return "\n\n".join(parts) + "\n"


def html_post(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.65:
            p = _paragraph(rng).replace("`", "")
            parts.append(f"<p>{p} Use <code>a &amp;&amp; b</code> &lt;here&gt;.</p>")
        else:
            code = rng.choice(_CODE).replace("<", "&lt;").replace(">", "&gt;")
            parts.append(f"<pre><code>{code}</code></pre>")
    return "\n".join(parts)


def plain_post(rng: random.Random) -> str:
    parts = [_paragraph(rng) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        parts.insert(1, "$ pip install foo\nERROR: no matching distribution")
    return "\n\n".join(parts)


def corpus(mb: float, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    gens = {"markdown": markdown_post, "html": html_post, "plain": plain_post}
    out: dict[str, list[str]] = {k: [] for k in gens}
    size = 0
    target = mb * 1e6
    while size < target:
        for k, g in gens.items():
            t = g(rng)
            out[k].append(t)
            size += len(t.encode("utf-8"))
    return out


def throughput(texts: list[str], markup: str, with_sentences: bool) -> float:
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.process_time()
    for t in texts:
        segs = segment(t, markup)
        if with_sentences:
            sentences(t, segs)
    return nbytes / max(time.process_time() - t0, 1e-9) / 1e6


HOSTILE: dict[str, tuple[str, Callable[[int], str]]] = {
    "single line (prose)": ("markdown", lambda n: "word " * (n // 5)),
    "single line (symbols)": ("plain", lambda n: "{a:[1,2],b:'x'};" * (n // 16)),
    "backticks": ("markdown", lambda n: "`" * n),
    "backtick runs 1..k": ("markdown", lambda n: " ".join("`" * (i % 50 + 1) for i in range(n // 26))),
    "nested quotes": ("markdown", lambda n: "> " * (n // 4) + "x\n"),
    "nested lists": ("markdown", lambda n: "".join("  " * i + "- x\n" for i in range(int((n / 1.0) ** 0.5)))),
    "unclosed fence": ("markdown", lambda n: "```\n" + "code line\n" * (n // 10)),
    "unterminated html": ("html", lambda n: "<p><code>" + "<a b='" * (n // 6)),
    "lt without gt": ("html", lambda n: "<" * n),
    "unclosed code tags": ("html", lambda n: "<code>x " * (n // 8)),
}


def hostile(base: int) -> None:
    print(f"\nhostile shapes (seconds at n, 2n, 4n chars; n = {base:,}):")
    for name, (markup, make) in HOSTILE.items():
        times = []
        for k in (1, 2, 4):
            t = make(base * k)
            t0 = time.process_time()
            segs = segment(t, markup)
            sentences(t, segs)
            times.append(time.process_time() - t0)
        ratios = " ".join(f"{times[i + 1] / max(times[i], 1e-9) / 2:4.2f}" for i in range(2))
        print(f"  {name:24s} {markup:8s} " + " ".join(f"{x:7.3f}" for x in times) + f"   growth/2x: {ratios}")


def samples(folder: Path) -> None:
    texts: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            for t in _turn_texts(obj):
                texts.setdefault(t[1], []).append(t[0])
    posts = folder / "stackexchange" / "Posts.xml"
    if posts.exists():
        texts["html"] = _post_bodies(posts)
    if not texts:
        print(f"\nno samples under {folder}")
        return
    print(f"\nsamples under {folder}:")
    for markup, ts in texts.items():
        mb = sum(len(t.encode()) for t in ts) / 1e6
        reps = max(1, int(2 / max(mb, 1e-6)))  # samples are small: repeat them to ~2 MB
        ts = ts * reps
        seg, both = throughput(ts, markup, False), throughput(ts, markup, True)
        print(
            f"  {markup:8s} {mb:6.2f} MB (x{reps})  segment {seg:6.1f} MB/s   segment+sentences {both:6.1f} MB/s"
        )


def _post_bodies(path: Path) -> list[str]:
    """Body attributes of a Posts.xml, one <row> per line (a broken row is skipped)."""
    from lxml import etree

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("<row"):
            try:
                body = etree.fromstring(line).get("Body")
            except etree.XMLSyntaxError:
                continue
            if body:
                out.append(body)
    return out


def _turn_texts(obj: object) -> list[tuple[str, str]]:
    """Best effort: any string field called body/text/content, read as Markdown."""
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("body", "text", "content") and isinstance(v, str):
                out.append((v, "markdown"))
            else:
                out.extend(_turn_texts(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(_turn_texts(v))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size of the generated corpus")
    ap.add_argument("--hostile-chars", type=int, default=1_000_000)
    ap.add_argument("--samples", type=Path, default=Path(__file__).resolve().parent.parent / "samples")
    args = ap.parse_args(argv)
    data = corpus(args.mb)
    total = sum(len(t.encode()) for ts in data.values() for t in ts) / 1e6
    print(f"generated corpus: {total:.1f} MB ({', '.join(f'{k} {len(v)} posts' for k, v in data.items())})")
    for markup, ts in data.items():
        seg = throughput(ts, markup, False)
        both = throughput(ts, markup, True)
        print(f"  {markup:8s} segment {seg:6.1f} MB/s per core   segment+sentences {both:6.1f} MB/s per core")
    all_texts = [(t, m) for m, ts in data.items() for t in ts]
    nbytes = sum(len(t.encode()) for t, _ in all_texts)
    t0 = time.process_time()
    for t, m in all_texts:
        sentences(t, segment(t, m))
    print(f"  all      segment+sentences {nbytes / (time.process_time() - t0) / 1e6:6.1f} MB/s per core")
    samples(args.samples)
    hostile(args.hostile_chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())
