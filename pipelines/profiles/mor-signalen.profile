# Nuisance / MOR export (FORMATS.md §6.3, Signalen fields flattened): UTF-8,
# CRLF, ';', ISO dates, WGS84 latitude and longitude with decimal points;
# some rows carry only an address.  Paths are relative to this file.
source = meldingen
delimiter = ;
encoding = utf-8
id = melding_id
date = datum_melding
date_format = %Y-%m-%d
code = subcategorie
street = straat
postcode = postcode
number = huisnummer
crs = wgs84
lat = lat
lon = lon
decimal_comma = no
# subcategorie -> theme, an editable per-municipality table.
theme_map = ../../sample-data/meldingen-theme.tsv subcategorie theme
areas = ../../sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
area_code = statcode
pc6 = ../../sample-data/incidents/pc6hnr-maastricht-synthetic.csv
gemeente = GM0935
ref_version = 2018
