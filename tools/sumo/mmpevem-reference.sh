#!/usr/bin/env bash
# The energy model's reference: SUMO's MMPEVEM model of the VW ID.3 (RWTH Aachen MMP, shipped by Debian `sumo` 1.15 as
# data/emissions/MMPEVEM/VW_ID3.xml and fetched into the model cache with the demo region) driven over one speed trace by
# SUMO's own emissionsDrivingCycle. Writes the fixture tests/EdgeAI.Services.Tests/Energy/mmpevem-id3-reference.csv:
#   time_s;speed_mps;accel_mps2;electricity_wh   (1 Hz; electricity = battery energy of that step, negative = recuperated)
# The trace (1,556 s, about 26 minutes, 26.3 km):
#   1. urban: the ego car's speed from the bundled Adlershof drive (models/scenarios/adlershof-drive/sumo/fcd.xml), SUMO
#      driving it through real signals and traffic, 567 s;
#   2. extra-urban and motorway: a generated, WLTP-like sequence of accelerations, cruises and stops (the table below), 989 s.
# Only regenerating needs SUMO; the tests read the committed fixture.
# Usage: tools/sumo/mmpevem-reference.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${EDGEAI_MODELS:-$HOME/.cache/edgeai/models}
vtype="$cache/sumo-adlershof/VW_ID3.xml"
fcd="$root/models/scenarios/adlershof-drive/sumo/fcd.xml"
out="$root/tests/EdgeAI.Services.Tests/Energy/mmpevem-id3-reference.csv"
[ -f "$vtype" ] || { echo "mmpevem-reference.sh: $vtype is missing; run: ./edgeai models fetch sumo-adlershof" >&2; exit 2; }
command -v emissionsDrivingCycle >/dev/null || { echo "mmpevem-reference.sh: SUMO is missing; run: sudo apt-get install -y sumo" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# 1. urban: the ego car's speed at every step it is on the road
awk '/<vehicle id="ego"/ { match($0, /speed="[^"]*"/); print substr($0, RSTART + 7, RLENGTH - 8) }' "$fcd" > "$work/urban.txt"
# 2. extra-urban and motorway: target km/h, seconds held; accelerate at 1.0 m/s² (0.6 above 80 km/h), brake at 1.2 m/s²
#    it starts where the urban part ends (the ego car leaves the network moving) and first brakes to a stop
awk -v v0="$(tail -1 "$work/urban.txt")" 'BEGIN {
  n = split("0 10 70 90 0 20 90 120 60 40 100 60 0 15 120 240 130 120 100 60 0 20", p, " ");
  v = v0;
  for (i = 1; i <= n; i += 2) {
    target = p[i] / 3.6; hold = p[i + 1];
    while (v < target - 1e-9) { a = (v < 80 / 3.6) ? 1.0 : 0.6; v = (v + a > target) ? target : v + a; printf "%.2f\n", v }
    while (v > target + 1e-9) { v = (v - 1.2 < target) ? target : v - 1.2; printf "%.2f\n", v }
    for (k = 0; k < hold; k++) printf "%.2f\n", v
  } }' > "$work/rural.txt"
cat "$work/urban.txt" "$work/rural.txt" | awk '{ printf "%d;%s\n", NR - 1, $1 }' > "$work/trace.csv"
# -e MMPEVEM with the vType from the model file (its params: mass, drag, loss map, ...); -a: a(t) = v(t) - v(t-1)
emissionsDrivingCycle -t "$work/trace.csv" --additional-files "$vtype" --vtype VW_ID3 -e MMPEVEM -a \
  -o "$work/out.csv" --precision 4 >/dev/null
# out.csv columns: time;speed;accel;slope;CO;CO2;HC;PMx;NOx;fuel;electricity
{ echo "# SUMO $(emissionsDrivingCycle --version | head -1 | awk '{print $NF}') emissionsDrivingCycle -e MMPEVEM --vtype VW_ID3 -a; regenerate with tools/sumo/mmpevem-reference.sh"
  echo "time_s;speed_mps;accel_mps2;electricity_wh"
  awk -F';' '{ printf "%s;%s;%s;%s\n", $1, $2, $3, $11 }' "$work/out.csv"; } > "$out"
awk -F';' 'NR > 2 { e += $4; d += $2 } END { printf "mmpevem-reference.sh: %d s, %.2f km, %.1f Wh (%.1f Wh/km)\n", NR - 2, d / 1000, e, e / d * 1000 }' "$out"
