#!/usr/bin/env bash
# incidents.sh -- incident-level exports to counts per buurt, wijk and
# gemeente x theme x month and year, without letting an address through.
#
#   incidents.sh -o DIR -p PROFILE [-k|--key-file KEYFILE] EXPORT...
#
# The profile (pipelines/profiles/*.profile) says which columns hold the id,
# date, code, postcode, huisnummer and coordinates, the dialect and the
# reference tables, so a new export layout needs a new profile, not code.
# Stages: vb-ingest (allowlist of columns; id -> HMAC-SHA-256 pseudonym)
# -> vb-geocode (buurt/wijk/gemeente; address, coordinates and date dropped,
# period = YYYY-MM) -> code map (awk, de-duplication by pseudonym; code ->
# soort, ambiguous codes rejected) -> vb-clean (code/soort -> theme) ->
# vb-aggregate -> DIR/counts.tsv, DIR/rejects.tsv (0600), DIR/summary.txt.
# Intermediate files live in a private temporary directory that is removed
# at exit.  Logs and rejects carry positions and reason codes, never values.
# The key comes from -k or VB_KEY_FILE; without one a throwaway key is made
# for this run (pseudonyms then link nothing across runs), and that is said.
set -euo pipefail
umask 077
prog=${VB_PIPELINE_NAME:-$(basename "$0")}

usage() {
	echo "usage: $prog -o DIR -p PROFILE [-k|--key-file KEYFILE] EXPORT..." >&2
	exit 2
}
die() {
	echo "$prog: $*" >&2
	exit 1
}

outdir= profile= keyfile=${VB_KEY_FILE:-}
args=()	# long options to their short forms, for getopts
while [ $# -gt 0 ]; do
	case $1 in
	--key-file|--output|--profile)
		[ $# -ge 2 ] || usage
		case $1 in --key-file) args+=(-k) ;; --output) args+=(-o) ;;
		*) args+=(-p) ;; esac
		args+=("$2")
		shift 2 ;;
	--key-file=*) args+=(-k "${1#*=}"); shift ;;
	--output=*) args+=(-o "${1#*=}"); shift ;;
	--profile=*) args+=(-p "${1#*=}"); shift ;;
	--help) args+=(-h); shift ;;
	--) args+=("$@"); break ;;
	*) args+=("$1"); shift ;;
	esac
done
set -- ${args[@]+"${args[@]}"}
while getopts "o:p:k:h" opt; do
	case $opt in
	o) outdir=$OPTARG ;;
	p) profile=$OPTARG ;;
	k) keyfile=$OPTARG ;;
	h) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$outdir" ] && [ -n "$profile" ] && [ $# -gt 0 ] || usage
[ -r "$profile" ] || die "config-error: cannot read profile $profile"
for f in "$@"; do
	[ -r "$f" ] || die "source-missing: $f"
done
for t in vb-ingest vb-geocode vb-clean vb-validate; do
	command -v "$t" >/dev/null || die "config-error: $t is not in PATH"
done

# --- profile: checked and parsed by vb-validate --profile (vb-validate(1)),
# which prints it as "key<TAB>value" records; nothing in it is executed ------
# It writes nothing to stderr on success and nothing to stdout on failure.
pout=$(vb-validate --profile "$profile" 2>&1) || die "${pout#*vb-validate: }"
unesc() {	# a record value: \t \n \r \\ (docs/records.md)
	local s=$1 out=
	while [[ $s == *\\* ]]; do
		out+=${s%%\\*}
		s=${s#*\\}
		case ${s:0:1} in
		t) out+=$'\t' ;; n) out+=$'\n' ;; r) out+=$'\r' ;; *) out+=${s:0:1} ;;
		esac
		s=${s:1}
	done
	printf '%s' "$out$s"
}
declare -A P=()
{
	read -r _
	while IFS=$'\t' read -r key val; do
		[[ $val == *\\* ]] && val=$(unesc "$val")
		P[$key]=$val
	done
} <<<"$pout"
pdir=$(cd "$(dirname "$profile")" && pwd)
pget() { printf '%s' "${P[$1]:-}"; }
ppath() {	# a profile path, relative to the profile's directory
	local v=${P[$1]:-}
	[ -z "$v" ] && return 0
	case $v in /*) printf '%s' "$v" ;; *) printf '%s' "$pdir/$v" ;; esac
}
src=$(pget source)
src=${src:-incidents}
crs=$(pget crs)
areas=$(ppath areas)
pc6=$(ppath pc6)
# theme_map and code_map are "file keycol valcol" (checked by vb-validate).
read -r tm_file tm_key tm_val <<<"$(pget theme_map)"
case $tm_file in /*) ;; *) tm_file=$pdir/$tm_file ;; esac
cm_file= cm_key= cm_val=
if [ -n "$(pget code_map)" ]; then
	read -r cm_file cm_key cm_val <<<"$(pget code_map)"
	case $cm_file in /*) ;; *) cm_file=$pdir/$cm_file ;; esac
fi
for f in "$areas" "$pc6" "$tm_file" ${cm_file:+"$cm_file"}; do
	[ -r "$f" ] || die "config-error: cannot read $f"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/vb-incidents.XXXXXX")
trap 'rm -rf "$T"' EXIT
: >"$T/log"
stage_log() {	# show a stage's stderr and keep it for the summary
	cat "$T/$1.err" >&2
	cat "$T/$1.err" >>"$T/log"
}

if [ -z "$keyfile" ]; then
	head -c 32 /dev/urandom >"$T/key"
	keyfile=$T/key
	note="$prog: no key given (-k or VB_KEY_FILE): a throwaway key was made for this run; its pseudonyms link to nothing else"
	echo "$note" >&2
	echo "$note" >>"$T/log"
fi

# --- 1. ingest: only the columns the count needs ---------------------------
id=$(pget id)
keep="$id,$(pget date),$(pget code)"
for k in postcode number letter toevoeging; do
	[ -n "$(pget $k)" ] && keep="$keep,$(pget $k)"
done
case $crs in
rd) keep="$keep,$(pget x),$(pget y)" ;;
wgs84) keep="$keep,$(pget lat),$(pget lon)" ;;
esac
ingest_args=(--keep "$keep" --pseudonymise "$id" --key-file "$keyfile"
	--rejects "$T/r1.tsv")
[ -n "$(pget delimiter)" ] && ingest_args+=(-d "$(pget delimiter)")
[ -n "$(pget encoding)" ] && ingest_args+=(-e "$(pget encoding)")
vb-ingest "${ingest_args[@]}" "$@" >"$T/s1.tsv" 2>"$T/ingest.err" ||
	{ stage_log ingest; die "ingest failed; nothing written"; }
stage_log ingest

# --- 2. geocode: nothing personal passes this stage -------------------------
geo_args=(--areas "$areas" --pc6 "$pc6" --date "$(pget date)"
	--rejects "$T/r2.tsv")
[ -n "$(pget area_code)" ] && geo_args+=(--code-prop "$(pget area_code)")
[ -n "$(pget date_format)" ] && geo_args+=(--date-format "$(pget date_format)")
[ -n "$(pget gemeente)" ] && geo_args+=(--gemeente "$(pget gemeente)")
[ -n "$(pget ref_version)" ] && geo_args+=(--ref-version "$(pget ref_version)")
case $(pget decimal_comma) in yes|true|1) geo_args+=(--decimal-comma) ;; esac
case $crs in
rd) geo_args+=(--xy "$(pget x),$(pget y)") ;;
wgs84) geo_args+=(--latlon "$(pget lat),$(pget lon)") ;;
esac
if [ -n "$(pget postcode)" ] && [ -n "$(pget number)" ]; then
	addr="$(pget postcode),$(pget number)"
	if [ -n "$(pget letter)" ] || [ -n "$(pget toevoeging)" ]; then
		[ -n "$(pget letter)" ] && [ -n "$(pget toevoeging)" ] ||
			die "config-error: give both letter and toevoeging, or neither"
		addr="$addr,$(pget letter),$(pget toevoeging)"
	fi
	geo_args+=(--address "$addr")
fi
vb-geocode "${geo_args[@]}" "$T/s1.tsv" >"$T/s2.tsv" 2>"$T/geocode.err" ||
	{ stage_log geocode; die "geocode failed; nothing written"; }
stage_log geocode
rm -f "$T/s1.tsv"

# --- 3. de-duplicate by pseudonym; code -> soort ---------------------------
# An incident code listed under two soorten (F614) is never resolved
# silently: foreign-key/ambiguous.  Unknown codes: foreign-key.
awk -F '\t' -v OFS='\t' -v idf="$id" -v codef="$(pget code)" \
    -v mapfile="$cm_file" -v mkey="$cm_key" -v mval="$cm_val" \
    -v rej="$T/r3.tsv" -v src="$1" -v prog="$prog" '
function col(name,   i) {
	for (i = 1; i <= NF; i++)
		if ($i == name)
			return i
	return 0
}
function reject(field, code, msg,   s, l) {
	s = cfile ? $cfile : src
	l = cline ? $cline : NR
	print "map", s, l, NR - 1, field, code, msg >rej
	nrej++
	codes[code]++
}
BEGIN {
	print "stage", "source", "line", "row", "field", "code", "message" >rej
	if (mapfile != "") {
		while ((getline l <mapfile) > 0) {
			split(l, a, "\t")
			if (++ml == 1) {
				for (i in a) {
					if (a[i] == mkey) kc = i
					if (a[i] == mval) vc = i
				}
				if (!kc || !vc) {
					print prog ": config-error: " mapfile \
					    " lacks " mkey " or " mval >"/dev/stderr"
					exit 3
				}
				continue
			}
			k = a[kc]
			if (k in map && map[k] != a[vc])
				amb[k] = 1
			map[k] = a[vc]
		}
		close(mapfile)
	}
}
NR == 1 {
	cid = col(idf); ccode = col(codef); cline = col("_line")
	cfile = col("_file")
	if (!cid || !ccode) {
		print prog ": config-error: no column " idf " or " codef \
		    >"/dev/stderr"
		exit 3
	}
	out = ""
	for (i = 1; i <= NF; i++)
		if (i != cid)
			out = out (out == "" ? "" : OFS) $i
	if (mapfile != "")
		out = out OFS mval
	print out
	next
}
{
	nread++
	if ($cid != "" && ($cid in seen)) {
		reject(idf, "unique-error", "a record with the same " \
		    "pseudonym came before")
		next
	}
	if ($cid != "")
		seen[$cid] = 1
	if (mapfile != "") {
		if ($ccode in amb) {
			reject(codef, "foreign-key/ambiguous", "the code is " \
			    "listed under several " mval " codes")
			next
		}
		if (!($ccode in map)) {
			reject(codef, "foreign-key", "the code is not in " \
			    "the code table")
			next
		}
	}
	out = ""
	for (i = 1; i <= NF; i++)
		if (i != cid)
			out = out (out == "" ? "" : OFS) $i
	if (mapfile != "")
		out = out OFS map[$ccode]
	print out
	nkept++
}
END {
	if (nread + 0 != nkept + nrej)
		exit 4
	cl = ""
	n = 0
	for (c in codes)
		ks[++n] = c
	for (i = 2; i <= n; i++)	# insertion sort: few codes
		for (j = i; j > 1 && ks[j - 1] > ks[j]; j--) {
			t = ks[j]; ks[j] = ks[j - 1]; ks[j - 1] = t
		}
	for (i = 1; i <= n; i++)
		cl = cl (i > 1 ? "," : "") ks[i] ":" codes[ks[i]]
	printf "%s: map: read %d, kept %d, rejected %d; status=%s " \
	    "warnings=0 codes=%s\n", prog, nread, nkept, nrej,
	    nrej ? "OK_WITH_REJECTS" : "OK", n ? cl : "-" >"/dev/stderr"
}' "$T/s2.tsv" >"$T/s3.tsv" 2>"$T/map.err" ||
	{ stage_log map; die "code map failed; nothing written"; }
stage_log map
rm -f "$T/s2.tsv"

# --- 4. theme: vb-clean's map against the editable theme table ------------
tkey=$tm_key
[ -n "$cm_val" ] && tkey=$cm_val
{
	printf 'ref themes %s\n' "$tm_file"
	printf 'map %s themes %s %s theme\n' "$tkey" "$tm_key" "$tm_val"
	printf 'keep period buurt wijk gemeente geo_method theme\n'
} >"$T/theme.rules"
vb-clean -r "$T/theme.rules" --rejects "$T/r4.tsv" "$T/s3.tsv" \
    >"$T/s4.tsv" 2>"$T/clean.err" ||
	{ stage_log clean; die "theme mapping failed; nothing written"; }
stage_log clean
rm -f "$T/s3.tsv"

# --- 5. counts per level x theme x month and year ---------------------------
# vb-aggregate counts per month, buurt and theme (the finest cells); the
# roll-up to wijk, gemeente and year then adds up a few thousand cells.
if command -v vb-aggregate >/dev/null; then
	vb-aggregate -g period,gemeente,wijk,buurt,theme "$T/s4.tsv" \
	    >"$T/agg.tsv" 2>"$T/aggregate.err" ||
		{ stage_log aggregate; die "aggregate failed; nothing written"; }
	stage_log aggregate
else
	awk -F '\t' -v OFS='\t' '
	NR == 1 {
		for (i = 1; i <= NF; i++)
			c[$i] = i
		next
	}
	{ n[$c["period"] OFS $c["gemeente"] OFS $c["wijk"] OFS $c["buurt"] \
	    OFS $c["theme"]]++ }
	END {
		print "period", "gemeente", "wijk", "buurt", "theme", "n"
		for (k in n)
			print k, n[k]
	}' "$T/s4.tsv" >"$T/agg.tsv"
fi
awk -F '\t' -v OFS='\t' '
NR == 1 {
	for (i = 1; i <= NF; i++)
		c[$i] = i
	next
}
{
	m = $c["period"]; y = substr(m, 1, 4); t = $c["theme"]; k = $c["n"]
	n[m OFS y OFS substr(m, 6, 2) + 0 OFS $c["buurt"] OFS "buurt" OFS t] += k
	n[m OFS y OFS substr(m, 6, 2) + 0 OFS $c["wijk"] OFS "wijk" OFS t] += k
	n[m OFS y OFS substr(m, 6, 2) + 0 OFS $c["gemeente"] OFS "gemeente" OFS t] += k
	n[y OFS y OFS 0 OFS $c["buurt"] OFS "buurt" OFS t] += k
	n[y OFS y OFS 0 OFS $c["wijk"] OFS "wijk" OFS t] += k
	n[y OFS y OFS 0 OFS $c["gemeente"] OFS "gemeente" OFS t] += k
}
END {
	for (x in n)
		print x, n[x]
}' "$T/agg.tsv" | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k5,5 -k4,4 -k6,6 \
    >"$T/counts.body"
{
	printf 'period\tyear\tmonth\tarea\tlevel\ttheme\tcount\n'
	cat "$T/counts.body"
} >"$T/counts.tsv"

# --- 6. rejects, the invariant, summary -------------------------------------
{
	printf 'stage\tsource\tline\trow\tfield\tcode\tmessage\n'
	# Later stages read temporary files: name the export instead (with
	# several exports the records carry _file, which the stages use).
	for r in r1 r2 r3 r4; do
		[ -f "$T/$r.tsv" ] && tail -n +2 "$T/$r.tsv"
	done | awk -F '\t' -v OFS='\t' -v t="$T/" -v src="$1" \
	    'index($2, t) == 1 { $2 = src } { print }'
} >"$T/rejects.tsv"
# Each stage's summary line says what it read, kept and rejected: the
# stages must chain (kept of one = read of the next), every reject must be
# in the reject file, and what was read first = counted + rejected.
stat() {	# stat STAGE FIELD: read, kept or rejected from its summary
	sed -n "s/.*: read \([0-9]*\), kept \([0-9]*\), rejected \([0-9]*\);.*/\1 \2 \3/p" \
	    "$T/$1.err" | tail -n 1 | awk -v f="$2" \
	    '{ print (f == "read" ? $1 : f == "kept" ? $2 : $3) }'
}
prev=
nrej=0
stages="ingest geocode map clean"
[ -f "$T/aggregate.err" ] && stages="$stages aggregate"
for s in $stages; do
	r=$(stat $s read) k=$(stat $s kept) j=$(stat $s rejected)
	[ -n "$r" ] || die "internal-error: no summary line from $s"
	[ -z "$prev" ] || [ "$r" = "$prev" ] ||
		die "internal-error: $s read $r records, the stage before kept $prev"
	[ "$r" = $((k + j)) ] || die "internal-error: $s: read != kept + rejected"
	prev=$k
	nrej=$((nrej + j))
done
nin=$(stat ingest read)
nout=$(($(wc -l <"$T/s4.tsv") - 1))
[ "$nout" = "$prev" ] || die "internal-error: $nout records reached the count, not $prev"
[ "$nrej" = $(($(wc -l <"$T/rejects.tsv") - 1)) ] ||
	die "internal-error: the reject file does not hold every reject"
ncount=$(awk -F '\t' 'NR > 1 && $5 == "gemeente" && $3 != 0 { s += $7 }
    END { print s + 0 }' "$T/counts.tsv")
[ "$ncount" = "$nout" ] ||
	die "internal-error: counted $ncount records, but $nout reached the count"
line="$prog: profile $(basename "$profile"); boundaries $(basename "$areas")"
line="$line; pc6hnr $(basename "$pc6"); ref_version $(pget ref_version)"
echo "$line" >>"$T/log"
line="$prog: records $nin, counted $nout, rejected $nrej ($src)"
echo "$line" >&2
echo "$line" >>"$T/log"
[ "$nin" = $((nout + nrej)) ] || die "internal-error: records != counted + rejected"

mkdir -p "$outdir"
cp "$T/counts.tsv" "$outdir/counts.tsv.tmp"
mv "$outdir/counts.tsv.tmp" "$outdir/counts.tsv"
rm -f "$outdir/rejects.tsv"
cp "$T/rejects.tsv" "$outdir/rejects.tsv"
chmod 600 "$outdir/rejects.tsv"
grep -v '^$' "$T/log" >"$outdir/summary.txt" || :
