#!/usr/bin/env python3
"""Compare two SPARQL 1.1 Query Results JSON files (for example factgrep's
embedded store and Oxigraph answering the same query over the same data).

    same-results.py [--query FILE.rq] [--order auto|check|ignore]
                    [--label NAME] A.json B.json

Exit 0 when the answers are the same, 1 when they differ (the differences are
printed), 2 on bad usage or a file that is not SPARQL JSON results.

What "the same" means:

* The head's variables must be the same list. (--allow-empty-head: a result
  with no rows may have an empty list; rasqal gives one, see --help.)
* ASK: the same boolean.
* SELECT: the same rows as a multiset (a row that comes twice must come twice
  in both). A row is a dict variable -> term; an unbound variable is absent.
* Terms are compared after normalising what a store may legitimately write
  differently:
  - a literal without datatype or language is the same as the literal typed
    xsd:string (RDF 1.1: they are one term);
  - numeric literals (xsd:integer and the types derived from it, such as
    xsd:nonNegativeInteger, xsd:decimal, xsd:double, xsd:float) compare by
    numeric value, whatever their datatype and lexical form: Oxigraph keeps
    "213000.0"^^xsd:decimal as "213000" and "12"^^xsd:nonNegativeInteger as
    "12"^^xsd:integer, rasqal keeps them as written;
  - xsd:boolean compares by value ("1" = "true");
  - language tags compare case-insensitively;
  - blank nodes compare equal to any blank node (their labels are local to a
    result; factgrep writes no blank nodes anyway).
* Order: with --order check, or --order auto (the default) when --query is
  given and the query has ORDER BY, the order is compared too, but only as
  far as ORDER BY defines it: the ORDER BY clause's variables that are
  projected are the sort key, and the two results must list the same keys in
  the same sequence. Rows whose keys tie may come in any order (SPARQL leaves
  it open), so two stores that break ties differently still agree. Without
  ORDER BY (or with --order ignore) only the multisets are compared.
"""

import argparse
import collections
import decimal
import json
import re
import sys

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in (
    "integer", "decimal", "double", "float",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "long", "int", "short", "byte",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
STRING = XSD + "string"
BOOLEAN = XSD + "boolean"


class BadInput(Exception):
    pass


def number(text):
    t = text.strip()
    special = {"INF": "Infinity", "+INF": "Infinity", "-INF": "-Infinity", "NaN": "NaN"}
    t = special.get(t, t)
    try:
        d = decimal.Decimal(t)
    except decimal.InvalidOperation:
        return None
    if d.is_nan():
        return "NaN"
    return d


def norm(term):
    """A hashable, comparable form of a SPARQL JSON term."""
    if not isinstance(term, dict) or "type" not in term:
        raise BadInput(f"not a SPARQL JSON term: {term!r}")
    kind = term["type"]
    value = term.get("value", "")
    if kind == "uri":
        return ("uri", value)
    if kind == "bnode":
        return ("bnode", "")
    if kind in ("literal", "typed-literal"):
        lang = term.get("xml:lang")
        if lang:
            return ("lang", value, lang.lower())
        dt = term.get("datatype") or STRING
        if dt == STRING:
            return ("str", value)
        if dt in NUMERIC:
            n = number(value)
            if n is not None:
                # Decimal('5E+4') == Decimal('50000.0'): normalise the key
                # so equal numbers hash alike.
                return ("num", n if isinstance(n, str) else n.normalize())
            return ("lit", value, dt)          # ill-typed: compare as written
        if dt == BOOLEAN and value.strip() in ("true", "false", "1", "0"):
            return ("bool", value.strip() in ("true", "1"))
        return ("lit", value, dt)
    if kind == "triple":
        v = term.get("value", {})
        return ("triple", norm(v.get("subject")), norm(v.get("predicate")), norm(v.get("object")))
    raise BadInput(f"unknown term type {kind!r}")


def show(n):
    kind = n[0]
    if kind == "uri":
        return f"<{n[1]}>"
    if kind == "bnode":
        return "_:b"
    if kind == "str":
        return json.dumps(n[1], ensure_ascii=False)
    if kind == "lang":
        return f"{json.dumps(n[1], ensure_ascii=False)}@{n[2]}"
    if kind == "num":
        return f"{n[1]} (number)"
    if kind == "bool":
        return "true" if n[1] else "false"
    if kind == "lit":
        return f"{json.dumps(n[1], ensure_ascii=False)}^^<{n[2]}>"
    return repr(n)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise BadInput(f"{path}: {e}")
    if not isinstance(data, dict) or "head" not in data:
        raise BadInput(f"{path}: not SPARQL JSON results (no head)")
    return data


def row_key(binding, variables):
    return tuple((v, norm(binding[v])) for v in variables if v in binding)


def show_row(key):
    if not key:
        return "(empty row)"
    return "  ".join(f"?{v}={show(t)}" for v, t in key)


def strip_query(text):
    """The query without comments and string literals (so that a '#' or an
    'ORDER BY' inside a string does not count)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == "<":
            # An IRI: keep it whole (it may hold '#').
            j = text.find(">", i)
            if j != -1 and not re.search(r"\s", text[i:j]):
                out.append("<iri>")
                i = j + 1
                continue
        if c in "\"'":
            q3 = text[i:i + 3]
            if q3 in ('"""', "'''"):
                j = text.find(q3, i + 3)
                i = n if j == -1 else j + 3
            else:
                j = i + 1
                while j < n and text[j] != c and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                i = j + 1
            out.append('""')
            continue
        out.append(c)
        i += 1
    return "".join(out)


def order_variables(query_text):
    """The variables of the ORDER BY clause, in order, or None."""
    q = strip_query(query_text)
    # The query's own ORDER BY: outside every { }, so not a sub-SELECT's.
    top, depth = [], 0
    for c in q:
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            top.append(c)
            continue
        top.append(" ")
    m = re.search(r"\bORDER\s+BY\b(.*)$", "".join(top), re.I | re.S)
    if not m:
        return None
    clause = re.split(r"\b(?:LIMIT|OFFSET|VALUES)\b", m.group(1), flags=re.I)[0]
    seen = []
    for v in re.findall(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)", clause):
        if v not in seen:
            seen.append(v)
    return seen


def compare(a, b, names, query_text, order_mode, allow_empty_head=False):
    problems = []
    ha = a["head"].get("vars", [])
    hb = b["head"].get("vars", [])
    if "boolean" in a or "boolean" in b:
        if a.get("boolean") != b.get("boolean"):
            problems.append(f"ASK: {names[0]} says {a.get('boolean')}, {names[1]} says {b.get('boolean')}")
        return problems, "boolean", []
    notes = []
    if ha != hb:
        rows_a0 = not a.get("results", {}).get("bindings")
        rows_b0 = not b.get("results", {}).get("bindings")
        if allow_empty_head and rows_a0 and rows_b0 and (ha == [] or hb == []):
            empty = names[0] if ha == [] else names[1]
            notes.append(f"note: {empty} gives no head vars for a result with no rows "
                         f"(SPARQL JSON lists them: {ha or hb})")
        else:
            problems.append(f"head vars differ: {names[0]} {ha}, {names[1]} {hb}")
    variables = ha if ha == hb else sorted(set(ha) | set(hb))
    try:
        rows_a = [row_key(r, variables) for r in a["results"]["bindings"]]
        rows_b = [row_key(r, variables) for r in b["results"]["bindings"]]
    except (KeyError, TypeError) as e:
        raise BadInput(f"not SPARQL JSON results: {e}")
    ca, cb = collections.Counter(rows_a), collections.Counter(rows_b)
    only_a = ca - cb
    only_b = cb - ca
    for key, count in sorted(only_a.items(), key=lambda kv: show_row(kv[0])):
        problems.append(f"only in {names[0]}{f' ({count}x)' if count > 1 else ''}: {show_row(key)}")
    for key, count in sorted(only_b.items(), key=lambda kv: show_row(kv[0])):
        problems.append(f"only in {names[1]}{f' ({count}x)' if count > 1 else ''}: {show_row(key)}")
    if len(rows_a) != len(rows_b):
        problems.append(f"row counts differ: {names[0]} {len(rows_a)}, {names[1]} {len(rows_b)}")

    order_note = "unordered"
    keys = None
    if order_mode != "ignore" and query_text is not None:
        keys = order_variables(query_text)
    if order_mode == "check" and keys is None:
        keys = list(variables)             # no ORDER BY: the whole row
    if keys is not None and not problems:
        usable = [v for v in keys if v in variables]
        hidden = [v for v in keys if v not in variables]
        order_note = "ORDER BY " + " ".join("?" + v for v in usable)
        if hidden:
            order_note += " (not projected, not checked: " + " ".join("?" + v for v in hidden) + ")"

        def sort_keys(rows):
            return [tuple(dict(r).get(v) for v in usable) for r in rows]
        sa, sb = sort_keys(rows_a), sort_keys(rows_b)
        for i, (ka, kb) in enumerate(zip(sa, sb)):
            if ka != kb:
                fmt = lambda k: "  ".join(f"?{v}={show(t) if t else '(unbound)'}" for v, t in zip(usable, k))
                problems.append(f"order differs at row {i + 1} ({order_note}): "
                                f"{names[0]} has {fmt(ka)}; {names[1]} has {fmt(kb)}")
                break
    return problems, f"{len(rows_a)} rows, {order_note}", notes


def main(argv):
    ap = argparse.ArgumentParser(description="Compare two SPARQL JSON results files.")
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--query", help="the query (.rq) the results answer: its ORDER BY is checked")
    ap.add_argument("--order", choices=("auto", "check", "ignore"), default="auto",
                    help="auto: check ORDER BY order when --query has one (default); "
                         "check: also compare the row order of queries without ORDER BY; "
                         "ignore: compare multisets only")
    ap.add_argument("--allow-empty-head", action="store_true",
                    help="accept an empty head.vars for a result with no rows (rasqal, and so "
                         "`factgrep query --format json`, writes one), with a note")
    ap.add_argument("--label", help="name to print (default: the query file)")
    ap.add_argument("--names", default=None, help="names of A and B, comma-separated")
    args = ap.parse_args(argv)
    names = args.names.split(",", 1) if args.names else [args.a, args.b]
    label = args.label or args.query or f"{args.a} vs {args.b}"
    try:
        query_text = None
        if args.query:
            with open(args.query, encoding="utf-8") as f:
                query_text = f.read()
        a, b = load(args.a), load(args.b)
        problems, summary, notes = compare(a, b, names, query_text, args.order,
                                           args.allow_empty_head)
    except (BadInput, OSError) as e:
        print(f"same-results: {e}", file=sys.stderr)
        return 2
    if problems:
        print(f"{label}: DIFFERENT")
        for p in problems:
            print(f"  {p}")
        return 1
    print(f"{label}: same ({summary})")
    for n in notes:
        print(f"  {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
