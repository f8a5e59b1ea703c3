#!/usr/bin/env bash
# Builds the committed site/ as the last of a short sequence of synthetic releases (issue 14),
# so that the site shows a realistic release history: what changed, the frozen archive, the feed.
#
#   scripts/build_site.sh [OUT]        (default OUT: site)
#
# Release 1 (2015-16-q2): Data/ cut to its first six quarters.
# Release 2 (2015-16-q3): seven quarters, where four areas' 2015-16 Q3 recovery counts are
#                         provisional (lower than Data/'s).
# Release 3 (2015-16-q4): Data/ itself — the README's plain `levelfield build` — which adds
#                         2015-16 Q4 and revises those four counts.
# The earlier releases' inputs are derived from Data/ in a temporary folder (never committed) and
# built from there with no arguments, so they too record `Data/outcomes.csv` and are marked
# synthetic. Dates come from the data (the end of each release's latest quarter).
#
# Because a build whose release id equals the previous release's replaces it, running
# `swift run -c release levelfield build` on the result reproduces it byte for byte; CI checks both.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-site}"
unset SOURCE_DATE_EPOCH
if [ -z "${LEVELFIELD_BIN:-}" ]; then
  swift build -c release --product levelfield 2>&1 | tail -n 1
  LEVELFIELD_BIN="$(swift build -c release --show-bin-path)/levelfield"
fi
bin="$(cd "$(dirname "$LEVELFIELD_BIN")" && pwd)/$(basename "$LEVELFIELD_BIN")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import csv, os, sys
work = sys.argv[1]
with open("Data/outcomes.csv", newline="", encoding="utf-8") as handle:
    rows = list(csv.reader(handle))
header, body = rows[0], rows[1:]
period, code, recovered = header.index("period"), header.index("area_code"), header.index("recovered")
quarters = sorted({row[period] for row in body})
provisional = {"A01": 12, "A02": 9, "A03": 15, "A04": 10}  # area → recovered lower by, in release 2
def write(name, keep, change=None):
    folder = os.path.join(work, name, "Data")
    os.makedirs(folder)
    with open(os.path.join(folder, "outcomes.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in body:
            if row[period] in keep:
                writer.writerow(change(row) if change else row)
    with open("Data/deprivation.csv", "rb") as source, open(os.path.join(folder, "deprivation.csv"), "wb") as target:
        target.write(source.read())
def provisional_q3(row):
    row = list(row)
    if row[period] == quarters[6] and row[code] in provisional and row[recovered].isdigit():
        row[recovered] = str(int(row[recovered]) - provisional[row[code]])
    return row
write("release-1", set(quarters[:6]))
write("release-2", set(quarters[:7]), provisional_q3)
PY

(cd "$work/release-1" && "$bin" build --out "$work/site" --previous none)
(cd "$work/release-2" && "$bin" build --out "$work/site")
"$bin" build --out "$out" --previous "$work/site"
