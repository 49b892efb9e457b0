#!/usr/bin/env bash
# Regenerates rules/sample/events.jsonl: 2,000 generated customers (seed 42, as of 2026-11-01) with the additions the
# report's scorecard needs (leads who buy, renewals, CSAT beside NPS answers, order costs and margins), then two
# deliberately broken lines (a timestamp in no ISO-8601 form, a call with neither userId nor anonymousId).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
events="$root/rules/sample/events.jsonl"
cd "$root"
./lifestage generate --customers 2000 --seed 42 --as-of 2026-11-01 --scorecard --output "$events"
cat >> "$events" <<'BROKEN'
{"type":"track","userId":"u9999998","event":"Order Completed","timestamp":"31/10/2026 10:00"}
{"type":"track","event":"Signed Up","timestamp":"2026-10-30T10:00:00Z"}
BROKEN
