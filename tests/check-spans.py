#!/usr/bin/env python3
"""Checks a factgrep Turtle file against its own text, independently of factgrep.

usage: check-spans.py FILE.ttl

Reads the file through rapper (so it also must parse), then checks that every
nif:OffsetBasedString lies inside its context's nif:isString and that its
nif:anchorOf equals the code points [begin, end) of that text, and that every
node with prov:wasDerivedFrom names its rule with fg:rule. Exit 1 on any
problem, listing each one.
"""
import re
import subprocess
import sys
from collections import defaultdict

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
FG = "https://w3id.org/factgrep/ns#"
LINE = re.compile(r'^(\S+) <([^>]*)> (.*) \.$')
LIT = re.compile(r'^"((?:[^"\\]|\\.)*)"')


def unescape(s):
    def sub(m):
        c = m.group(1)
        if c[0] in "uU":
            return chr(int(c[1:], 16))
        return {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "b": "\b", "f": "\f"}[c]
    return re.sub(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)', sub, s)


def main():
    ttl = sys.argv[1]
    out = subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", ttl, "urn:x:"],
                         capture_output=True)
    if out.returncode != 0:
        sys.exit("check-spans: rapper cannot parse %s: %s" % (ttl, out.stderr.decode()[:300]))
    g = defaultdict(lambda: defaultdict(list))
    for line in out.stdout.decode("utf-8").splitlines():
        m = LINE.match(line)
        if not m:
            continue
        s, p, o = m.groups()
        lit = LIT.match(o)
        g[s][p].append(unescape(lit.group(1)) if lit else o)
    problems = []
    mentions = 0
    for node, props in g.items():
        if NIF + "anchorOf" in props:
            mentions += 1
            ctx = props[NIF + "referenceContext"][0]
            text = g[ctx].get(NIF + "isString", [None])[0]
            b, e = int(props[NIF + "beginIndex"][0]), int(props[NIF + "endIndex"][0])
            anchor = props[NIF + "anchorOf"][0]
            if text is None:
                problems.append("%s: its context has no nif:isString" % node)
            elif not 0 <= b < e <= len(text):
                problems.append("%s: [%d, %d) is outside the text (%d code points)" % (node, b, e, len(text)))
            elif text[b:e] != anchor:
                problems.append("%s: anchor %r but the text says %r" % (node, anchor, text[b:e]))
        if PROV + "wasDerivedFrom" in props and FG + "rule" not in props:
            problems.append("%s: a fact without fg:rule" % node)
    for p in problems:
        print("check-spans: " + p)
    if problems:
        sys.exit(1)
    print("check-spans: %s: %d mentions, all match their text" % (ttl, mentions))


if __name__ == "__main__":
    main()
