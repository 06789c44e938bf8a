#!/usr/bin/env python3
"""Checks for tests/run-hostile.sh, reading factgrep's Turtle through rapper.

usage: hostile-check.py anchor-at FILE.ttl TEXT BEGIN
           exit 0 when some mention has nif:anchorOf TEXT at nif:beginIndex BEGIN
       hostile-check.py text-is FILE.ttl TEXT [--lone-cr-as-lf]
           exit 0 when nif:isString holds exactly the file TEXT (decoded as
           UTF-8; with --lone-cr-as-lf, each CR without LF read as LF)
       hostile-check.py nt-text-is FILE.nt TEXT
           the same for factgrep's own N-Triples, read without rapper (whose
           parser takes minutes over a literal of tens of MB on one line)
       hostile-check.py injection FILE.ttl NAME...
           exit 0 when the schema:name literals are exactly the NAMEs and
           every IRI is ASCII with no character Turtle would need escaped
"""
import importlib.util
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("spans", os.path.join(HERE, "check-spans.py"))
spans = importlib.util.module_from_spec(spec)
spec.loader.exec_module(spans)


def ntriples(path):
    return subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", path],
                          capture_output=True, check=True).stdout.decode()


def literals(nt, suffix):
    for line in nt.splitlines():
        m = spans.LINE.match(line)
        if m and m.group(2).endswith(suffix):
            lit = spans.LIT.match(m.group(3))
            if lit:
                yield m.group(1), spans.unescape(lit.group(1))


def anchor_at(path, text, begin):
    nt = ntriples(path)
    anchors = dict(literals(nt, "#anchorOf"))
    begins = dict(literals(nt, "#beginIndex"))
    found = sorted((begins.get(s), a) for s, a in anchors.items() if a == text)
    if any(b == begin for b, _ in found):
        return 0
    print(f"{text!r} not at {begin}; found at {[b for b, _ in found]}", file=sys.stderr)
    return 1


def text_is(path, text_file, lone_cr_as_lf=False, nt=None):
    want = open(text_file, "rb").read().decode("utf-8")
    if lone_cr_as_lf:
        want = re.sub(r"\r(?!\n)", "\n", want)
    if nt is None:
        nt = ntriples(path)
    got = [v for _, v in literals(nt, "#isString")]
    if got != [want]:
        print(f"nif:isString {got!r} is not {want!r}", file=sys.stderr)
        return 1
    return 0


BAD_IRI = re.compile(r'[\x00-\x20"{}|^`<>\\]')


def injection(path, names):
    nt = ntriples(path)
    for line in nt.splitlines():
        for iri in re.findall(r'<([^>]*)>', line.split('"')[0]):
            if not iri.isascii() or BAD_IRI.search(iri):
                print(f"bad IRI <{iri}>", file=sys.stderr)
                return 1
    got = {v for _, v in literals(nt, "schema.org/name")}
    if got != set(names):
        print(f"names differ: only in the file {got - set(names)!r}, "
              f"missing {set(names) - got!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "anchor-at":
        sys.exit(anchor_at(*sys.argv[2:]))
    if len(sys.argv) in (4, 5) and sys.argv[1] == "text-is":
        sys.exit(text_is(sys.argv[2], sys.argv[3], sys.argv[4:] == ["--lone-cr-as-lf"]))
    if len(sys.argv) == 4 and sys.argv[1] == "nt-text-is":
        with open(sys.argv[2], encoding="ascii") as f:
            lines = "".join(line for line in f if "#isString>" in line)
        sys.exit(text_is(sys.argv[2], sys.argv[3], nt=lines))
    if len(sys.argv) >= 3 and sys.argv[1] == "injection":
        sys.exit(injection(sys.argv[2], sys.argv[3:]))
    sys.exit(__doc__)
