#!/usr/bin/env python3
"""Benchmark and shard-test corpora from the project's own texts.

The sources are the sample page (examples/*.txt), five texts of
tests/texts (BENCH_TEXTS below) and tests/golden/*.txt, used as INPUT only. Everything is written as it is
made (a round of paragraphs or one document at a time), so memory stays at
the size of the sources whatever the size asked for. Fixed seeds: the same
arguments give the same bytes.

  make_corpus.py text  --mb N [--seed S]          one big text file on stdout
                                                  (MB: 10^6 bytes)
  make_corpus.py jsonl (--mb N | --docs N) [--seed S] [--own]
                                                  JSON Lines on stdout:
                                                  {"id", "text", "date"} a line
  make_corpus.py txtdir --docs N --dir DIR [--seed S] [--own]
                                                  the same documents as
                                                  --docs N, one DIR/ID.txt each,
                                                  and DIR/ID.date their dates
  --own: tests/texts and tests/golden only (no examples/)
"""
import argparse
import datetime
import glob
import json
import os
import random
import sys

MB = 1000 * 1000  # as factgrep --stats counts them
SRC = os.environ.get("SRC") or os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


# The texts of tests/texts the corpora are made from: a fixed set, so that
# the same arguments give the same corpus as texts are added there, and
# figures compare from one bench to the next. (The thirty added later are
# denser in facts: their N-Triples run 49 bytes a byte of text where these
# give 37, which moves every figure; see README.md.)
BENCH_TEXTS = ("business", "court", "government", "school", "sports")


def sources(own=False):
    paths = [] if own else sorted(glob.glob(os.path.join(SRC, "examples", "*.txt")))
    paths += [os.path.join(SRC, "tests", "texts", name + ".txt") for name in BENCH_TEXTS]
    paths += sorted(glob.glob(os.path.join(SRC, "tests", "golden", "*.txt")))
    docs = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            text = f.read().replace("\r\n", "\n").replace("\r", "\n")
        paras = [line for line in text.split("\n") if line.strip()]
        if paras:
            docs.append((os.path.basename(p), paras))
    if not docs:
        sys.exit("make_corpus.py: no source texts under " + SRC)
    return docs


def out():
    # Binary stdout: UTF-8 and "\n" whatever the locale.
    return sys.stdout.buffer


def cmd_text(args):
    """Rounds of every paragraph of every source, shuffled a round at a time,
    up to the first paragraph end at or past the size asked for."""
    rng = random.Random(args.seed)
    pool = [p for _, paras in sources() for p in paras]
    want = int(args.mb * MB)
    written = 0
    w = out()
    while written < want:
        order = pool[:]
        rng.shuffle(order)
        for para in order:
            line = (para + "\n").encode("utf-8")
            w.write(line)
            written += len(line)
            if written >= want:
                break


def documents(seed, own=False):
    """An endless stream of article-sized documents: (id, date, text).

    Each is one source text with its body paragraphs shuffled (the headline
    stays first), sometimes followed by a few paragraphs of another source,
    so that documents differ while staying the size of a news article."""
    rng = random.Random(seed)
    docs = sources(own)
    day0 = datetime.date(2020, 1, 1)
    n = 0
    while True:
        name, paras = docs[rng.randrange(len(docs))]
        body = paras[1:]
        rng.shuffle(body)
        text = [paras[0]] + body
        if rng.random() < 0.5:
            _, other = docs[rng.randrange(len(docs))]
            text += rng.sample(other, min(len(other), rng.randint(1, 3)))
        date = day0 + datetime.timedelta(days=rng.randrange(5 * 366))
        n += 1
        yield "bench-%08d" % n, date.isoformat(), "\n".join(text) + "\n"


def cmd_jsonl(args):
    want = int(args.mb * MB) if args.mb is not None else None
    written = 0
    w = out()
    for i, (doc_id, date, text) in enumerate(documents(args.seed, args.own)):
        if args.docs is not None and i >= args.docs:
            break
        if want is not None and written >= want:
            break
        line = (json.dumps({"id": doc_id, "text": text, "date": date}, ensure_ascii=False) + "\n").encode("utf-8")
        w.write(line)
        written += len(line)


def cmd_txtdir(args):
    os.makedirs(args.dir, exist_ok=True)
    for i, (doc_id, date, text) in enumerate(documents(args.seed, args.own)):
        if i >= args.docs:
            break
        with open(os.path.join(args.dir, doc_id + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        with open(os.path.join(args.dir, doc_id + ".date"), "w", encoding="utf-8") as f:
            f.write(date + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("text")
    t.add_argument("--mb", type=float, required=True)
    t.add_argument("--seed", type=int, default=1)
    j = sub.add_parser("jsonl")
    g = j.add_mutually_exclusive_group(required=True)
    g.add_argument("--mb", type=float)
    g.add_argument("--docs", type=int)
    j.add_argument("--seed", type=int, default=2)
    j.add_argument("--own", action="store_true", help="tests/texts and tests/golden only, not examples/")
    d = sub.add_parser("txtdir")
    d.add_argument("--docs", type=int, required=True)
    d.add_argument("--dir", required=True)
    d.add_argument("--seed", type=int, default=2)
    d.add_argument("--own", action="store_true", help="tests/texts and tests/golden only, not examples/")
    args = ap.parse_args()
    {"text": cmd_text, "jsonl": cmd_jsonl, "txtdir": cmd_txtdir}[args.cmd](args)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(1)
