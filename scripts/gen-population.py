#!/usr/bin/env python3
"""gen-population.py -- write sample-data/areas.tsv and sample-data/population.tsv.

areas.tsv        area name level parent gemeente
                 from sample-data/reference/cbs-politie-metadata/
                 WijkenEnBuurten_maastricht.csv
                 (real codes and names, CBS / Politie).
population.tsv   period area population dwellings, 2014..2018, GM0935, 7 wijken,
                 44 buurten.  Partly real, partly SYNTHETIC:
  - wijk 2018 = the real KWB 2022 values (CBS 85318NED via tmap, FORMATS.md 3.2:
    population = AantalInwoners_5, dwellings = Woningvoorraad_34);
  - wijk 2014..2017 = the 2018 value with a fixed per-wijk yearly drift
    (WIJK_DRIFT below), population rounded to a multiple of 5;
  - buurt values = SYNTHETIC split of each wijk by the fixed weights in BUURTEN
    (population rounded to multiples of 5, so the buurten of a wijk sum to it
    within +-5; dwellings split exactly, largest remainder);
  - gemeente = sum of the wijken + GM_OFFSET[year] (2018: +1, as 121,151 vs
    121,150 in the reference); dwellings = exact sum.
Deterministic: no randomness at all.  Run from the project root:
    python3 scripts/gen-population.py
"""

import csv
import os
import sys

REF = os.environ.get("VB_REFERENCE", "sample-data/reference")
OUT = "sample-data"
YEARS = range(2014, 2019)

# Real KWB 2022 wijk values (FORMATS.md 3.2), used as the 2018 values.
WIJK_2018 = {
	"WK093500": (20235, 12816),
	"WK093501": (9105, 4595),
	"WK093502": (35940, 18074),
	"WK093503": (2130, 1024),
	"WK093504": (30235, 14978),
	"WK093505": (2690, 1314),
	"WK093506": (20815, 10476),
}

# Yearly growth rates (population, dwellings) per wijk; a year y < 2018 gets
# value_2018 * (1 + r) ** (y - 2018).  Synthetic, small, documented.
WIJK_DRIFT = {
	"WK093500": (0.006, 0.008),
	"WK093501": (-0.002, 0.002),
	"WK093502": (-0.004, 0.001),
	"WK093503": (0.015, 0.012),
	"WK093504": (0.000, 0.003),
	"WK093505": (-0.003, 0.001),
	"WK093506": (0.003, 0.005),
}

# Gemeente population minus the sum of its (rounded) wijken.
GM_OFFSET = {2014: -2, 2015: 3, 2016: 1, 2017: -1, 2018: 1}

# SYNTHETIC buurt weights: (relative population, dwellings per inhabitant).
# The relative populations are rough guesses, not CBS figures.  Beatrixhaven
# and Bosscherveld are industrial areas; Belvedere is a redevelopment area;
# Meerssenhoven gets few dwellings (institutional housing), so that the
# disclosure rule D1 (METHOD.md 9.2) has buurten to merge.
BUURTEN = {
	"BU09350000": (5200, 0.66), "BU09350001": (2300, 0.62),
	"BU09350002": (1700, 0.64), "BU09350003": (2600, 0.63),
	"BU09350004": (1600, 0.64), "BU09350005": (2900, 0.62),
	"BU09350006": (3935, 0.65),
	"BU09350100": (1250, 0.45), "BU09350101": (700, 0.47),
	"BU09350102": (1600, 0.50), "BU09350103": (1500, 0.50),
	"BU09350104": (2300, 0.49), "BU09350105": (1755, 0.54),
	"BU09350200": (3100, 0.55), "BU09350201": (3400, 0.52),
	"BU09350202": (2300, 0.50), "BU09350203": (2600, 0.50),
	"BU09350204": (2400, 0.50), "BU09350205": (3300, 0.49),
	"BU09350206": (1400, 0.46), "BU09350207": (6200, 0.51),
	"BU09350208": (4300, 0.48), "BU09350209": (6940, 0.49),
	"BU09350300": (520, 0.50), "BU09350301": (40, 0.42),
	"BU09350302": (1000, 0.48), "BU09350303": (175, 0.50),
	"BU09350304": (395, 0.45),
	"BU09350400": (3700, 0.52), "BU09350401": (2900, 0.51),
	"BU09350402": (3600, 0.51), "BU09350403": (2500, 0.49),
	"BU09350404": (1900, 0.50), "BU09350405": (7300, 0.48),
	"BU09350406": (8335, 0.46),
	"BU09350500": (15, 0.40), "BU09350501": (1700, 0.50),
	"BU09350502": (715, 0.50), "BU09350503": (260, 0.17),
	"BU09350600": (2100, 0.75), "BU09350601": (2400, 0.49),
	"BU09350602": (6800, 0.49), "BU09350603": (6300, 0.50),
	"BU09350604": (3215, 0.45),
}


def read_areas():
	"""Return [(area, name, level, parent, gemeente)] in reference order."""
	path = os.path.join(REF, "cbs-politie-metadata",
	    "WijkenEnBuurten_maastricht.csv")
	out = []
	wijk = None
	with open(path, newline="", encoding="utf-8") as f:
		for row in csv.DictReader(f):
			key = row["Key"].rstrip(" ")
			if not key.startswith(("GM0935", "WK0935", "BU0935")):
				continue
			gm = row["Municipality"]
			if key.startswith("GM"):
				out.append((key, row["Title"], "gemeente", "", gm))
			elif key.startswith("WK"):
				wijk = key
				out.append((key, row["Title"], "wijk", gm, gm))
			else:
				if key[6:8] != wijk[6:8]:
					sys.exit("gen-population: %s not under %s" %
					    (key, wijk))
				out.append((key, row["Title"], "buurt", wijk, gm))
	return out


def round5(x):
	"""Round to the nearest multiple of 5, halves up (x >= 0)."""
	return int((x + 2.5) // 5) * 5


def split_exact(total, weights):
	"""Integers proportional to weights summing to total (largest remainder,
	ties by position)."""
	s = sum(weights)
	raw = [total * w / s for w in weights]
	base = [int(r) for r in raw]
	rest = total - sum(base)
	order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
	for i in order[:rest]:
		base[i] += 1
	return base


def split_round5(total, weights):
	"""Multiples of 5 proportional to weights; their sum is within 5 of
	total (the largest part absorbs any larger difference)."""
	s = sum(weights)
	parts = [round5(total * w / s) for w in weights]
	diff = total - sum(parts)
	if abs(diff) > 5:
		big = max(range(len(parts)), key=lambda i: (parts[i], -i))
		parts[big] += round5(abs(diff)) * (1 if diff > 0 else -1)
	return parts


def write_tsv(path, header, rows):
	with open(path, "w", encoding="utf-8", newline="\n") as f:
		f.write("\t".join(header) + "\n")
		for r in rows:
			f.write("\t".join(str(v) for v in r) + "\n")


def main():
	areas = read_areas()
	wijken = [a[0] for a in areas if a[2] == "wijk"]
	buurten = {w: [a[0] for a in areas if a[3] == w] for w in wijken}
	if sorted(wijken) != sorted(WIJK_2018):
		sys.exit("gen-population: wijk list differs from WIJK_2018")
	if sorted(b for w in wijken for b in buurten[w]) != sorted(BUURTEN):
		sys.exit("gen-population: buurt list differs from BUURTEN")

	write_tsv(os.path.join(OUT, "areas.tsv"),
	    ("area", "name", "level", "parent", "gemeente"), areas)

	rows = []
	for y in YEARS:
		val = {}
		for w in wijken:
			p18, d18 = WIJK_2018[w]
			rp, rd = WIJK_DRIFT[w]
			t = y - 2018
			p = p18 if t == 0 else round5(p18 * (1 + rp) ** t)
			d = d18 if t == 0 else int(round(d18 * (1 + rd) ** t))
			val[w] = (p, d)
			bs = buurten[w]
			pw = [BUURTEN[b][0] for b in bs]
			dw = [BUURTEN[b][0] * BUURTEN[b][1] for b in bs]
			for b, bp, bd in zip(bs, split_round5(p, pw),
			    split_exact(d, dw)):
				val[b] = (bp, bd)
		gm = areas[0][0]
		val[gm] = (sum(val[w][0] for w in wijken) + GM_OFFSET[y],
		    sum(val[w][1] for w in wijken))
		for a in areas:
			rows.append((str(y), a[0]) + val[a[0]])
	write_tsv(os.path.join(OUT, "population.tsv"),
	    ("period", "area", "population", "dwellings"), rows)
	print("gen-population: wrote %s/areas.tsv (%d records), "
	    "%s/population.tsv (%d records)" % (OUT, len(areas), OUT, len(rows)))


if __name__ == "__main__":
	main()
