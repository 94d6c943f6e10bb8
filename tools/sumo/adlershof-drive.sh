#!/usr/bin/env bash
# The SUMO step of the Adlershof drive (step 1 of 2). SUMO 1.15 (Debian `sumo`, `sumo-tools`) drives the ego car of
# adlershof-drive/ego.rou.xml through Berlin-Adlershof among seeded random traffic under the network's own actuated
# signal programs, and writes what DriveGen reads (step 2, `dotnet run --project tools/EdgeAI.DriveGen -- adlershof`):
#   models/scenarios/adlershof-drive/sumo/fcd.xml           the ego car's floating-car data, WGS84, 1 Hz
#   models/scenarios/adlershof-drive/sumo/tls-states.xml.gz every signal state change of every traffic light
# Only this step needs SUMO (about 124 MB installed); CI reruns step 2 and compares with the committed files.
# Usage: tools/sumo/adlershof-drive.sh   (needs the demo region in the model cache: ./edgeai models fetch sumo-adlershof)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${EDGEAI_MODELS:-$HOME/.cache/edgeai/models}
net="$cache/sumo-adlershof/osm.net.xml"
out="$root/models/scenarios/adlershof-drive/sumo"
[ -f "$net" ] || { echo "adlershof-drive.sh: $net is missing; run: ./edgeai models fetch sumo-adlershof" >&2; exit 2; }
command -v sumo >/dev/null || { echo "adlershof-drive.sh: SUMO is missing; run: sudo apt-get install -y sumo sumo-tools" >&2; exit 2; }
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# Background traffic: a car every 2.5 s for 25 minutes, trips starting and ending mostly at the fringe (seeded).
/usr/bin/python3 "$SUMO_HOME/tools/randomTrips.py" -n "$net" --seed 42 -e 1500 -p 2.5 --fringe-factor 5 --validate -o bg.trips.xml >/dev/null
# Record every signal's state changes.
{ echo "<additional>"
  grep -o '<tlLogic id="[^"]*"' "$net" | cut -d'"' -f2 | sort -u | while read -r id; do
    echo "  <timedEvent type=\"SaveTLSStates\" source=\"$id\" dest=\"tls-states.xml\"/>"
  done
  echo "</additional>"; } > tls.add.xml
sumo -n "$net" -r bg.trips.xml,"$root/tools/sumo/adlershof-drive/ego.rou.xml" -a tls.add.xml --seed 7 --step-length 0.5 \
  --fcd-output fcd.xml --fcd-output.geo --device.fcd.explicit ego --device.fcd.period 1 \
  --end 1500 --no-step-log --duration-log.disable --ignore-route-errors --xml-validation never >/dev/null
mkdir -p "$out"
# Keep the files SUMO wrote, less the header comment that names this machine's paths and the run's date.
sed '/^<!--/,/-->/d' fcd.xml > "$out/fcd.xml"
sed '/^<!--/,/-->/d' tls-states.xml | gzip -9n > "$out/tls-states.xml.gz"
echo "adlershof-drive.sh: wrote $out/fcd.xml ($(grep -c '<vehicle' "$out/fcd.xml") steps of the ego car) and $out/tls-states.xml.gz"
