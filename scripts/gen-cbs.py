#!/usr/bin/env python3
"""gen-cbs.py -- write a SYNTHETIC CBS/Politie crime drop for Maastricht 2014-2018.

Writes, under sample-data/cbs/:
  47022NED_maastricht_2014-2018.csv.gz   monthly table (gzip, mtime 0)
  47018NED_maastricht_2014-2018.csv      yearly table
      cbsodataR-style CSV (FORMATS.md 1.3): header
      "ID","SoortMisdrijf","WijkenEnBuurten","Perioden","GeregistreerdeMisdrijven_1",
      codes quoted and padded (6 / 10 characters), CRLF, an empty value for a
      suppressed cell; 59 codes x 52 areas x every period, codes outermost.
  47022NED_Perioden.csv, 47018NED_Perioden.csv
      the Perioden dimension (FORMATS.md 2.5 layout) with 2018 "Voorlopig".
  47018NED_statline_symbols.csv
      a few yearly rows in StatLine style: preamble "Bron: CBS / Politie",
      ';' separated, symbols '.', 'x', '-' in the value column.

Reads (run from the project root, after scripts/gen-population.py):
  sample-data/reference/cbs-politie-metadata/SoortMisdrijf.csv (the 59 codes)
  sample-data/areas.tsv, sample-data/population.tsv           (areas, weights)
  sample-data/soort-theme.tsv                                  (checked only)

The numbers are invented, only their magnitudes are realistic: yearly totals
per code (CODES below), a spatial profile per code over synthetic buurt
attributes (BUURT_ATTR) and a monthly seasonality.  Each crime of a code and
year is placed in one (month, buurt) cell by a seeded draw, so buurten sum
to their wijk, wijken to the gemeente, and the yearly table is the sum of the
12 months cell by cell.  0.0.0 is the sum of all 58 codes (true values).
Quirks: in the monthly table 1.4.1, 3.2.1, 3.2.2, 3.7.3 are empty everywhere
(still counted in 0.0.0) and a few other cells are empty (SPARSE_EMPTY);
3.9.1 is 0 before 2016; 2018 is provisional in the Perioden files.
Python 3 standard library only; same seed -> same bytes.
"""

import csv
import gzip
import io
import math
import os
import random
import sys

SEED = 20141231
REF = os.environ.get("VB_REFERENCE", "sample-data/reference")
DATA = "sample-data"
OUTDIR = os.path.join(DATA, "cbs")
YEARS = list(range(2014, 2019))
PROVISIONAL = {2018}

# Codes whose monthly cells are empty (suppressed) in every month and area.
MONTHLY_SUPPRESSED = ("1.4.1", "3.2.1", "3.2.2", "3.7.3")

# code -> (profile, season, yearly totals 2014..2018 or (base 2014, trend)).
# A tuple of 5 ints is used as is; (base, trend) gives a Poisson draw around
# base * trend ** (year - 2014).
CODES = {
	"1.1.1": ("res", "dark", (953, 826, 705, 561, 424)),
	"1.1.2": ("res", "dark", (270, 0.93)),
	"1.2.1": ("veh", "dark", (900, 0.93)),
	"1.2.2": ("veh", "flat", (105, 0.95)),
	"1.2.3": ("fiets", "student", (2250, 0.96)),
	"1.2.4": ("pick", "xmas", (460, 0.90)),
	"1.2.5": ("veh", "summer", (85, 0.96)),
	"1.3.1": ("traffic", "flat", (310, 0.99)),
	"1.4.1": ("sev", "flat", (68, 1.03)),
	"1.4.2": ("sev", "flat", (3, 1.0)),
	"1.4.3": ("street", "carnival", (62, 0.97)),
	"1.4.4": ("viol", "flat", (330, 0.99)),
	"1.4.5": ("viol", "carnival", (800, 0.99)),
	"1.4.6": ("street", "dark", (72, 0.90)),
	"1.4.7": ("overval", "dark", (22, 0.90)),
	"1.5.2": ("biz", "summer", (9, 1.0)),
	"1.6.1": ("vandal", "newyear", (105, 1.0)),
	"1.6.2": ("prop", "flat", (760, 0.97)),
	"1.6.3": ("sev", "flat", (4, 1.0)),
	"2.1.1": ("street", "summer", (42, 0.97)),
	"2.2.1": ("vandal", "newyear", (1600, 0.965)),
	"2.4.1": ("home", "flat", (28, 0.98)),
	"2.4.2": ("home", "flat", (82, 0.98)),
	"2.5.1": ("biz", "dark", (440, 0.93)),
	"2.5.2": ("shop", "xmas", (960, 0.97)),
	"2.6.1": ("biz", "flat", (9, 1.0)),
	"2.6.2": ("biz", "flat", (3, 1.0)),
	"2.6.3": ("biz", "flat", (2, 1.0)),
	"2.6.4": ("biz", "flat", (24, 1.0)),
	"2.6.5": ("biz", "flat", (1, 1.0)),
	"2.6.7": ("biz", "flat", (0.6, 1.0)),
	"2.6.8": ("biz", "flat", (1, 1.0)),
	"2.6.9": ("vandal", "fireworks", (30, 1.0)),
	"2.6.10": ("biz", "flat", (0.4, 1.0)),
	"2.6.11": ("biz", "summer", (7, 1.0)),
	"2.6.12": ("biz", "flat", (1, 1.0)),
	"2.6.13": ("resid", "flat", (14, 1.0)),
	"2.6.14": ("biz", "flat", (1, 1.0)),
	"2.7.2": ("biz", "flat", (24, 1.0)),
	"2.7.3": ("resid", "flat", (48, 1.0)),
	"3.1.1": ("drugs", "flat", (285, 0.97)),
	"3.1.2": ("biz", "flat", (3, 1.0)),
	"3.1.3": ("drugs", "flat", (88, 1.0)),
	"3.2.1": ("sev", "flat", (12, 1.1)),
	"3.2.2": ("sev", "flat", (1, 1.0)),
	"3.3.2": ("traffic", "flat", (0.2, 1.0)),
	"3.3.5": ("traffic", "flat", (0.8, 1.0)),
	"3.4.2": ("traffic", "summer", (0.8, 1.0)),
	"3.5.2": ("traffic", "carnival", (245, 0.98)),
	"3.5.5": ("traffic", "flat", (300, 0.97)),
	"3.6.4": ("street", "carnival", (215, 0.98)),
	"3.7.1": ("home", "flat", (15, 1.0)),
	"3.7.2": ("centre", "flat", (20, 1.0)),
	"3.7.3": ("home", "flat", (200, 1.0)),
	"3.7.4": ("resid", "flat", (40, 1.30)),
	"3.9.1": ("resid", "flat", (0, 0, 310, 390, 460)),
	"3.9.2": ("resid", "flat", (10, 1.0)),
	"3.9.3": ("resid", "flat", (92, 1.02)),
}

# Spatial profiles: mixture of component shares over the 44 buurten.
# P population, D dwellings, XP population x deprivation, XD dwellings x
# deprivation, C visitors (centre), S shops, N nightlife, I industry.
PROFILES = {
	"res": {"XD": 0.85, "C": 0.15},
	"veh": {"P": 0.5, "C": 0.25, "I": 0.25},
	"fiets": {"P": 0.35, "C": 0.45, "S": 0.1, "N": 0.1},
	"pick": {"C": 0.6, "S": 0.25, "N": 0.15},
	"viol": {"XP": 0.55, "N": 0.3, "C": 0.15},
	"street": {"N": 0.5, "C": 0.3, "XP": 0.2},
	"sev": {"XP": 0.7, "C": 0.3},
	"overval": {"S": 0.6, "XP": 0.4},
	"shop": {"S": 0.85, "C": 0.15},
	"biz": {"I": 0.6, "S": 0.4},
	"vandal": {"XP": 0.5, "C": 0.2, "N": 0.2, "I": 0.1},
	"home": {"XP": 0.9, "P": 0.1},
	"drugs": {"C": 0.35, "XP": 0.45, "N": 0.2},
	"traffic": {"P": 0.5, "C": 0.2, "I": 0.3},
	"resid": {"P": 1.0},
	"centre": {"C": 0.7, "P": 0.3},
	"prop": {"P": 0.5, "C": 0.3, "S": 0.2},
}

# Synthetic buurt attributes: visitors C, shops S, nightlife N, industry I,
# deprivation d (multiplies population / dwellings).  Centre (Binnenstad,
# Wyck) dominates; deprived west (Mariaberg, Malberg) and north-east
# (Limmel, Wittevrouwenveld, Nazareth) buurten come next; Beatrixhaven and
# Bosscherveld are industrial.
BUURT_ATTR = {
	"BU09350000": (10, 10, 10, 0.2, 1.1),	# Binnenstad
	"BU09350001": (3, 2, 2, 0, 0.8),	# Jekerkwartier
	"BU09350002": (2, 1, 1, 0, 0.9),	# Kommelkwartier
	"BU09350003": (2, 1.5, 1, 0, 0.9),	# Statenkwartier
	"BU09350004": (3, 2, 2, 0.3, 1.1),	# Boschstraatkwartier
	"BU09350005": (2, 2, 1, 0.2, 1.0),	# Sint Maartenspoort
	"BU09350006": (6, 5, 6, 0.2, 1.0),	# Wyck
	"BU09350100": (0.2, 0.1, 0, 0, 0.6),	# Villapark
	"BU09350101": (0.3, 0, 0, 0, 0.6),	# Jekerdal
	"BU09350102": (0.1, 0.2, 0, 0, 0.8),	# Biesland
	"BU09350103": (0.2, 0.3, 0, 0, 0.8),	# Campagne
	"BU09350104": (0.2, 0.4, 0.1, 0, 0.7),	# Wolder
	"BU09350105": (0.8, 0.3, 0.2, 0.5, 0.8),	# Sint Pieter
	"BU09350200": (1.0, 3, 0.3, 0.2, 1.2),	# Brusselsepoort
	"BU09350201": (0.3, 0.8, 0.2, 0, 1.6),	# Mariaberg
	"BU09350202": (0.2, 0.5, 0.1, 0, 1.2),	# Belfort
	"BU09350203": (0.2, 0.4, 0.1, 0, 1.3),	# Pottenberg
	"BU09350204": (0.2, 0.5, 0.1, 0, 1.3),	# Malpertuis
	"BU09350205": (0.3, 0.8, 0.1, 0.3, 1.3),	# Caberg
	"BU09350206": (0.1, 0.2, 0, 0.3, 1.0),	# Oud-Caberg
	"BU09350207": (0.4, 1.0, 0.2, 0.2, 1.6),	# Malberg
	"BU09350208": (0.6, 0.5, 0.1, 0.5, 0.9),	# Dousberg-Hazendans
	"BU09350209": (0.3, 0.8, 0.1, 0, 1.0),	# Daalhof
	"BU09350300": (0.3, 0.2, 0.2, 1.0, 1.3),	# Boschpoort
	"BU09350301": (0.4, 0.5, 0, 4, 1.0),	# Bosscherveld
	"BU09350302": (0.5, 0.5, 0.5, 1.0, 1.5),	# Frontenkwartier
	"BU09350303": (0.4, 0.2, 0.2, 1.5, 1.0),	# Belvedere
	"BU09350304": (0.2, 0.2, 0, 1.0, 1.0),	# Lanakerveld
	"BU09350400": (0.5, 1.0, 0.3, 0.3, 1.3),	# Wyckerpoort
	"BU09350401": (0.4, 0.8, 0.2, 0.8, 1.2),	# Heugemerveld
	"BU09350402": (0.4, 0.8, 0.2, 0.2, 1.6),	# Wittevrouwenveld
	"BU09350403": (0.3, 0.4, 0.1, 0.3, 1.5),	# Nazareth
	"BU09350404": (0.3, 0.4, 0.1, 0.5, 1.6),	# Limmel
	"BU09350405": (0.3, 0.8, 0.1, 0.2, 0.8),	# Scharn
	"BU09350406": (0.3, 0.8, 0.1, 0.2, 0.8),	# Amby
	"BU09350500": (0.8, 1.5, 0, 6, 1.0),	# Beatrixhaven
	"BU09350501": (0.2, 0.2, 0.1, 0.3, 0.8),	# Borgharen
	"BU09350502": (0.1, 0.1, 0, 0.2, 0.8),	# Itteren
	"BU09350503": (0.3, 0.2, 0, 0.5, 1.0),	# Meerssenhoven
	"BU09350600": (2.5, 1.0, 0.8, 1.5, 1.0),	# Randwyck
	"BU09350601": (0.2, 0.3, 0.1, 0.5, 0.9),	# Heugem
	"BU09350602": (0.3, 1.0, 0.1, 0.1, 0.9),	# Heer
	"BU09350603": (0.3, 0.8, 0.1, 0, 1.0),	# De Heeg
	"BU09350604": (0.1, 0.1, 0, 0, 0.6),	# Vroendaal
}

# Monthly seasonality (January..December), multiplied by days per month.
SEASONS = {
	"flat": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
	"dark": (1.25, 1.05, 0.95, 0.85, 0.8, 0.75, 0.8, 0.85, 0.9, 1.15,
	    1.3, 1.35),
	"student": (0.8, 0.75, 0.85, 0.95, 1.05, 1.05, 0.9, 0.95, 1.3, 1.25,
	    1.1, 0.9),
	"xmas": (0.9, 0.8, 0.85, 0.95, 1.0, 1.0, 1.05, 1.05, 0.95, 0.95,
	    1.1, 1.45),
	"carnival": (0.95, 1.3, 1.05, 1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 0.95,
	    0.9, 0.95),
	"summer": (0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.25, 1.2, 1.05, 0.95,
	    0.85, 0.8),
	"newyear": (1.45, 0.9, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 0.95, 0.95,
	    0.95, 1.2),
	"fireworks": (3.0, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3,
	    0.8, 6.0),
}
DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# A few more monthly cells left empty: (code, area, "YYYYMMnn").  The true
# value still counts in the wijk, gemeente, 0.0.0 and the yearly table.
SPARSE_EMPTY = (
	("1.4.2", "BU09350000", "2016MM07"),
	("1.4.2", "GM0935", "2017MM03"),
	("1.4.7", "BU09350207", "2015MM11"),
	("1.4.7", "WK093502", "2015MM11"),
	("1.6.3", "BU09350006", "2018MM02"),
	("3.1.2", "BU09350500", "2014MM09"),
	("2.6.2", "BU09350301", "2017MM05"),
	("1.4.6", "BU09350402", "2016MM12"),
	("3.9.2", "BU09350405", "2018MM10"),
	("2.4.1", "BU09350201", "2014MM01"),
)

# Rows of the StatLine-symbols variant: (code, area, year, symbol or None).
# None writes the true yearly value; '-' is only used where it is 0.
SYMBOL_ROWS = (
	("0.0.0", "GM0935", 2018, None),
	("1.1.1", "GM0935", 2018, None),
	("1.1.1", "WK093500", 2018, None),
	("1.1.1", "BU09350000", 2018, None),
	("1.4.2", "BU09350000", 2018, "x"),
	("1.4.1", "BU09350500", 2018, "x"),
	("3.9.1", "GM0935", 2015, "-"),
	("2.6.10", "BU09350604", 2018, "-"),
	("3.7.4", "BU09350301", 2018, "."),
	("2.5.2", "BU09350000", 2018, None),
)


def die(msg):
	sys.exit("gen-cbs: " + msg)


def read_codes():
	"""The 59 SoortMisdrijf keys (unpadded) in reference order."""
	path = os.path.join(REF, "cbs-politie-metadata", "SoortMisdrijf.csv")
	with open(path, newline="", encoding="utf-8") as f:
		codes = [r["Key"].rstrip(" ") for r in csv.DictReader(f)]
	if len(codes) != 59 or codes[0] != "0.0.0":
		die("unexpected SoortMisdrijf.csv: %d codes" % len(codes))
	if sorted(codes[1:]) != sorted(CODES):
		die("CODES differs from SoortMisdrijf.csv")
	return codes


def read_tsv(path):
	with open(path, encoding="utf-8", newline="\n") as f:
		lines = f.read().split("\n")
	head = lines[0].split("\t")
	return [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln]


def check_theme_table(codes):
	"""soort-theme.tsv must list the same codes in the same order."""
	path = os.path.join(DATA, "soort-theme.tsv")
	if not os.path.exists(path):
		return
	got = [r["soort"] for r in read_tsv(path)]
	if got != codes:
		die("%s: codes differ from SoortMisdrijf.csv" % path)


def shares(values):
	s = float(sum(values))
	return [v / s for v in values]


def buurt_weights(buurten, pop, dw):
	"""Per profile, the probability of each buurt."""
	P = [pop[b] for b in buurten]
	D = [dw[b] for b in buurten]
	comp = {
		"P": shares(P),
		"D": shares(D),
		"XP": shares([p * BUURT_ATTR[b][4] ** 2
		    for p, b in zip(P, buurten)]),
		"XD": shares([d * BUURT_ATTR[b][4] ** 2
		    for d, b in zip(D, buurten)]),
		"C": shares([BUURT_ATTR[b][0] for b in buurten]),
		"S": shares([BUURT_ATTR[b][1] for b in buurten]),
		"N": shares([BUURT_ATTR[b][2] for b in buurten]),
		"I": shares([BUURT_ATTR[b][3] for b in buurten]),
	}
	out = {}
	for name, mix in PROFILES.items():
		w = [0.0] * len(buurten)
		for c, k in sorted(mix.items()):
			w = [a + k * s for a, s in zip(w, comp[c])]
		out[name] = w
	return out


def cumulative(weights):
	out, acc = [], 0.0
	for w in weights:
		acc += w
		out.append(acc)
	return out


def pick(rng, cum):
	"""Index drawn from cumulative weights (own bisect: stable across
	Python versions)."""
	u = rng.random() * cum[-1]
	lo, hi = 0, len(cum) - 1
	while lo < hi:
		mid = (lo + hi) // 2
		if u < cum[mid]:
			hi = mid
		else:
			lo = mid + 1
	return lo


def poisson(rng, mu):
	if mu <= 0:
		return 0
	if mu < 60:
		limit, k, p = math.exp(-mu), 0, 1.0
		while True:
			p *= rng.random()
			if p <= limit:
				return k
			k += 1
	u1, u2 = rng.random(), rng.random()
	z = math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2 * math.pi * u2)
	return max(0, int(round(mu + math.sqrt(mu) * z)))


def yearly_totals(rng, spec):
	if len(spec) == len(YEARS):
		return list(spec)
	base, trend = spec
	return [poisson(rng, base * trend ** i) for i in range(len(YEARS))]


def pad(s, n):
	return '"' + s.ljust(n) + '"'


def main():
	codes = read_codes()
	check_theme_table(codes)
	areas = read_tsv(os.path.join(DATA, "areas.tsv"))
	region = [a["area"] for a in areas]
	parent = {a["area"]: a["parent"] for a in areas}
	level = {a["area"]: a["level"] for a in areas}
	buurten = [a for a in region if level[a] == "buurt"]
	gm = [a for a in region if level[a] == "gemeente"]
	if len(gm) != 1 or len(buurten) != 44 or len(region) != 52:
		die("unexpected areas.tsv")
	gm = gm[0]
	if sorted(buurten) != sorted(BUURT_ATTR):
		die("BUURT_ATTR differs from areas.tsv")
	pop, dw = {}, {}
	for r in read_tsv(os.path.join(DATA, "population.tsv")):
		if r["period"] == "2018":
			pop[r["area"]] = int(r["population"])
			dw[r["area"]] = int(r["dwellings"])
	bw = buurt_weights(buurten, pop, dw)
	bcum = {k: cumulative(v) for k, v in bw.items()}

	months = ["%dMM%02d" % (y, m) for y in YEARS for m in range(1, 13)]
	mindex = {p: i for i, p in enumerate(months)}
	rindex = {a: i for i, a in enumerate(region)}
	# true[code][region index][month index]
	true = {c: [[0] * len(months) for _ in region] for c in codes}
	rng = random.Random(SEED)
	for c in codes[1:]:
		prof, season, spec = CODES[c]
		tot = yearly_totals(rng, spec)
		mcum = cumulative([s * d for s, d in zip(SEASONS[season], DAYS)])
		for yi, n in enumerate(tot):
			for _ in range(n):
				m = yi * 12 + pick(rng, mcum)
				b = buurten[pick(rng, bcum[prof])]
				w = parent[b]
				for a in (b, w, gm):
					true[c][rindex[a]][m] += 1
	for ri in range(len(region)):
		for mi in range(len(months)):
			true["0.0.0"][ri][mi] = sum(true[c][ri][mi]
			    for c in codes[1:])

	empty = set()
	for c in MONTHLY_SUPPRESSED:
		for ri in range(len(region)):
			for mi in range(len(months)):
				empty.add((c, ri, mi))
	for c, a, p in SPARSE_EMPTY:
		empty.add((c, rindex[a], mindex[p]))

	os.makedirs(OUTDIR, exist_ok=True)
	head = ('"ID","SoortMisdrijf","WijkenEnBuurten","Perioden",'
	    '"GeregistreerdeMisdrijven_1"\r\n')
	# IDs as in a national table: codes outermost, then 18,119 regions
	# (Maastricht at a fixed offset), periods innermost.
	nreg, regoff = 18119, 9107

	def rid(ci, ri, pi, nper):
		return (ci * nreg + regoff + ri) * nper + pi

	# Monthly table (periods 2012MM01..2024MM12 in the virtual national
	# table, so 2014MM01 has index 24).
	buf = io.StringIO()
	buf.write(head)
	nmon = 0
	for ci, c in enumerate(codes):
		for ri, a in enumerate(region):
			for mi, p in enumerate(months):
				v = "" if (c, ri, mi) in empty else \
				    str(true[c][ri][mi])
				buf.write("%d,%s,%s,\"%s\",%s\r\n" % (
				    rid(ci, ri, 24 + mi, 156), pad(c, 6),
				    pad(a, 10), p, v))
				nmon += 1
	mpath = os.path.join(OUTDIR, "47022NED_maastricht_2014-2018.csv.gz")
	with open(mpath, "wb") as f:
		with gzip.GzipFile(filename="", mode="wb", fileobj=f,
		    compresslevel=9, mtime=0) as g:
			g.write(buf.getvalue().encode("utf-8"))

	# Yearly table: sum of the 12 true monthly values (2012JJ00.. in the
	# virtual national table, so 2014JJ00 has index 2).
	year = {c: [[sum(true[c][ri][yi * 12:yi * 12 + 12])
	    for yi in range(len(YEARS))] for ri in range(len(region))]
	    for c in codes}
	ypath = os.path.join(OUTDIR, "47018NED_maastricht_2014-2018.csv")
	nyr = 0
	with open(ypath, "w", encoding="utf-8", newline="") as f:
		f.write(head)
		for ci, c in enumerate(codes):
			for ri, a in enumerate(region):
				for yi, y in enumerate(YEARS):
					f.write("%d,%s,%s,\"%dJJ00\",%d\r\n" % (
					    rid(ci, ri, 2 + yi, 13), pad(c, 6),
					    pad(a, 10), y, year[c][ri][yi]))
					nyr += 1

	# Perioden dimension lists (FORMATS.md 2.5 layout, CRLF).
	mnames = ("januari", "februari", "maart", "april", "mei", "juni",
	    "juli", "augustus", "september", "oktober", "november",
	    "december")

	def status(y):
		if y in PROVISIONAL:
			return '"Voorlopige cijfers","Voorlopig"'
		return '"","Definitief"'

	pm = os.path.join(OUTDIR, "47022NED_Perioden.csv")
	with open(pm, "w", encoding="utf-8", newline="") as f:
		f.write('"Key","Title","Description","Status"\r\n')
		for y in YEARS:
			for m in range(12):
				f.write('"%dMM%02d","%d %s",%s\r\n' % (
				    y, m + 1, y, mnames[m], status(y)))
	py = os.path.join(OUTDIR, "47018NED_Perioden.csv")
	with open(py, "w", encoding="utf-8", newline="") as f:
		f.write('"Key","Title","Description","Status"\r\n')
		for y in YEARS:
			f.write('"%dJJ00","%d",%s\r\n' % (y, y, status(y)))

	# StatLine-style variant with symbols.
	spath = os.path.join(OUTDIR, "47018NED_statline_symbols.csv")
	with open(spath, "w", encoding="utf-8", newline="") as f:
		f.write("Bron: CBS / Politie\r\n")
		f.write(head.replace(",", ";"))
		for c, a, y, sym in SYMBOL_ROWS:
			ci, ri, yi = codes.index(c), rindex[a], YEARS.index(y)
			v = year[c][ri][yi]
			if sym == "-" and v != 0:
				die("symbol '-' on non-zero cell %s %s %d" %
				    (c, a, y))
			f.write("%d;%s;%s;\"%dJJ00\";%s\r\n" % (
			    rid(ci, ri, 2 + yi, 13), pad(c, 6), pad(a, 10), y,
			    sym if sym else str(v)))

	gi = rindex[gm]
	print("gen-cbs: seed %d" % SEED)
	print("gen-cbs: wrote %s (%d rows + header, %d empty cells)" %
	    (mpath, nmon, len(empty)))
	print("gen-cbs: wrote %s (%d rows + header)" % (ypath, nyr))
	print("gen-cbs: wrote %s (%d rows + header)" % (pm, 12 * len(YEARS)))
	print("gen-cbs: wrote %s (%d rows + header)" % (py, len(YEARS)))
	print("gen-cbs: wrote %s (%d rows + preamble + header)" %
	    (spath, len(SYMBOL_ROWS)))
	for yi, y in enumerate(YEARS):
		print("gen-cbs: %d GM0935 0.0.0 = %d, 1.1.1 = %d%s" % (y,
		    year["0.0.0"][gi][yi], year["1.1.1"][gi][yi],
		    " (provisional)" if y in PROVISIONAL else ""))


if __name__ == "__main__":
	main()
