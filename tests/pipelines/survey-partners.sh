#!/usr/bin/env bash
# survey-partners.sh -- pipelines/partners.sh on the sample partner survey.
# Checks against an independent Python reimplementation (standard library):
# theme scores are means of organisation means (to 1e-6), n_org, n_resp,
# n_dk, min-max; Kendall's W with tie correction over the themes every
# organisation rated (to 1e-6); METHOD.md §6 test vector W = 420/540;
# every input row is a score, a "weet niet" or a reject, with counts by
# code for a damaged copy.
set -euo pipefail
D=$ROOT/sample-data/surveys
fail=0
bad() { echo "FAIL: $*"; fail=1; }
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }

pipelines/partners.sh -o "$TMP/p" "$D/partners_2019.csv" 2>"$TMP/p.log"

cat >"$TMP/check.py" <<'PY'
import csv, sys, math
from collections import defaultdict
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter=";"))
themes_out = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
agree = list(csv.DictReader(open(sys.argv[3]), delimiter="\t"))
bad = 0
g = defaultdict(lambda: defaultdict(list))   # (round,wijk,theme,crit) -> org -> scores
dk = defaultdict(int)
for r in rows:
    k = (r["round"], r["wijk"], r["theme"], r["criterion"])
    if r["score"] == "":
        dk[k] += 1
    else:
        g[k][r["organisation"]].append(int(r["score"]))
seen = set()
for t in themes_out:
    k = (t["round"], t["wijk"], t["theme"], t["criterion"])
    seen.add(k)
    om = [sum(v) / len(v) for v in g[k].values()]
    want = sum(om) / len(om)
    if abs(float(t["score"]) - want) > 1e-6 or int(t["n_org"]) != len(om) \
       or int(t["n_resp"]) != sum(len(v) for v in g[k].values()) \
       or int(t["n_dk"]) != dk[k] \
       or abs(float(t["org_min"]) - min(om)) > 1e-6 \
       or abs(float(t["org_max"]) - max(om)) > 1e-6:
        print("theme row differs:", k, t["score"], want); bad = 1
if seen != set(g) | set(dk):
    print("theme rows missing or extra"); bad = 1

def avg_ranks(vals):                    # rank 1 = largest, ties averaged
    order = sorted(range(len(vals)), key=lambda i: -vals[i])
    r = [0.0] * len(vals); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and vals[order[j + 1]] == vals[order[i]]:
            j += 1
        for q in range(i, j + 1):
            r[order[q]] = (i + j) / 2 + 1
        i = j + 1
    return r

for a in agree:
    if a["wijk"] != "":
        continue
    orgs = sorted({o for k in g if k[0] == a["round"] and k[1] == ""
                   for o in g[k]})
    def mean(o, th, c):
        v = g.get((a["round"], "", th, c), {}).get(o)
        return sum(v) / len(v) if v else None
    allth = sorted({k[2] for k in g if k[0] == a["round"] and k[1] == ""})
    basis = {o: "prioriteit" if any(mean(o, th, "prioriteit") is not None
             for th in allth) else "ernst" for o in orgs}
    items = [th for th in allth if all(mean(o, th, basis[o]) is not None
             for o in orgs)]
    m, n = len(orgs), len(items)
    R = [0.0] * n; T = 0.0
    for o in orgs:
        rk = avg_ranks([mean(o, th, basis[o]) for th in items])
        R = [x + y for x, y in zip(R, rk)]
        for v in set(rk):
            t = rk.count(v); T += t ** 3 - t
    S = sum((x - m * (n + 1) / 2) ** 2 for x in R)
    W = 12 * S / (m * m * (n ** 3 - n) - m * T)
    if abs(float(a["w"]) - W) > 1e-6 or int(a["m"]) != m or int(a["n"]) != n:
        print("W differs:", a["w"], W, m, n); bad = 1
    print("W = %.6f over m = %d organisations and n = %d themes" % (W, m, n))
sys.exit(bad)
PY
python3 "$TMP/check.py" "$D/partners_2019.csv" "$TMP/p/themes.tsv" \
    "$TMP/p/agreement.tsv" || bad "independent recomputation"

# theme-scores.tsv: the city-wide rows of themes.tsv under the names the
# priority scoring reads.
awk -F'\t' 'NR == FNR { if (FNR > 1 && $2 == "") w[$3 FS $4] = $5 FS $6 FS $7 FS $9 FS $10; next }
	FNR == 1 { if ($0 != "theme\tcriterion\tmean\tn_org\tn_resp\tmin\tmax\tround\tn_dk\torg_sd\tflags") bad = 1; next }
	{ if (w[$1 FS $2] != $3 FS $4 FS $5 FS $6 FS $7) bad = 1; n++ }
	END { exit bad || n != length(w) }' "$TMP/p/themes.tsv" "$TMP/p/theme-scores.tsv" ||
	bad "theme-scores.tsv"

# Balance: scores + weet-niet + rejects = input rows.
n_in=$(($(wc -l <"$D/partners_2019.csv") - 1))
grep -q "^balance: .* scores + .* weet-niet + 0 rejects" "$TMP/p/summary.txt" ||
	bad "summary: $(cat "$TMP/p/summary.txt")"
sum=$(awk -F'\t' 'NR > 1 { s += $7 + $8 } END { print s }' "$TMP/p/themes.tsv")
[ "$sum" -eq "$n_in" ] || bad "balance: $sum of $n_in rows"
awk -F'\t' 'NR > 1 && $2 == "" && $3 == "prioriteit" && $11 != "" { f = $11 }
	END { exit f == "validatie" }' "$TMP/p/agreement.tsv" ||
	bad "the sample's agreement should not need a validation session"

# METHOD.md §6 vector: ranks (1,2,3,4), (2,1,3,4), (1,3,2,4) -> W = 420/540.
{
	echo "round;respondent_id;organisation;organisation_type;theme;criterion;score;wijk"
	printf '2024;a1;a;politie;%s;prioriteit;%s;\n' 1.1 5 1.2 4 2.3 3 5.2 2
	printf '2024;b1;b;om;%s;prioriteit;%s;\n' 1.1 4 1.2 5 2.3 3 5.2 2
	printf '2024;c1;c;gemeente;%s;prioriteit;%s;\n' 1.1 5 1.2 3 2.3 4 5.2 2
} >"$TMP/vec.csv"
pipelines/partners.sh -o "$TMP/vec" "$TMP/vec.csv" 2>/dev/null
awk -F'\t' 'NR == 2 { d = $7 - 420 / 540; exit !(d < 1e-6 && d > -1e-6 && $4 == 3 && $5 == 4) }' \
    "$TMP/vec/agreement.tsv" || bad "Kendall W vector: $(cat "$TMP/vec/agreement.tsv")"

# A damaged copy: score 7, an unknown theme, a repeated row, a respondent in
# a second organisation (all that respondent's rows go).
awk -F';' -v OFS=';' '
	NR == 2 { $7 = 7 }
	NR == 5 { $5 = "9.9" }
	NR == 20 { print }
	NR == 400 { r = $2 }
	{ print }
	END { print "2019", r, "om", "om", "1.1", "ernst", "3", "" }' \
    "$D/partners_2019.csv" >"$TMP/damaged.csv"
pipelines/partners.sh -o "$TMP/dmg" "$TMP/damaged.csv" 2>/dev/null
resp=$(awk -F';' 'NR == 400 { print $2 }' "$D/partners_2019.csv")
nresp=$(awk -F';' -v r="$resp" '$2 == r' "$TMP/damaged.csv" | wc -l)
n_dmg=$(($(wc -l <"$TMP/damaged.csv") - 1))
want="constraint-error/maximum:1 foreign-key:1 primary-key:1 row-constraint:$nresp "
got=$(awk -F'\t' 'NR > 1 { n[$6]++ } END { for (c in n) print c ":" n[c] }' \
    "$TMP/dmg/rejects.tsv" | sort | tr '\n' ' ')
[ "$got" = "$want" ] || bad "reject codes: $got, want $want"
sum=$(awk -F'\t' 'NR > 1 { s += $7 + $8 } END { print s }' "$TMP/dmg/themes.tsv")
nrej=$(($(wc -l <"$TMP/dmg/rejects.tsv") - 1))
[ $((sum + nrej)) -eq "$n_dmg" ] || bad "damaged balance: $sum + $nrej != $n_dmg"
grep -q "vb-survey partners: read $n_dmg, kept $sum, rejected $nrej" "$TMP/dmg/summary.txt" ||
	bad "damaged summary: $(cat "$TMP/dmg/summary.txt")"

[ $fail = 0 ]
