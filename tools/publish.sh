#!/usr/bin/env bash
# tools/publish.sh jetson|snapdragon|x64 [--flavor cpu|gpu|native] [--ort-libs DIR] [--out DIR]
#
# Makes a self-contained EdgeAI bundle for one target, ready for tools/flash.sh:
#   DIR/edgeai, its runtime and natives    the CLI (linux-arm64: ReadyToRun; linux-x64: Native AOT)
#   DIR/models/                            the bundled assets (DBC, prompts, scenarios, map, manifest)
#   DIR/deploy/                            the systemd unit and its environment file
#   DIR/ort/                               with --ort-libs: the board's own ONNX Runtime (JetPack CUDA/TensorRT, QNN)
#   DIR/VERSION                            key=value: version, commit, target, rid, flavor, compile, ORT and GenAI versions
#
# Flavors (build/OnnxRuntime.props, native/README.md): cpu (default) ships NuGet's ORT and GenAI natives, which exist
# for linux-arm64 and linux-x64; gpu is x64 only (NuGet's CUDA build); native ships no ORT native and expects the
# board's library, copied from --ort-libs (and then pointed at by deploy/edgeai.env's EDGEAI_ORT_LIB).
#
# Why ReadyToRun on arm64: Native AOT cross-compilation needs the linux-arm64 ILCompiler package plus an aarch64
# linker and sysroot with zlib; ReadyToRun needs only the arm64 runtime pack, and starts almost as fast.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { echo "usage: tools/publish.sh jetson|snapdragon|x64 [--flavor cpu|gpu|native] [--ort-libs DIR] [--out DIR]" >&2; exit 2; }
die() { echo "publish: $*" >&2; exit 1; }

[ $# -ge 1 ] || usage
target=$1; shift
flavor=cpu; out=""; ort_libs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --flavor) [ $# -ge 2 ] || usage; flavor=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --ort-libs) [ $# -ge 2 ] || usage; ort_libs=$2; flavor=native; shift 2 ;;
    -h|--help) usage ;;
    *) echo "publish: unknown argument '$1'" >&2; usage ;;
  esac
done

case "$target" in
  jetson|snapdragon) rid=linux-arm64 ;;
  x64) rid=linux-x64 ;;
  *) echo "publish: unknown target '$target' (expected jetson, snapdragon or x64)" >&2; usage ;;
esac
case "$flavor" in
  cpu|native) ;;
  gpu) [ "$rid" = linux-x64 ] || die "the gpu flavor is x64 only (NuGet ships no CUDA ORT for aarch64); for $target use --flavor native --ort-libs DIR with the board's libonnxruntime.so (native/README.md)" ;;
  *) echo "publish: unknown flavor '$flavor' (expected cpu, gpu or native)" >&2; usage ;;
esac
if [ -n "$ort_libs" ]; then
  [ -d "$ort_libs" ] || die "--ort-libs $ort_libs: no such folder"
  compgen -G "$ort_libs/libonnxruntime.so*" >/dev/null || die "--ort-libs $ort_libs: no libonnxruntime.so* in it"
fi
out=${out:-$root/artifacts/bundles/$target-$flavor}
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

# Versions: the packages pinned centrally; which one ships depends on the flavor.
pkg_version() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props" | head -1; }
genai=$(sed -n 's/.*<EdgeAIGenAIVersion>\([^<]*\)<.*/\1/p' "$root/Directory.Packages.props" | head -1)
case "$flavor" in
  cpu) ort=$(pkg_version Microsoft.ML.OnnxRuntime); ort_native="bundled (Microsoft.ML.OnnxRuntime $ort)" ;;
  gpu) ort=$(pkg_version Microsoft.ML.OnnxRuntime.Gpu.Linux); ort_native="bundled (Microsoft.ML.OnnxRuntime.Gpu.Linux $ort)" ;;
  native) ort=$(pkg_version Microsoft.ML.OnnxRuntime.Managed); ort_native=$([ -n "$ort_libs" ] && echo "ort/ (from --ort-libs)" || echo "the board's (EDGEAI_ORT_LIB)") ;;
esac

commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
dirty=""
[ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] && dirty="-dirty"
version="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$dirty-$target-$flavor"

if [ "$rid" = linux-arm64 ]; then
  compile=ReadyToRun
  aot_args=(-p:PublishAot=false -p:PublishReadyToRun=true --self-contained)
else
  compile=NativeAOT
  aot_args=()
fi

echo "publish: $target ($rid, flavor $flavor, $compile) -> $out" >&2
rm -rf "$out"
dotnet publish "$root/tools/EdgeAI.Cli/EdgeAI.Cli.csproj" -c Release -r "$rid" "${aot_args[@]}" \
  -p:EdgeAIOrtFlavor="$flavor" -o "$out" -nologo -v quiet -clp:"ErrorsOnly;NoSummary" >&2
# Symbols and XML docs are for developers, not the board.
find "$out" -maxdepth 1 \( -name '*.pdb' -o -name '*.xml' \) -delete
# The LTTng tracepoint provider: loaded only when liblttng-ust is installed, which no dev kit image has; without it
# the bundle would carry a library whose dependency cannot resolve.
rm -f "$out/libcoreclrtraceptprovider.so"
# Localized resource folders of third-party packages: unused (the CLI speaks English, InvariantGlobalization).
find "$out" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended -regex '.*/[a-z]{2}(-[A-Za-z]{2,4})?' -exec rm -rf {} +

mkdir -p "$out/deploy"
cp "$root/deploy/edgeai.service" "$out/deploy/"
ort_env="# EDGEAI_ORT_LIB=/opt/edgeai/current/ort/libonnxruntime.so"
if [ -n "$ort_libs" ]; then
  mkdir -p "$out/ort"
  cp -a "$ort_libs"/. "$out/ort/"
  ort_env="EDGEAI_ORT_LIB=/opt/edgeai/current/ort/$(cd "$out/ort" && ls libonnxruntime.so* | sort | head -1)"
fi
sed "s|^# *EDGEAI_ORT_LIB=.*|$ort_env|" "$root/deploy/edgeai.env" > "$out/deploy/edgeai.env"

cat > "$out/VERSION" <<EOF
version=$version
commit=$commit$dirty
target=$target
rid=$rid
flavor=$flavor
compile=$compile
onnxruntime=$ort
onnxruntime_native=$ort_native
onnxruntime_genai=$genai
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF

size=$(du -sm "$out" | cut -f1)
echo "publish: $out ($size MiB), version $version" >&2
echo "$out"
