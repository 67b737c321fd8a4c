#!/usr/bin/env python3
"""check-html.py REPORT.html STATS.tsv SOORT-THEME.tsv POPULATION.tsv

Checks the per-theme tables of a vb report against the picture's stats.tsv,
with the disclosure rules of METHOD.md 9.2 re-implemented here (not taken
from vb): wijk and gemeente counts exact, buurt counts rounded to a multiple
of 5 (remainder 0-2 down, 3-4 up), rates rounded half away from zero to 1
decimal, and every published buurt cell allowed by D1-D3.  Numbers are read
as the reader sees them (Dutch: 1.234,5; English: 1,234.5)."""
import csv
import html.parser
import sys
from decimal import Decimal, ROUND_HALF_UP

report, stats_path, classes_path, pop_path = sys.argv[1:5]


def tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


class Rows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cur, self.cell, self.lang = [], None, None, "nl"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "nl")
        if tag == "tr" and "data-area" in a:
            self.cur = {"area": a["data-area"], "theme": a["data-theme"]}
        elif tag == "td" and self.cur is not None:
            cls = (a.get("class") or "").split()
            self.cell = next((c for c in cls if c not in ("n", "sym")), "name")
            self.cur[self.cell] = ""

    def handle_endtag(self, tag):
        if tag == "tr" and self.cur is not None:
            self.rows.append(self.cur)
            self.cur = None
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.cur is not None and self.cell is not None:
            self.cur[self.cell] += data


p = Rows()
with open(report, encoding="utf-8") as f:
    p.feed(f.read())
grp, dec = (".", ",") if p.lang == "nl" else (",", ".")


def shown(s):
    """The value as the reader sees it, back in C form; None for a symbol."""
    s = s.strip()
    if s in (".", "x", "-", "<5", ""):
        return None
    return s.replace(grp, "").replace(dec, ".")


cls = {}
for r in tsv(classes_path):
    cls.setdefault(r["theme"], set()).add(r["disc"])
    parent = r["theme"].split("/")[0]
    if parent != r["theme"]:
        cls.setdefault(parent, set()).add(r["disc"])
pop = {(r["period"], r["area"]): r for r in tsv(pop_path)}
stats = {(r["area"], r["theme"]): r for r in tsv(stats_path)}


def round5(c):
    return c - c % 5 + (5 if c % 5 >= 3 else 0)


errors, checked, published = [], 0, 0
for row in p.rows:
    s = stats.get((row["area"], row["theme"]))
    if s is None:
        errors.append("%s %s: in the report, not in stats.tsv" % (row["area"], row["theme"]))
        continue
    checked += 1
    level = s["level"]
    c = shown(row.get("count", ""))
    themecls = cls.get(row["theme"], {"A"})
    if s["count"] == "":
        if c is not None:
            errors.append("%s %s: count missing at source but shown" % (row["area"], row["theme"]))
        continue
    exact = int(s["count"])
    if c is None:
        # Hidden: acceptable, but a zero is shown as the nil symbol.
        if row.get("count", "").strip() == "-" and exact != 0:
            errors.append("%s %s: '-' for a non-zero count" % (row["area"], row["theme"]))
        continue
    published += 1
    if level == "buurt":
        pr = pop.get((s["period"], row["area"]))
        if pr and (int(pr["population"]) < 200 or int(pr["dwellings"]) < 50):
            errors.append("%s %s: D1 buurt published" % (row["area"], row["theme"]))
        if "S" in themecls:
            errors.append("%s %s: class S theme published at buurt level" % (row["area"], row["theme"]))
        if "B" in themecls and 1 <= exact <= 4:
            errors.append("%s %s: class B count 1-4 published" % (row["area"], row["theme"]))
        want = round5(exact)
    else:
        want = exact
    if int(c) != want:
        errors.append("%s %s: count %s, stats.tsv %d -> %d" % (row["area"], row["theme"], c, exact, want))
    rate = shown(row.get("rate", ""))
    if rate is not None and s["rate"] != "":
        if level == "buurt" and exact < 5:
            errors.append("%s %s: rate shown for count < 5" % (row["area"], row["theme"]))
        w = Decimal(s["rate"]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if Decimal(rate) != w:
            errors.append("%s %s: rate %s, stats.tsv %s -> %s" % (row["area"], row["theme"], rate, s["rate"], w))

for e in errors[:20]:
    print("check-html:", e)
print("check-html: %d rows checked, %d published, %d errors" % (checked, published, len(errors)))
if checked == 0 or published < checked // 3:
    print("check-html: too few rows checked or published")
    sys.exit(1)
sys.exit(1 if errors else 0)
