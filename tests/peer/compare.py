#!/usr/bin/env python3
"""Compares Recognizers-Text's entities (JSON lines from recognizers.js) with
factgrep's facts (N-Triples) on one page: per kind, what both find, what only
one finds, and the time each took. Used by compare-recognizers.sh.

usage: compare.py RT.jsonl FACTGREP.nt FACTGREP_MS
"""
import json
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation

SCHEMA = "http://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
TIME = "http://www.w3.org/2006/time#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PROV = "http://www.w3.org/ns/prov#"
FG = "https://w3id.org/factgrep/ns#"
LINE = re.compile(r'^<([^>]*)> <([^>]*)> (.*) \.$')
LIT = re.compile(r'^"((?:[^"\\]|\\.)*)"')


def unescape(s):
    return re.sub(r'\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})',
                  lambda m: chr(int(m.group(1) or m.group(2), 16)), s).replace('\\"', '"')


def load_nt(path):
    g = defaultdict(lambda: defaultdict(list))
    for line in open(path, encoding="utf-8"):
        m = LINE.match(line.strip())
        if m:
            s, p, o = m.groups()
            lit = LIT.match(o)
            g[s][p].append(unescape(lit.group(1)) if lit else o.strip("<>"))
    return g


def fg_facts(g):
    """(kind, begin, end, text, value) for every factgrep fact of the three kinds."""
    out = []
    for node, p in g.items():
        types = p.get(RDF + "type", [])
        kind = ("money" if SCHEMA + "MonetaryAmount" in types else
                "count" if SCHEMA + "QuantitativeValue" in types else
                "date" if TIME + "Instant" in types or TIME + "Interval" in types or
                FG + "UnresolvedDate" in types else None)
        if kind is None:
            continue
        value = (p.get(SCHEMA + "value") or p.get(SCHEMA + "minValue") or p.get(SCHEMA + "maxValue") or
                 p.get(TIME + "inXSDDate") or p.get(TIME + "inXSDgYearMonth") or p.get(TIME + "inXSDgYear") or
                 p.get(RDF + "value") or p.get(FG + "relativeValue") or [None])[0]
        if kind == "date" and value is None:
            b = p.get(TIME + "hasBeginning", [None])[0]
            e = p.get(TIME + "hasEnd", [None])[0]
            vb = [v for q in (TIME + "inXSDDate", RDF + "value", TIME + "inXSDgYear") for v in g[b].get(q, [])]
            ve = [v for q in (TIME + "inXSDDate", RDF + "value", TIME + "inXSDgYear") for v in g[e].get(q, [])]
            value = "%s..%s" % (vb[0] if vb else "?", ve[0] if ve else "?")
        for m in p.get(PROV + "wasDerivedFrom", []):
            out.append((kind, int(g[m][NIF + "beginIndex"][0]), int(g[m][NIF + "endIndex"][0]),
                        g[m][NIF + "anchorOf"][0], value))
    return out


def num_eq(a, b):
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, TypeError):
        return False


def same_date(ours, timex):
    """Our lexical value (or begin..end) against a timex (or a timex range)."""
    if not ours or not timex:
        return False
    m = re.match(r'^\(([^,]+),([^,]+),', timex)
    if m:
        timex = "%s..%s" % (m.group(1), m.group(2))
    return ours == re.sub(r'XXXX', '-', timex)


def overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


def main():
    rt = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    fg = fg_facts(load_nt(sys.argv[2]))
    fg_ms = float(sys.argv[3])
    timing = {r["model"]: r for r in rt if r.get("timing")}
    rt = [r for r in rt if not r.get("timing")]
    # factgrep's counts (69家企业) have no Recognizers-Text model; its dimension
    # model reads units of measure, so both are listed against each other.
    pairs = [("currency", "money"), ("number", None), ("dimension", "count"), ("datetime", "date")]
    print("time: Recognizers-Text %s; factgrep %.0f ms for everything (rules loaded, page extracted, written)"
          % (", ".join("%s %.0f ms" % (k, v["ms"]) for k, v in timing.items()), fg_ms))
    for model, kind in pairs:
        mine = [f for f in fg if kind is None or f[0] == kind]
        theirs = [r for r in rt if r["model"] == model]
        agree, rt_only, fg_only = [], [], []
        for r in theirs:
            span = (r["start"], r["end"])
            hit = [f for f in mine if overlap(span, (f[1], f[2]))]
            if model == "number":
                # A bare number agrees when factgrep read it inside any fact.
                (agree if hit else rt_only).append(r)
            elif any(num_eq(f[4], r["value"]) or same_date(f[4], r["value"]) for f in hit):
                agree.append(r)
            else:
                rt_only.append((r, hit))
        if model != "number":
            for f in mine:
                if not any(overlap((f[1], f[2]), (r["start"], r["end"])) for r in theirs):
                    fg_only.append(f)
        print("\n%s: Recognizers-Text %d, factgrep %d, agreeing %d"
              % (model, len(theirs), len(mine) if kind else len(fg), len(agree)))
        if model == "number":
            print("  numbers Recognizers-Text finds outside every factgrep fact: %d (factgrep reads a number "
                  "only as a count, an amount or a date)" % len(rt_only))
            for r in rt_only[:25]:
                print("    %5d %-12s %s" % (r["start"], r["text"], r["value"]))
            continue
        for r, hit in rt_only[:30]:
            print("  Recognizers-Text only: %5d %-14s %-28s factgrep: %s"
                  % (r["start"], r["text"], r["value"],
                     "; ".join("%s=%s" % (f[3], f[4]) for f in hit) or "nothing"))
        for f in fg_only[:30]:
            print("  factgrep only:         %5d %-14s %s" % (f[1], f[3], f[4]))
        if len(rt_only) > 30 or len(fg_only) > 30:
            print("  ... %d and %d in all" % (len(rt_only), len(fg_only)))


if __name__ == "__main__":
    main()
