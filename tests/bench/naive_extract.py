#!/usr/bin/env python3
"""A straightforward baseline for tests/bench/bench-extract.sh: what one
would write in an afternoon with Python's re module (stdlib only). A few
regexes -- title + name, counts with a measure word, money, dates -- each
match written as N-Triples with its span. No overlap resolution, no
ontology, no date normalisation beyond the digits written, no audit: it
shows what plain regex scanning costs in Python, not what factgrep finds.

usage: naive_extract.py [--base IRI] FILE [OUT.nt]     ('-' is stdin/stdout)
"""
import os
import re
import sys

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
EX = "http://naive.example/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Common surnames and generic office titles: a general vocabulary, nothing
# taken from any particular text.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
            "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
TITLES = ("书记", "副书记", "主任", "副主任", "局长", "副局长", "院长", "副院长", "市长", "副市长", "区长",
          "副区长", "县长", "副县长", "镇长", "主席", "副主席", "校长", "副校长", "总经理", "董事长", "庭长",
          "部长", "处长", "科长", "委员", "记者", "通讯员", "审判员", "法官", "教练", "队长")
TITLE = "|".join(sorted(TITLES, key=len, reverse=True))

DIGITS = r"[0-9０-９]+(?:\.[0-9]+)?"
CN_NUM = r"[零〇一二两三四五六七八九十百千]+"
PATTERNS = [
    # 院长张三 / 记者/李四
    ("Role", re.compile(r"(?P<title>%s)[/／、]?(?P<name>[%s][\u4e00-\u9fff]{1,2})(?=[，。、；：,（(\s说表介指强主出讲]|$)"
                        % (TITLE, SURNAMES))),
    # 860万元, 2.3亿元, 500元
    ("Money", re.compile(r"(?P<value>%s)(?P<scale>[万亿]?)(?P<unit>元|美元|欧元)" % DIGITS)),
    # 42名, 8个, 1600余起, 十余家
    ("Count", re.compile(r"(?P<value>%s|%s)(?:余|多)?(?P<unit>[名个人家件起场次项所位户辆台套座条批])" % (DIGITS, CN_NUM))),
    # 2024年7月18日, 7月18日, 2024年3月
    ("Date", re.compile(r"(?:(?P<y>(?:19|20)[0-9]{2})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12][0-9]|0?[1-9])[日号])?")),
]


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def typed(s, dt):
    return "%s^^<%s%s>" % (lit(s), XSD, dt)


def extract(doc_iri, text, write):
    n = 0
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            s = "<%s#%s-%d-%d>" % (doc_iri, kind.lower(), m.start(), m.end())
            write("%s <%stype> <%s%s> .\n" % (s, RDF, EX, kind))
            write("%s <%slabel> %s .\n" % (s, RDFS, lit(m.group(0))))
            write("%s <%sbegin> %s .\n" % (s, EX, typed(str(m.start()), "nonNegativeInteger")))
            write("%s <%send> %s .\n" % (s, EX, typed(str(m.end()), "nonNegativeInteger")))
            write("%s <%sdoc> <%s> .\n" % (s, EX, doc_iri))
            g = m.groupdict()
            if kind == "Role":
                write("%s <%stitle> %s .\n" % (s, EX, lit(g["title"])))
                write("%s <%sname> %s .\n" % (s, EX, lit(g["name"])))
            elif kind in ("Money", "Count"):
                write("%s <%svalue> %s .\n" % (s, EX, lit(g["value"])))
                write("%s <%sunit> %s .\n" % (s, EX, lit(g.get("scale", "") + g["unit"])))
            else:
                iso = "-".join(x for x in (g["y"], g["m"] and g["m"].zfill(2), g["d"] and g["d"].zfill(2)) if x)
                write("%s <%sdate> %s .\n" % (s, EX, lit(iso)))
            n += 1
    return n


def main(argv):
    base = "http://naive.example/"
    if len(argv) >= 2 and argv[0] == "--base":
        base, argv = argv[1], argv[2:]
    if not 1 <= len(argv) <= 2:
        sys.exit(__doc__.strip())
    src = argv[0]
    if src == "-":
        text = sys.stdin.buffer.read().decode("utf-8")
        name = "stdin"
    else:
        with open(src, encoding="utf-8") as f:
            text = f.read()
        name = os.path.splitext(os.path.basename(src))[0]
    dst = argv[1] if len(argv) == 2 else "-"
    out = sys.stdout if dst == "-" else open(dst, "w", encoding="utf-8", newline="\n")
    doc = base + "doc/" + name
    out.write("<%s> <%stype> <%sDocument> .\n" % (doc, RDF, EX))
    n = extract(doc, text, out.write)
    if out is not sys.stdout:
        out.close()
    print("naive: %d matches, %d characters" % (n, len(text)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
