#!/usr/bin/env python3
"""Checks who takes part in the extracted events against gold, which the
scorer does not look at (it matches events by name only).

usage: participants.py --gold-dir DIR --ttl-dir DIR [--min-precision P] [--min-recall R] [--show]

For each DIR/NAME.gold.jsonl, reads TTL-DIR/NAME.ttl through `rapper`, as
score.py does. A gold event that is not optional is matched to the extracted
events whose name holds its name or an alias (or is held in it, from four
characters), as score.py matches them. Recall: of the gold participants whose
verb is one the rules give (出席 参加 主持 讲话 致辞 发言 作报告), the share
found with that verb. Precision: of the extracted (person, verb) pairs, the
share that some gold event of the text lists (another verb for the same
person, such as 观摩 for 参加观摩, counts as wrong). Prints both and exits 1
below either bar.
"""
import argparse
import glob
import json
import os
import sys

from orgs import RDF_TYPE, read_graph, unescape

S = "http://schema.org/"
VERBS = {"出席", "参加", "主持", "讲话", "致辞", "发言", "作报告"}


def events(ttl):
    graph = read_graph(ttl)
    out = {}
    for s, props in graph.items():
        if "<" + S + "Event>" not in props.get(RDF_TYPE, []) or S + "name" not in props:
            continue
        parts = set()
        for role in props.get(S + "attendee", []):
            r = graph.get(role, {})
            if S + "attendee" in r and S + "roleName" in r:
                who = graph.get(r[S + "attendee"][0], {}).get(S + "name")
                if who:
                    parts.add((unescape(who[0]), unescape(r[S + "roleName"][0])))
        out[unescape(props[S + "name"][0])] = parts
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--ttl-dir", required=True)
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--min-recall", type=float, default=0.7)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    gold_n = found = ours_n = right = 0
    for gold in sorted(glob.glob(os.path.join(a.gold_dir, "*.gold.jsonl"))):
        name = os.path.basename(gold)[:-len(".gold.jsonl")]
        ours = events(os.path.join(a.ttl_dir, name + ".ttl"))
        listed = set()
        for line in open(gold, encoding="utf-8"):
            g = json.loads(line)
            if g["type"] != "event":
                continue
            listed |= {tuple(p) for p in g["participants"]}
            if g["optional"]:
                continue
            names = [g["name"]] + g.get("aliases", [])
            mine = set()
            for n, parts in ours.items():
                if any(x in n or (len(n) >= 4 and n in x) for x in names):
                    mine |= parts
            for person, verb in g["participants"]:
                if verb not in VERBS:
                    continue
                gold_n += 1
                if (person, verb) in mine:
                    found += 1
                elif a.show:
                    print("%s: missed %s %s (%s)" % (name, person, verb, g["name"]))
        for n, parts in ours.items():
            for p in parts:
                ours_n += 1
                if p in listed:
                    right += 1
                elif a.show:
                    print("%s: not in gold %s %s (%s)" % (name, p[0], p[1], n))
    precision = right / ours_n if ours_n else 1.0
    recall = found / gold_n if gold_n else 1.0
    print("participants: precision %.3f (%d of %d), recall %.3f (%d of %d)"
          % (precision, right, ours_n, recall, found, gold_n))
    sys.exit(1 if precision < a.min_precision or recall < a.min_recall else 0)


if __name__ == "__main__":
    main()
