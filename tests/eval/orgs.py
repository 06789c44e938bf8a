#!/usr/bin/env python3
"""Checks the organisations of extracted role facts against gold, which the
scorer does not look at.

usage: orgs.py --gold-dir DIR --ttl-dir DIR [--max-disagree F] [--show]

For each DIR/NAME.gold.jsonl, reads TTL-DIR/NAME.ttl through `rapper`
(raptor2-utils), as score.py does, so it shares no code with the extractor.
A gold role is compared when an extracted org:Membership has its person and
its title (or one of its alts, or the extracted organisation + title is an
alt). It agrees when the extracted organisation is the gold's, a tail of it
(区商务局 for 青山区商务局), or absent where the gold has none; several
memberships for the same mention agree if one does. One fault fails at any
rate: an organisation holding a preposition, 的, 了, 着 or 兼 (仪式由市商务局: the
words before the organisation swallowed), which no organisation name holds. Prints
the disagreements and a last line "orgs: N compared, D disagree (P%)"; exits
1 if D/N exceeds --max-disagree (default 0.05) or a swallowed organisation
is found.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ORG = "http://www.w3.org/ns/org#"
NAMES = ("http://schema.org/name", "https://schema.org/name",
         "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label")
TRIPLE = re.compile(r'^(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@\S+)?) \.$')
SWALLOWED = re.compile(r"[据在由受被请让的了着兼]")


def unescape(lit):
    body = lit[1:lit.rindex('"')]
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)",
                  lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                  else {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(3), m.group(3)), body)


def read_graph(ttl):
    """The Turtle file as read by rapper: {subject: {predicate: [objects]}},
    terms as N-Triples writes them (<iri>, _:b, "literal")."""
    nt = subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", ttl],
                        capture_output=True, text=True, check=True).stdout
    graph = {}
    for line in nt.splitlines():
        m = TRIPLE.match(line)
        if m:
            s, p, o = m.groups()
            graph.setdefault(s, {}).setdefault(p, []).append(o)
    return graph


def memberships(ttl):
    graph = read_graph(ttl)

    def label(node):
        props = graph.get(node, {})
        for k in NAMES:
            if k in props:
                return unescape(props[k][0])
        return None

    out = []
    for s, props in graph.items():
        if "<" + ORG + "Membership>" not in props.get(RDF_TYPE, []):
            continue
        org = props.get(ORG + "organization")
        out.append((label(props[ORG + "member"][0]), label(props[ORG + "role"][0]),
                    label(org[0]) if org else None))
    return out


def agrees(ours, gold_org, titles):
    if ours is None:
        return gold_org is None
    if gold_org is not None and (ours == gold_org or gold_org.endswith(ours)):
        return True
    return any(t.startswith(ours) and t != ours for t in titles)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--ttl-dir", required=True)
    ap.add_argument("--max-disagree", type=float, default=0.05)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    compared = disagree = 0
    swallowed = []
    for gold in sorted(glob.glob(os.path.join(a.gold_dir, "*.gold.jsonl"))):
        name = os.path.basename(gold)[:-len(".gold.jsonl")]
        ours = memberships(os.path.join(a.ttl_dir, name + ".ttl"))
        swallowed += ["%s: %s" % (name, o) for _, _, o in ours if o and SWALLOWED.search(o)]
        for line in open(gold, encoding="utf-8"):
            g = json.loads(line)
            if g["type"] != "role":
                continue
            titles = [g["title"]] + g.get("alts", [])
            cands = [o for p, t, o in ours if p == g["person"] and
                     (t in titles or (o is not None and o + t in titles))]
            if not cands:
                continue
            compared += 1
            if not any(agrees(o, g.get("org"), titles) for o in cands):
                disagree += 1
                if a.show:
                    print("%s: %s %s: gold %s, extracted %s" % (name, g["person"], g["title"],
                                                                g.get("org"), sorted(set(map(str, cands)))))
    for s in swallowed:
        print("swallowed organisation:", s)
    rate = disagree / compared if compared else 0.0
    print("orgs: %d compared, %d disagree (%.1f%%)" % (compared, disagree, 100 * rate))
    sys.exit(1 if rate > a.max_disagree or swallowed else 0)


if __name__ == "__main__":
    main()
