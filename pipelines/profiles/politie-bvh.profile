# Police incident export (FORMATS.md §6.2): Windows-1252, ';', dates as
# 05-03-2024, RD New coordinates with decimal commas.  One "key = value" per
# line; '#' starts a comment.  Paths are relative to this file.
source = politie
delimiter = ;
encoding = cp1252
id = registratienummer
date = pleegdatum_begin
date_format = %d-%m-%Y
code = incidentcode
# straat is named so that it is known to be an address field; the pipeline
# never reads it (pc6hnr needs postcode + huisnummer only).
street = straat
postcode = postcode
number = huisnummer
letter = huisletter
toevoeging = huisnummertoevoeging
crs = rd
x = x_rd
y = y_rd
decimal_comma = yes
# incident code -> SoortMisdrijf (codes listed under two soorten, F614, are
# rejected as foreign-key/ambiguous), then SoortMisdrijf -> theme.
code_map = ../../sample-data/incident-soort.tsv incidentcode soort
theme_map = ../../sample-data/soort-theme.tsv soort theme
areas = ../../sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
area_code = statcode
pc6 = ../../sample-data/incidents/pc6hnr-maastricht-synthetic.csv
gemeente = GM0935
ref_version = 2018
