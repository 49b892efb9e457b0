#!/usr/bin/env bash
# Regenerates docs/report-screenshot.png: twelve monthly runs of the sample (2025-12-01 to 2026-11-01) into a fresh
# H2 store, the HTML report of their year quarter by quarter, and a headless Chromium screenshot of its top (down to
# the action uplift). Needs /usr/bin/chromium (apt-get install chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
sed "s|lifestage-data/|$work/|" rules/sample/run.properties > "$work/run.properties"
echo "lifestage.store.url=jdbc:h2:file:$work/store" >> "$work/run.properties"
for month in 2025-12-01 2026-01-01 2026-02-01 2026-03-01 2026-04-01 2026-05-01 2026-06-01 2026-07-01 \
             2026-08-01 2026-09-01 2026-10-01 2026-11-01; do
  ./lifestage run --config "$work/run.properties" --as-of "$month" --rejects "$work/rejects.jsonl" > /dev/null
done
./lifestage report --config "$work/run.properties" --from 2025-11-01 --every quarter --format html \
  --output "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
  --window-size=1150,2250 --screenshot="$root/docs/report-screenshot.png" "file://$work/report.html" 2>/dev/null
echo "Wrote docs/report-screenshot.png"
