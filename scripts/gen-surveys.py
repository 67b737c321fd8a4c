#!/usr/bin/env python3
"""gen-surveys.py -- write SYNTHETIC survey drops for Maastricht.

Writes, under sample-data/surveys/:
  81877NED_maastricht_2014-2019.csv     Veiligheidsmonitor in an 81877NED-like
      cbsodataR layout (FORMATS.md 5): "ID","Marges","RegioS","Perioden" and
      one column <Stem>_<n> per indicator; one row per margin x region x
      period (MW00000 value, MOG0095 lower, MBG0095 upper); codes padded
      (RegioS to 10, Marges to 7 characters), CRLF.  Regions NL01, GM0935
      and the 7 wijken WK093500..WK093506; waves 2014-2017 and 2019.
      A few cells hold the StatLine symbols '.' (too few respondents) and
      'x' (secret).
  81877NED_DataProperties.csv           Key and Title of those columns.
  81877NED_maastricht_v2.csv            the same numbers as a "new table
      version": indicator columns reordered and renumbered, the rows in
      another order, LF line ends.
  81877NED_DataProperties_v2.csv        its Key and Title.
  ivm_maastricht_2019_flat.csv          the 2019 wave as a city publishes it:
      one row per area x indicator, ';', decimal comma, a margin "Marge"
      (half-width of the 95 % interval) and n.
  partners_2019.csv                     the partner survey (FORMATS.md 7):
      21 organisations, 83 respondents, every theme of themes.tsv except
      the roll-ups 1.3, excl and total; ernst, trend and prioriteit.

Reads (run from the project root):
  sample-data/ivm-indicators.tsv   indicator ids, stems and titles
  sample-data/themes.tsv           theme ids
  sample-data/areas.tsv            wijk codes

All numbers are invented; only their magnitudes are realistic.  The one
published fact used is the city's report mark for safety in its
neighbourhood: 6.5, 6.6, 7.0, 6.9 and 7.1 in 2014, 2015, 2016, 2017 and
2019.  Margins follow METHOD.md 7.3 (share: 1.96*sqrt(1.3*p(1-p)/n);
mean: 1.96*s*sqrt(1.3)/sqrt(n)), rounded to one decimal, and the bounds
are value -/+ margin, so the interval is symmetric.
Python 3 standard library only; same seed -> same bytes.
"""

import math
import os
import random

SEED = 20191231
DATA = "sample-data"
OUT = os.path.join(DATA, "surveys")
WAVES = [2014, 2015, 2016, 2017, 2019]
DEFF = 1.3

# Published report mark for safety, Maastricht (the brief).
CITY_SAFETY = {2014: 6.5, 2015: 6.6, 2016: 7.0, 2017: 6.9, 2019: 7.1}

# City n per wave: oversampled waves (2014, 2016, 2019) reach every wijk.
CITY_N = {2014: 3880, 2015: 450, 2016: 3710, 2017: 1240, 2019: 4060}
# 2015 was not oversampled: the wijk n are small; Zuidoost falls below the
# suppression limit of 50 (METHOD.md 7.3).
N_2015 = {"WK093500": 55, "WK093501": 54, "WK093502": 70, "WK093503": 60,
	"WK093504": 71, "WK093505": 98, "WK093506": 42}
NL_N = {2014: 79210, 2015: 81050, 2016: 76940, 2017: 78630, 2019: 136990}

# wijk -> (share of the city sample, "problem" factor -1..+1).
WIJK = {
	"WK093500": (0.11, 0.9),	# Centrum
	"WK093501": (0.13, -0.8),	# Buitenwijk Zuidwest
	"WK093502": (0.16, 0.3),	# Buitenwijk West
	"WK093503": (0.15, 0.6),	# Buitenwijk Noordwest
	"WK093504": (0.17, 0.7),	# Buitenwijk Noordoost
	"WK093505": (0.19, -0.6),	# Buitenwijk Oost
	"WK093506": (0.09, -0.2),	# Buitenwijk Zuidoost
}

# indicator -> (city value 2014, change per year, NL offset, wijk spread
# per unit of problem factor, s for means).  Values in the unit of the
# indicator table (pct, cijfer, schaal).
IND = {
	"rapportcijfer_leefbaarheid": (7.2, 0.05, 0.3, -0.45, 1.3),
	"rapportcijfer_veiligheid": (None, None, 0.2, -0.55, 1.4),
	"fysieke_voorzieningen": (6.1, 0.04, 0.2, -0.35, 1.7),
	"sociale_cohesie": (5.7, 0.02, 0.5, -0.50, 1.6),
	"fysieke_verloedering": (66.0, -1.2, -8.0, 9.0, None),
	"sociale_overlast": (31.0, -0.8, -6.0, 10.0, None),
	"verkeersoverlast": (72.0, -0.3, -3.0, 4.0, None),
	"overlast_totaal": (84.0, -0.6, -5.0, 5.0, None),
	"onveilig": (38.0, -1.1, -4.0, 6.0, None),
	"onveilig_buurt": (20.0, -0.9, -5.0, 7.0, None),
	"vaak_onveilig_buurt": (2.4, -0.1, -0.8, 1.2, None),
	"veel_criminaliteit_buurt": (21.0, -1.0, -5.0, 8.0, None),
	"vermijdingsgedrag": (43.0, -0.7, -3.0, 5.0, None),
	"risicoperceptie_inbraak": (28.0, -0.9, -2.0, 4.0, None),
	"slachtoffer_traditioneel": (21.0, -0.8, -2.0, 3.5, None),
	"slachtoffer_inbraak": (3.4, -0.25, -0.6, 0.9, None),
	"slachtoffer_cybercrime": (11.0, 0.5, 0.0, 1.0, None),
	"oordeel_gemeente": (31.0, 0.6, 1.0, -3.0, None),
}

# Cells published as a StatLine symbol: (indicator, region, wave) -> symbol.
SYMBOLS = {
	("vaak_onveilig_buurt", "WK093506", 2015): ".",
	("slachtoffer_inbraak", "WK093506", 2015): ".",
	("slachtoffer_cybercrime", "WK093500", 2017): "x",
}

# Column numbers of the two table versions (the suffix changes per version).
V1_SUFFIX = {
	"respondenten": 1, "rapportcijfer_leefbaarheid": 18,
	"rapportcijfer_veiligheid": 60, "fysieke_voorzieningen": 6,
	"sociale_cohesie": 15, "fysieke_verloedering": 26,
	"sociale_overlast": 34, "verkeersoverlast": 37, "overlast_totaal": 40,
	"onveilig": 43, "onveilig_buurt": 50, "vaak_onveilig_buurt": 51,
	"veel_criminaliteit_buurt": 57, "vermijdingsgedrag": 64,
	"risicoperceptie_inbraak": 67, "slachtoffer_traditioneel": 70,
	"slachtoffer_inbraak": 72, "slachtoffer_cybercrime": 79,
	"oordeel_gemeente": 88,
}


def read_tsv(path):
	with open(path, encoding="utf-8") as f:
		lines = f.read().split("\n")
	head = lines[0].split("\t")
	return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l]


def r1(v):
	"""Round half away from zero to one decimal (no float-repr surprises)."""
	return math.floor(abs(v) * 10 + 0.5 + 1e-9) / 10 * (1 if v >= 0 else -1)


def fmt(v):
	return "%.1f" % v


def ivm_values(rng, inds):
	"""(indicator, region, wave) -> (value, margin, n); n under 'respondenten'."""
	cells = {}
	for w in WAVES:
		yrs = w - 2014
		regions = {"NL01": NL_N[w], "GM0935": CITY_N[w]}
		shares = {k: v[0] for k, v in WIJK.items()}
		left = CITY_N[w]
		for i, (k, sh) in enumerate(shares.items()):
			if w == 2015:
				nk = N_2015[k]
			elif i == len(shares) - 1:
				nk = left
			else:
				nk = int(round(CITY_N[w] * sh * rng.uniform(0.85, 1.15)))
				left -= nk
			regions[k] = nk
		for reg, n in regions.items():
			cells[("respondenten", reg, w)] = (n, None, n)
		for ind in inds:
			base, slope, nl_off, spread, s = IND[ind]
			if ind == "rapportcijfer_veiligheid":
				city = CITY_SAFETY[w]
			else:
				city = base + slope * yrs + rng.gauss(0, abs(slope) * 0.6)
			for reg, n in regions.items():
				if reg == "GM0935":
					v = city
				elif reg == "NL01":
					v = city + nl_off
				else:
					v = city + spread * WIJK[reg][1] + \
					    rng.gauss(0, abs(spread) * 0.15)
				if s is None:
					v = min(max(v, 0.5), 99.0)
					v = r1(v)
					p = v / 100
					m = 196 * math.sqrt(DEFF * p * (1 - p) / n)
				else:
					v = r1(min(max(v, 1.0), 10.0))
					m = 1.96 * s * math.sqrt(DEFF) / math.sqrt(n)
				m = max(r1(m), 0.1)
				cells[(ind, reg, w)] = (v, m, n)
	return cells


def statline_rows(cells, inds, regions, order):
	"""Rows (marges, region, period, {indicator: text})."""
	rows = []
	for mg in ("MW00000", "MOG0095", "MBG0095"):
		for reg in regions:
			for w in WAVES:
				vals = {}
				for ind in ["respondenten"] + inds:
					v, m, n = cells[(ind, reg, w)]
					sym = SYMBOLS.get((ind, reg, w))
					if sym is not None:
						vals[ind] = sym
					elif ind == "respondenten":
						vals[ind] = str(n) if mg == "MW00000" else ""
					elif mg == "MW00000":
						vals[ind] = fmt(v)
					elif mg == "MOG0095":
						vals[ind] = fmt(r1(v - m))
					else:
						vals[ind] = fmt(r1(v + m))
				rows.append((mg, reg, "%dJJ00" % w, vals))
	if order == "region-first":
		rows.sort(key=lambda r: (r[1], r[2], r[0]))
	return rows


def write_statline(path, props_path, cols, suffix, rows, stems, titles,
    eol):
	keys = ["%s_%d" % (stems[c], suffix[c]) for c in cols]
	with open(path, "w", encoding="utf-8", newline="") as f:
		f.write(",".join('"%s"' % h for h in
		    ["ID", "Marges", "RegioS", "Perioden"] + keys) + eol)
		for i, (mg, reg, per, vals) in enumerate(rows):
			out = [str(i), '"%-7s"' % mg, '"%-10s"' % reg, '"%s"' % per]
			out += [vals[c] for c in cols]
			f.write(",".join(out) + eol)
	with open(props_path, "w", encoding="utf-8", newline="") as f:
		f.write('"ID","Position","ParentID","Type","Key","Title"' + eol)
		f.write('0,0,,"Dimension","Marges","Marges"' + eol)
		f.write('1,1,,"Dimension","RegioS","Regio\'s"' + eol)
		f.write('2,2,,"TimeDimension","Perioden","Perioden"' + eol)
		for i, (c, k) in enumerate(zip(cols, keys)):
			f.write('%d,%d,,"Topic","%s","%s"' % (i + 3, i + 3, k,
			    titles[c]) + eol)


def write_flat(path, cells, inds, regions, titles):
	"""City publication: decimal comma, ';', Marge and n."""
	with open(path, "w", encoding="utf-8", newline="") as f:
		f.write("Jaar;Gebied;Indicator;Waarde;Marge;N\n")
		for reg in regions:
			if reg == "NL01":
				continue
			for ind in inds:
				v, m, n = cells[(ind, reg, 2019)]
				f.write("2019;%s;%s;%s;%s;%d\n" % (reg, titles[ind],
				    fmt(v).replace(".", ","),
				    fmt(m).replace(".", ","), n))


# --- partner survey -----------------------------------------------------

# organisation, type, respondents, fields of expertise (veld or theme prefix)
ORGS = [
	("gemeente-ov", "gemeente", 8, ("1", "2", "3", "4", "5")),
	("politie-bt", "politie", 16, ("1.3", "2.3", "3.1", "5.2")),
	("om", "om", 3, ("1.3", "5.2", "5.4")),
	("riec", "riec", 2, ("5.2", "5.4", "5.1")),
	("vrzl", "brandweer", 3, ("4",)),
	("brandweer", "brandweer", 3, ("4.2", "4.3")),
	("veiligheidshuis", "veiligheidshuis", 3, ("1.1", "3.1", "5.1")),
	("woco-a", "woningcorporatie", 6, ("1.1", "1.2", "1.3/woninginbraak")),
	("woco-b", "woningcorporatie", 4, ("1.1", "1.2")),
	("woco-c", "woningcorporatie", 3, ("1.1", "1.2", "5.2")),
	("huurders", "overig", 2, ("1.1", "1.2", "1.4")),
	("welzijn", "welzijn", 5, ("1.1", "1.4", "3")),
	("jongerenwerk", "jongerenwerk", 4, ("3",)),
	("school-vo", "onderwijs", 4, ("3.3", "3.2")),
	("studenten", "onderwijs", 2, ("2.3", "1.3/fiets", "3.2")),
	("veilig-thuis", "zorg", 3, ("1.3/geweld", "1.1")),
	("jeugdzorg", "zorg", 3, ("3",)),
	("halt", "overig", 2, ("3.1", "3.2")),
	("centrummanagement", "ondernemers", 2, ("2.1", "2.3", "2.4",
	    "1.3/zakkenrollerij")),
	("rud", "overig", 2, ("4.3", "5.2")),
	("ondernemers-mkb", "ondernemers", 3, ("2.1", "2.2", "1.3/fraude",
	    "5.5")),
]

# Consensus severity 1..5 per theme (invented) and the expected trend.
SEVERITY = {
	"1.1": 3.6, "1.2": 3.1, "1.3/woninginbraak": 3.4, "1.3/vermogen": 3.0,
	"1.3/voertuig": 2.4, "1.3/fiets": 4.0, "1.3/zakkenrollerij": 3.2,
	"1.3/geweld": 3.3, "1.3/straatroof": 2.3, "1.3/overval": 1.9,
	"1.3/fraude": 3.0, "1.4": 3.0, "2.1": 2.7, "2.2": 2.1, "2.3": 3.5,
	"2.4": 2.6, "3.1": 3.4, "3.2": 3.6, "3.3": 2.2, "4.1": 2.9,
	"4.2": 2.4, "4.3": 2.0, "4.4": 2.2, "5.1": 2.3, "5.2": 4.3,
	"5.3": 2.6, "5.4": 2.0, "5.5": 3.7,
}
TREND = {"5.2": 1, "5.5": 1, "1.3/fraude": 1, "1.3/woninginbraak": -1,
	"3.2": 1, "1.3/overval": -1}


def in_field(theme, fields):
	for f in fields:
		if theme == f or theme.startswith(f + ".") or \
		    theme.startswith(f + "/"):
			return True
	return False


def clamp(v, lo, hi):
	return max(lo, min(hi, v))


def partner_rows(rng, themes):
	rows = []
	rid = 0
	wijken = sorted(WIJK)
	for org, typ, nresp, fields in ORGS:
		# An organisation's own view: a bias per theme shared by its
		# respondents, so organisations disagree (realistic W ~ 0.4-0.6).
		bias = {t: rng.gauss(0, 0.6) for t in themes}
		for _ in range(nresp):
			rid += 1
			resp = "p%03d" % rid
			home = rng.choice(wijken) if typ in ("woningcorporatie",
			    "politie", "welzijn") and rng.random() < 0.5 else None
			for t in themes:
				own = in_field(t, fields)
				dk = 0.03 if own else 0.12
				sev = SEVERITY[t] + bias[t] + (0.6 if own else 0) + \
				    rng.gauss(0, 0.7)
				pri = sev + (0.4 if own else -0.2) + rng.gauss(0, 0.6)
				tr = TREND.get(t, 0) + rng.gauss(0, 0.6)
				for crit, v in (("ernst", sev), ("trend", tr),
				    ("prioriteit", pri)):
					if rng.random() < dk:
						s = ""
					elif crit == "trend":
						s = str(int(clamp(round(v), -1, 1)))
					else:
						s = str(int(clamp(round(v), 1, 5)))
					rows.append(("2019", resp, org, typ, t, crit, s,
					    ""))
			if home is not None:
				for t in ("1.1", "1.2", "1.3/woninginbraak"):
					v = SEVERITY[t] + bias[t] + \
					    (WIJK[home][1] * 0.9) + rng.gauss(0, 0.6)
					rows.append(("2019", resp, org, typ, t, "ernst",
					    str(int(clamp(round(v), 1, 5))), home))
	return rows


def main():
	rng = random.Random(SEED)
	table = read_tsv(os.path.join(DATA, "ivm-indicators.tsv"))
	stems = {r["indicator"]: r["stem"] for r in table}
	titles = {r["indicator"]: r["title"] for r in table}
	inds = [r["indicator"] for r in table if r["unit"] != "n"]
	assert set(inds) == set(IND), "ivm-indicators.tsv and IND disagree"
	regions = ["NL01", "GM0935"] + sorted(WIJK)
	os.makedirs(OUT, exist_ok=True)

	cells = ivm_values(rng, inds)
	cols1 = ["respondenten"] + inds
	write_statline(os.path.join(OUT, "81877NED_maastricht_2014-2019.csv"),
	    os.path.join(OUT, "81877NED_DataProperties.csv"), cols1, V1_SUFFIX,
	    statline_rows(cells, inds, regions, "margin-first"), stems, titles,
	    "\r\n")
	# Version 2: another column order, other suffixes, rows region-first.
	cols2 = list(cols1)
	random.Random(SEED + 2).shuffle(cols2)
	suffix2 = {c: 100 + 3 * i for i, c in enumerate(cols2)}
	suffix2["onveilig_buurt"] = 54
	write_statline(os.path.join(OUT, "81877NED_maastricht_v2.csv"),
	    os.path.join(OUT, "81877NED_DataProperties_v2.csv"), cols2, suffix2,
	    statline_rows(cells, inds, regions, "region-first"), stems, titles,
	    "\n")
	write_flat(os.path.join(OUT, "ivm_maastricht_2019_flat.csv"), cells,
	    inds, regions, titles)

	themes = [r["theme"] for r in read_tsv(os.path.join(DATA, "themes.tsv"))
	    if r["theme"] not in ("1.3", "excl", "total")]
	assert set(themes) == set(SEVERITY), "themes.tsv and SEVERITY disagree"
	prng = random.Random(SEED + 7)
	with open(os.path.join(OUT, "partners_2019.csv"), "w",
	    encoding="utf-8", newline="") as f:
		f.write("round;respondent_id;organisation;organisation_type;"
		    "theme;criterion;score;wijk\n")
		for r in partner_rows(prng, themes):
			f.write(";".join(r) + "\n")


if __name__ == "__main__":
	main()
