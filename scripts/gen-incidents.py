#!/usr/bin/env python3
"""gen-incidents.py -- synthetic incident and nuisance exports for Maastricht.

Writes, deterministically (seeded, standard library only, no network):

  sample-data/incident-soort.tsv        police incident code -> SoortMisdrijf,
                                        derived from the Description lists of
                                        reference/cbs-politie-metadata/SoortMisdrijf.csv
  sample-data/incidents/pc6hnr-maastricht-synthetic.csv
                                        a synthetic pc6hnr excerpt (FORMATS.md §4)
  sample-data/incidents/politie-2018.csv
                                        police export, Windows-1252, ';', CRLF,
                                        RD with decimal commas (FORMATS.md §6.2)
  sample-data/incidents/meldingen-2018.csv
                                        nuisance export, UTF-8, ';', CRLF,
                                        WGS84 lat/lon, some address-only rows (§6.3)
  sample-data/incidents/*.expected.tsv  the hidden answer: per export row the
                                        buurt, theme and period it must end in,
                                        or the reject code it must get
  sample-data/incidents/canary.csv and canary-meldingen.csv
                                        tiny exports with the sentinel address
                                        and registration number (QUALITY.md C1)

Points are drawn inside the real buurt polygons
(reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson) by
rejection sampling with an even-odd test written here, at least MARGIN metres
from every buurt edge so that no point is near a boundary.  WGS84 positions
come from the RD -> WGS84 approximation of Schreutelkamp and Strang van Hees,
implemented here independently of lib/geo.c.  Every address, street and
registration number is invented.
"""

import csv
import io
import json
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "sample-data")
OUT = os.path.join(DATA, "incidents")
SEED = 20180101
MARGIN = 15.0           # metres from any buurt edge
GAP_MARGIN = 300.0      # "gap" points: this far from every buurt

# Sentinels of QUALITY.md C1.
CANARY_STREET = "Kanariestraat"
CANARY_NUMBER = "999"
CANARY_POSTCODE = "9999 ZZ"
CANARY_PLACE = "Nergenshuizen"
CANARY_ID = "KANARIE-0000-SENTINEL"
CANARY_MELDING = "MKANARIE-SENTINEL"


def load_buurten():
    path = os.path.join(DATA, "reference", "cartomap-buurt-2018",
                        "buurt_2018_maastricht_rd_DERIVED.geojson")
    with open(path, encoding="utf-8") as fp:
        gj = json.load(fp)
    out = []
    for f in gj["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        rings = [ring for poly in polys for ring in poly]
        out.append((f["properties"]["statcode"], f["properties"]["statnaam"],
                    rings))
    out.sort()
    return out


def inside(rings, x, y):
    """Even-odd rule over all rings."""
    c = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            x1, y1 = ring[i]
            x2, y2 = ring[(i + 1) % n]
            if (y1 > y) != (y2 > y):
                xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                if x < xc:
                    c = not c
    return c


def seg_dist(px, py, x1, y1, x2, y2):
    dx, dy = x2 - x1, y2 - y1
    d2 = dx * dx + dy * dy
    t = 0.0 if d2 == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / d2))
    return math.hypot(px - x1 - t * dx, py - y1 - t * dy)


def edge_dist(rings, x, y):
    best = float("inf")
    for ring in rings:
        n = len(ring)
        for i in range(n):
            x1, y1 = ring[i]
            x2, y2 = ring[(i + 1) % n]
            best = min(best, seg_dist(x, y, x1, y1, x2, y2))
    return best


def bbox(rings):
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return min(xs), min(ys), max(xs), max(ys)


def rd_to_wgs84(x, y):
    """Schreutelkamp & Strang van Hees, RD -> WGS84 (degrees)."""
    dx = (x - 155000.0) * 1e-5
    dy = (y - 463000.0) * 1e-5
    k = [(0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750),
         (2, 1, -0.84978), (0, 3, -0.06550), (2, 2, -0.01709),
         (1, 0, -0.00738), (4, 0, 0.00530), (2, 3, -0.00039),
         (4, 1, 0.00033), (1, 1, -0.00012)]
    l = [(1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656),
         (3, 0, -0.81885), (1, 3, 0.05594), (3, 1, -0.05607),
         (0, 1, 0.01199), (3, 2, -0.00256), (1, 4, 0.00128),
         (0, 2, 0.00022), (2, 0, -0.00022), (5, 0, 0.00026)]
    lat = 52.15517440 + sum(c * dx ** p * dy ** q for p, q, c in k) / 3600
    lon = 5.38720621 + sum(c * dx ** p * dy ** q for p, q, c in l) / 3600
    return lat, lon


class Map:
    def __init__(self, rng):
        self.rng = rng
        self.buurten = load_buurten()
        self.code = {b[0]: b for b in self.buurten}
        allr = [r for b in self.buurten for r in b[2]]
        self.box = bbox(allr)

    def point_in(self, code):
        rings = self.code[code][2]
        x0, y0, x1, y1 = bbox(rings)
        while True:
            x = round(self.rng.uniform(x0, x1), 1)
            y = round(self.rng.uniform(y0, y1), 1)
            if not inside(rings, x, y) or edge_dist(rings, x, y) < MARGIN:
                continue
            # No other buurt may hold it (generalised polygons overlap).
            if any(inside(b[2], x, y) for b in self.buurten if b[0] != code):
                continue
            return x, y

    def gap_point(self):
        """Inside the extent of the areas, in none of them, far from all."""
        x0, y0, x1, y1 = self.box
        while True:
            x = round(self.rng.uniform(x0 + 10, x1 - 10), 1)
            y = round(self.rng.uniform(y0 + 10, y1 - 10), 1)
            if any(inside(b[2], x, y) for b in self.buurten):
                continue
            if min(edge_dist(b[2], x, y) for b in self.buurten) < GAP_MARGIN:
                continue
            return x, y


def read_soorten():
    """SoortMisdrijf.csv -> [(soort, [(code, title)])] and the themes."""
    path = os.path.join(DATA, "reference", "cbs-politie-metadata",
                        "SoortMisdrijf.csv")
    with open(path, encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp))
    out = []
    for r in rows:
        soort = r["Key"].strip()
        codes = []
        for line in (r["Description"] or "").replace("\r", "\n").split("\n"):
            line = line.strip()
            if not line or line.startswith("("):
                continue
            code, _, title = line.partition(" ")
            if (len(code) >= 3 and code[0] in "ABCDFLM"
                    and code[1:].isdigit() and 2 <= len(code) - 1 <= 4):
                codes.append((code, title.strip()))
        out.append((soort, codes))
    themes = {}
    with open(os.path.join(DATA, "soort-theme.tsv"), encoding="utf-8") as fp:
        for r in csv.DictReader(fp, delimiter="\t"):
            themes[r["soort"]] = r["theme"]
    return out, themes


def write_incident_soort(soorten):
    rows = [(code, soort, title) for soort, codes in soorten
            for code, title in codes]
    distinct = {c for c, _, _ in rows}
    assert len(distinct) == 216, len(distinct)
    dup = sorted(c for c in distinct if sum(1 for r in rows if r[0] == c) > 1)
    assert dup == ["F614"], dup
    with open(os.path.join(DATA, "incident-soort.tsv"), "w",
              encoding="utf-8", newline="\n") as fp:
        fp.write("incidentcode\tsoort\ttitle\n")
        for code, soort, title in rows:
            fp.write(f"{code}\t{soort}\t{title}\n")
    return rows


# Meldingen: Signalen-style (hoofdcategorie, subcategorie) -> theme.
MELDING_CATS = [
    ("Overlast van en door personen of groepen", "Jongerenoverlast", "3.1", 14),
    ("Overlast van en door personen of groepen", "Drank- / drugsoverlast", "1.1", 8),
    ("Overlast van en door personen of groepen", "Overlast door verward persoon", "1.1", 5),
    ("Overlast van en door personen of groepen", "Overlast door zwervers", "1.1", 4),
    ("Overlast Bedrijven en Horeca", "Geluidsoverlast muziek horeca", "2.3", 9),
    ("Overlast Bedrijven en Horeca", "Overlast terrassen", "2.3", 3),
    ("Overlast Bedrijven en Horeca", "Evenementen", "2.4", 3),
    ("Overlast in de openbare ruimte", "Geluidsoverlast buren", "1.1", 7),
    ("Overlast in de openbare ruimte", "Vuurwerkoverlast", "1.2", 4),
    ("Overlast in de openbare ruimte", "Parkeeroverlast", "1.2", 8),
    ("Overlast in de openbare ruimte", "Fietswrak", "1.2", 5),
    ("Afval", "Zwerfafval", "1.2", 12),
    ("Afval", "Illegaal dumpen", "1.2", 6),
    ("Wegen, verkeer, straatmeubilair", "Verkeersoverlast / verkeerssituaties", "4.1", 6),
    ("Openbaar groen en water", "Graffiti / vernieling", "1.2", 6),
]


def write_melding_theme():
    with open(os.path.join(DATA, "meldingen-theme.tsv"), "w",
              encoding="utf-8", newline="\n") as fp:
        fp.write("subcategorie\thoofdcategorie\ttheme\n")
        for main, sub, theme, _ in MELDING_CATS:
            fp.write(f"{sub}\t{main}\t{theme}\n")


STREET_PARTS = ["straat", "weg", "laan", "plein", "singel", "steeg", "pad"]


class Pc6:
    """The synthetic pc6hnr excerpt: 3 PC6 per buurt (numbers 1-30), a PC6
    split 20:5 over two buurten (majority fallback) and one split 4:4 (tie:
    ambiguous)."""

    def __init__(self, m, rng):
        self.rows = []          # (pc6, number, buurt)
        self.by_buurt = {}
        self.street = {}
        letters = [a + b for a in "ABCDEGHJKLMNPRSTVWX" for b in "ABCDEGHJKLMNPRSTVWX"]
        i = 0
        for code, name, _ in m.buurten:
            wijk = int(code[6:8])
            pc4 = 6211 + wijk * 3 + (int(code[8:10]) % 3)
            pcs = []
            for j in range(3):
                pc = f"{pc4}{letters[i]}"
                i += 1
                pcs.append(pc)
                self.street[pc] = name.replace(" ", "").replace("-", "") + \
                    STREET_PARTS[(i + j) % len(STREET_PARTS)]
                for nr in range(1, 31):
                    self.rows.append((pc, nr, code))
            self.by_buurt[code] = pcs
        self.split_pc = "6229XA"
        self.split_major, self.split_minor = "BU09350600", "BU09350601"
        for nr in range(1, 21):
            self.rows.append((self.split_pc, nr, self.split_major))
        for nr in range(21, 26):
            self.rows.append((self.split_pc, nr, self.split_minor))
        self.tie_pc = "6229XB"
        for nr in range(1, 5):
            self.rows.append((self.tie_pc, nr, "BU09350600"))
        for nr in range(5, 9):
            self.rows.append((self.tie_pc, nr, "BU09350602"))
        self.street[self.split_pc] = "Randwyckerweg"
        self.street[self.tie_pc] = "Heugemerpad"
        self.exact = {(pc, nr): b for pc, nr, b in self.rows}

    def write(self, path):
        with open(path, "w", encoding="ascii", newline="") as fp:
            fp.write("PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018\r\n")
            for pc, nr, b in sorted(self.rows):
                fp.write(f"{pc};{nr};{b[2:]};{b[2:8]};{b[2:6]}\r\n")


def fmt_pc(rng, pc):
    """Postcode as exports write it: 1234AB, 1234 AB or 1234ab."""
    r = rng.random()
    if r < 0.6:
        return pc
    if r < 0.85:
        return pc[:4] + " " + pc[4:]
    return pc.lower()


def house_number(rng, nr):
    """(huisnummer, huisletter, toevoeging) with the usual mess in the
    huisnummer field itself."""
    r = rng.random()
    if r < 0.70:
        return str(nr), "", ""
    if r < 0.76:
        return f"{nr}-A", "", ""
    if r < 0.82:
        return f"{nr} bis", "", ""
    if r < 0.88:
        return f"{nr}hs", "", ""
    if r < 0.94:
        return str(nr), "B", ""
    return str(nr), "", "2"


def month_date(rng):
    m = rng.choices(range(1, 13), weights=[9, 8, 8, 8, 9, 9, 8, 8, 9, 10, 11, 12])[0]
    d = rng.randint(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return 2018, m, d


def weights_for(m):
    """Buurt weights: more in the centre and the dense west and north-east."""
    heavy = {"BU09350000": 12, "BU09350006": 8, "BU09350201": 5,
             "BU09350207": 5, "BU09350404": 4, "BU09350402": 4,
             "BU09350403": 4, "BU09350600": 3}
    return [heavy.get(b[0], 1.5) for b in m.buurten]


def gen_politie(m, pc6, soorten, themes, rng, n=1500):
    codes = [(s, c) for s, cs in soorten for c, _ in cs if c != "F614"]
    common = {"1.1.1": 10, "1.2.3": 14, "1.2.1": 8, "2.2.1": 9, "1.4.5": 7,
              "2.5.2": 6, "1.4.4": 4, "1.2.4": 4, "3.5.5": 3, "1.6.2": 3}
    cw = [common.get(s, 0.15) for s, _ in codes]
    bw = weights_for(m)
    header = ["registratienummer", "pleegdatum_begin", "pleegtijd_begin",
              "pleegdatum_eind", "pleegtijd_eind", "incidentcode",
              "incidentomschrijving", "straat", "huisnummer", "huisletter",
              "huisnummertoevoeging", "postcode", "plaats", "x_rd", "y_rd"]
    titles = {c: t for s, cs in soorten for c, t in cs}
    rows, answers = [], []

    def comma(v):
        return f"{v:.1f}".replace(".", ",")

    for i in range(n):
        rid = f"PL1800-2018{i + 1:06d}"
        buurt = rng.choices(m.buurten, weights=bw)[0][0]
        y, mo, d = month_date(rng)
        soort, code = rng.choices(codes, weights=cw)[0]
        theme = themes[soort]
        date = f"{d:02d}-{mo:02d}-{y}"
        t = f"{rng.randint(0, 23):02d}:{rng.choice(['00', '15', '30', '45'])}"
        rec = {"registratienummer": rid, "pleegdatum_begin": date,
               "pleegtijd_begin": t, "pleegdatum_eind": "", "pleegtijd_eind": "",
               "incidentcode": code, "incidentomschrijving": titles[code],
               "straat": "", "huisnummer": "", "huisletter": "",
               "huisnummertoevoeging": "", "postcode": "", "plaats": "Maastricht",
               "x_rd": "", "y_rd": ""}
        if soort == "1.1.1":
            rec["pleegdatum_eind"] = date
            rec["pleegtijd_eind"] = "07:30"
        ans = {"buurt": buurt, "theme": theme, "period": f"{y}-{mo:02d}",
               "code": ""}
        r = rng.random()
        if r < 0.78:
            x, yy = m.point_in(buurt)
            rec["x_rd"], rec["y_rd"] = comma(x), comma(yy)
            if rng.random() < 0.3:
                pc = rng.choice(pc6.by_buurt[buurt])
                rec["postcode"] = fmt_pc(rng, pc)
                rec["straat"] = pc6.street[pc]
                (rec["huisnummer"], rec["huisletter"],
                 rec["huisnummertoevoeging"]) = house_number(rng, rng.randint(1, 30))
        elif r < 0.90:
            pc = rng.choice(pc6.by_buurt[buurt])
            rec["postcode"] = fmt_pc(rng, pc)
            rec["straat"] = pc6.street[pc]
            (rec["huisnummer"], rec["huisletter"],
             rec["huisnummertoevoeging"]) = house_number(rng, rng.randint(1, 30))
        elif r < 0.92:
            # Unknown number: the PC6's majority buurt.
            pc = rng.choice(pc6.by_buurt[buurt])
            rec["postcode"] = fmt_pc(rng, pc)
            rec["straat"] = pc6.street[pc]
            rec["huisnummer"] = str(rng.randint(31, 400))
        elif r < 0.93:
            nr = rng.randint(1, 25)
            rec["postcode"] = pc6.split_pc
            rec["straat"] = pc6.street[pc6.split_pc]
            rec["huisnummer"] = str(nr)
            ans["buurt"] = pc6.exact[(pc6.split_pc, nr)]
        elif r < 0.935:
            rec["postcode"] = pc6.split_pc
            rec["straat"] = pc6.street[pc6.split_pc]
            ans["buurt"] = pc6.split_major
        elif r < 0.94:
            rec["postcode"] = pc6.tie_pc
            rec["straat"] = pc6.street[pc6.tie_pc]
            rec["huisnummer"] = str(rng.randint(40, 90))
            ans = {"code": "geocode-ambiguous"}
        elif r < 0.955:
            ans = {"code": "geocode-no-match/no-location"}
        elif r < 0.97:
            x, yy = m.point_in(buurt)
            rec["x_rd"], rec["y_rd"] = comma(yy), comma(x)
            ans = {"code": "geocode-outside-area/swapped"}
        elif r < 0.98:
            x = round(rng.uniform(184000, 190000), 1)
            yy = round(rng.uniform(314000, 322000), 1)
            rec["x_rd"], rec["y_rd"] = comma(x), comma(yy)
            rec["plaats"] = "Valkenburg"
            ans = {"code": "geocode-outside-area"}
        elif r < 0.985:
            x, yy = m.gap_point()
            rec["x_rd"], rec["y_rd"] = comma(x), comma(yy)
            ans = {"code": "geocode-no-match"}
        elif r < 0.99:
            rec["postcode"] = "62" + rng.choice(["1", "2"]) + " " + "1AB"
            rec["huisnummer"] = "5"
            ans = {"code": "constraint-error/pattern"}
        else:
            rec["postcode"] = "6230ZZ"
            rec["huisnummer"] = "1"
            ans = {"code": "geocode-no-match/postcode"}
        rows.append(rec)
        answers.append(ans)
    # Code mess after the location: unknown codes, F614, bad dates, and
    # rows delivered twice.  Only rows that geocode are touched, so that
    # each row has exactly one reason.
    good = [i for i, a in enumerate(answers) if a["code"] == ""]
    picks = rng.sample(good, 14)
    for i in picks[:4]:
        rows[i]["incidentcode"] = rng.choice(["Z99", "A999", "F9999"])
        rows[i]["incidentomschrijving"] = "Onbekend"
        answers[i] = {"code": "foreign-key"}
    for i in picks[4:7]:
        rows[i]["incidentcode"] = "F614"
        rows[i]["incidentomschrijving"] = "Fraude met betaalproducten"
        answers[i] = {"code": "foreign-key/ambiguous"}
    for i in picks[7:9]:
        rows[i]["pleegdatum_begin"] = "31-02-2018"
        answers[i] = {"code": "type-error/date"}
    for i in picks[9:11]:
        rows[i]["pleegdatum_begin"] = ""
        answers[i] = {"code": "constraint-error/required"}
    dups = sorted(picks[11:14])
    out_rows, out_ans = [], []
    for i, (rec, a) in enumerate(zip(rows, answers)):
        out_rows.append(rec)
        out_ans.append(a)
        if i in dups:
            out_rows.append(dict(rec))
            out_ans.append({"code": "unique-error"})
    return header, out_rows, out_ans


def gen_meldingen(m, pc6, rng, n=1000):
    header = ["melding_id", "datum_melding", "tijd_melding", "hoofdcategorie",
              "subcategorie", "straat", "huisnummer", "postcode", "plaats",
              "lat", "lon"]
    bw = weights_for(m)
    rows, answers = [], []
    for i in range(n):
        mid = f"M2018-{i + 1:06d}"
        buurt = rng.choices(m.buurten, weights=bw)[0][0]
        y, mo, d = month_date(rng)
        main, sub, theme, _ = rng.choices(MELDING_CATS,
                                          weights=[c[3] for c in MELDING_CATS])[0]
        rec = {"melding_id": mid, "datum_melding": f"{y}-{mo:02d}-{d:02d}",
               "tijd_melding": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
               "hoofdcategorie": main, "subcategorie": sub, "straat": "",
               "huisnummer": "", "postcode": "", "plaats": "Maastricht",
               "lat": "", "lon": ""}
        ans = {"buurt": buurt, "theme": theme, "period": f"{y}-{mo:02d}",
               "code": ""}
        r = rng.random()
        if r < 0.80:
            x, yy = m.point_in(buurt)
            lat, lon = rd_to_wgs84(x, yy)
            rec["lat"], rec["lon"] = f"{lat:.6f}", f"{lon:.6f}"
        elif r < 0.92:
            pc = rng.choice(pc6.by_buurt[buurt])
            rec["postcode"] = fmt_pc(rng, pc)
            rec["straat"] = pc6.street[pc]
            nr, letter, toev = house_number(rng, rng.randint(1, 30))
            rec["huisnummer"] = nr + (letter or "") + (("-" + toev) if toev else "")
        elif r < 0.94:
            pc = rng.choice(pc6.by_buurt[buurt])
            rec["postcode"] = fmt_pc(rng, pc)
            rec["straat"] = pc6.street[pc]
        elif r < 0.955:
            ans = {"code": "geocode-no-match/no-location"}
        elif r < 0.975:
            x, yy = m.point_in(buurt)
            lat, lon = rd_to_wgs84(x, yy)
            rec["lat"], rec["lon"] = f"{lon:.6f}", f"{lat:.6f}"
            ans = {"code": "geocode-outside-area/swapped"}
        elif r < 0.99:
            # Heerlen, Sittard, Valkenburg: inside the country, not the city.
            lat, lon = rng.choice([(50.8882, 5.9795), (50.9983, 5.8667),
                                   (50.8650, 5.8320)])
            rec["lat"], rec["lon"] = f"{lat:.6f}", f"{lon:.6f}"
            rec["plaats"] = "Elders"
            ans = {"code": "geocode-outside-area"}
        else:
            x, yy = m.point_in(buurt)
            lat, lon = rd_to_wgs84(x, yy)
            rec["lat"] = f"{lat:.6f}".replace(".", ",")
            rec["lon"] = f"{lon:.6f}".replace(".", ",")
            ans = {"code": "type-error/decimal-comma"}
        rows.append(rec)
        answers.append(ans)
    good = [i for i, a in enumerate(answers) if a["code"] == ""]
    for i in rng.sample(good, 5):
        rows[i]["subcategorie"] = "Overige meldingen"
        answers[i] = {"code": "foreign-key"}
    return header, rows, answers


def write_csv(path, header, rows, encoding, delim=";"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n",
                   quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow([r[h] for h in header])
    with open(path, "w", encoding=encoding, newline="") as fp:
        fp.write(buf.getvalue())


def write_expected(path, answers):
    """line (physical line of the row in the export), then either the buurt,
    wijk, gemeente, theme and period it must be counted under, or the
    reject code it must get."""
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        fp.write("line\tbuurt\twijk\tgemeente\ttheme\tperiod\treject\n")
        for i, a in enumerate(answers):
            if a["code"]:
                fp.write(f"{i + 2}\t\t\t\t\t\t{a['code']}\n")
            else:
                b = a["buurt"]
                fp.write(f"{i + 2}\t{b}\tWK{b[2:8]}\tGM{b[2:6]}\t"
                         f"{a['theme']}\t{a['period']}\t\n")


def write_canaries():
    """One export per layout with the sentinel address and registration
    number, mixed with ordinary rows, some of which are rejected."""
    h, rows = None, []
    base = {"pleegdatum_begin": "05-03-2018", "pleegtijd_begin": "22:15",
            "pleegdatum_eind": "", "pleegtijd_eind": "",
            "incidentcode": "A20",
            "incidentomschrijving": "Gekwal. Diefstal in/uit woning",
            "huisletter": "", "huisnummertoevoeging": "", "plaats": "Maastricht",
            "x_rd": "", "y_rd": ""}
    rows.append(dict(base, registratienummer="PL1800-2018900001",
                     straat="Boschstraat", huisnummer="1", postcode="6211AA",
                     x_rd="176500,0", y_rd="317800,0"))
    rows.append(dict(base, registratienummer=CANARY_ID, straat=CANARY_STREET,
                     huisnummer=CANARY_NUMBER, postcode=CANARY_POSTCODE,
                     plaats=CANARY_PLACE))
    rows.append(dict(base, registratienummer=CANARY_ID, straat=CANARY_STREET,
                     huisnummer=CANARY_NUMBER, postcode=CANARY_POSTCODE,
                     plaats=CANARY_PLACE, x_rd="176500,0", y_rd="317800,0"))
    rows.append(dict(base, registratienummer=CANARY_ID + "-2",
                     straat=CANARY_STREET, huisnummer=CANARY_NUMBER + "-ZZ",
                     postcode="9999ZZZ", plaats=CANARY_PLACE,
                     incidentcode="F614"))
    rows.append(dict(base, registratienummer=CANARY_ID + "-3",
                     straat=CANARY_STREET, huisnummer=CANARY_NUMBER,
                     postcode=CANARY_POSTCODE, plaats=CANARY_PLACE,
                     x_rd="317800,0", y_rd="176500,0"))
    h = ["registratienummer", "pleegdatum_begin", "pleegtijd_begin",
         "pleegdatum_eind", "pleegtijd_eind", "incidentcode",
         "incidentomschrijving", "straat", "huisnummer", "huisletter",
         "huisnummertoevoeging", "postcode", "plaats", "x_rd", "y_rd"]
    write_csv(os.path.join(OUT, "canary.csv"), h, rows, "cp1252")
    mh = ["melding_id", "datum_melding", "tijd_melding", "hoofdcategorie",
          "subcategorie", "straat", "huisnummer", "postcode", "plaats",
          "lat", "lon"]
    mb = {"datum_melding": "2018-03-05", "tijd_melding": "23:40",
          "hoofdcategorie": "Afval", "subcategorie": "Zwerfafval",
          "plaats": CANARY_PLACE, "lat": "", "lon": ""}
    mrows = [
        dict(mb, melding_id=CANARY_MELDING, straat=CANARY_STREET,
             huisnummer=CANARY_NUMBER, postcode=CANARY_POSTCODE),
        dict(mb, melding_id=CANARY_MELDING, straat=CANARY_STREET,
             huisnummer=CANARY_NUMBER + " bis", postcode="9999 Z Z"),
        dict(mb, melding_id=CANARY_MELDING + "-2", straat=CANARY_STREET,
             huisnummer=CANARY_NUMBER, postcode=CANARY_POSTCODE,
             lat="50.849000", lon="5.690500"),
        dict(mb, melding_id="M2018-900001", straat="Markt", huisnummer="1",
             postcode="", plaats="Maastricht", lat="50.851000",
             lon="5.691000"),
    ]
    write_csv(os.path.join(OUT, "canary-meldingen.csv"), mh, mrows, "utf-8")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(SEED)
    m = Map(rng)
    soorten, themes = read_soorten()
    write_incident_soort(soorten)
    write_melding_theme()
    pc6 = Pc6(m, rng)
    pc6.write(os.path.join(OUT, "pc6hnr-maastricht-synthetic.csv"))
    h, rows, ans = gen_politie(m, pc6, soorten, themes, rng)
    write_csv(os.path.join(OUT, "politie-2018.csv"), h, rows, "cp1252")
    write_expected(os.path.join(OUT, "politie-2018.expected.tsv"), ans)
    h, rows, ans = gen_meldingen(m, pc6, rng)
    write_csv(os.path.join(OUT, "meldingen-2018.csv"), h, rows, "utf-8")
    write_expected(os.path.join(OUT, "meldingen-2018.expected.tsv"), ans)
    write_canaries()
    return 0


if __name__ == "__main__":
    sys.exit(main())
