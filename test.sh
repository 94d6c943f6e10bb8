#!/usr/bin/env bash
# Runs every test from a fresh checkout: installs the peers the tests compare against
# (python-can, can-utils, canmatrix, ffmpeg, gcc), what the native build needs (clang, zlib) and what edgeai loads
# (GTK for OpenCV), builds, fetches the
# models, tests, and ends with "N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
source scripts/deps.sh
ensure_dotnet
ensure_debs "${EDGEAI_TEST_DEBS[@]}" "${EDGEAI_BUILD_DEBS[@]}" "${EDGEAI_RUN_DEBS[@]}"
ensure_arm64_debs "${EDGEAI_TEST_ARM64_DEBS[@]}"
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet build EdgeAI.sln -c Release -nologo -v quiet -clp:ErrorsOnly
# The models the tests run (BlazeFace, Silero VAD, openWakeWord features, Qwen3 tokenizer) into the shared cache.
edgeai_built() { dotnet "$root/tools/EdgeAI.Cli/bin/Release/net10.0/edgeai.dll" "$@"; }
ensure_models edgeai_built
# The node peers the oracle tests run (opening_hours.js).
ensure_npm_peers "$root"
ensure_axe_core
status=0
dotnet test --solution EdgeAI.sln -c Release --no-build --report-trx --results-directory "$results" || status=$?
# One line from the TRX files of every test project.
awk 'match($0, /<Counters [^>]*>/) {
       c = substr($0, RSTART, RLENGTH)
       if (match(c, /passed="[0-9]+"/)) p += substr(c, RSTART + 8, RLENGTH - 9)
       if (match(c, /failed="[0-9]+"/)) f += substr(c, RSTART + 8, RLENGTH - 9)
       if (match(c, / error="[0-9]+"/)) f += substr(c, RSTART + 8, RLENGTH - 9)
       if (match(c, /timeout="[0-9]+"/)) f += substr(c, RSTART + 9, RLENGTH - 10)
       if (match(c, /aborted="[0-9]+"/)) f += substr(c, RSTART + 9, RLENGTH - 10)
       if (match(c, /notExecuted="[0-9]+"/)) s += substr(c, RSTART + 13, RLENGTH - 14)
       n++
     }
     END { if (n == 0) { print "0 passed, 1 failed, 0 skipped"; exit 1 } printf "%d passed, %d failed, %d skipped\n", p, f, s }' \
  "$results"/*.trx || status=1
exit $status
