#!/usr/bin/env bash
# tools/flash.sh [user@]HOST --target jetson|snapdragon|x64 [--bundle DIR] [--rollback]
#                [--root DIR] [--port N] [--identity KEY] [--known-hosts FILE]
#
# Installs a bundle from tools/publish.sh on a dev kit over ssh:
#   1. copies it (rsync when both ends have it, else tar over ssh) into ROOT/.incoming/<version>;
#   2. runs `edgeai doctor --json` from the new folder on the target and prints the summary; a failed copy or a
#      failed doctor stops here, and the version that was running keeps running;
#   3. moves it to ROOT/<version> and switches ROOT/current to it atomically (ln -s to a temporary name, mv -T over
#      `current`), remembering the one before as ROOT/previous;
#   4. installs deploy/edgeai.service and restarts it when systemd runs the target (PID 1); otherwise says why not;
#      a unit that does not come up is switched back to the previous version.
# --rollback switches `current` back to `previous` (and restarts) instead.
# ROOT is /opt/edgeai unless --root or EDGEAI_FLASH_ROOT says otherwise (tests install into a temporary root).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() { echo "usage: tools/flash.sh [user@]HOST --target jetson|snapdragon|x64 [--bundle DIR] [--rollback] [--root DIR] [--port N] [--identity KEY] [--known-hosts FILE]" >&2; exit 2; }
say() { echo "flash: $*" >&2; }
die() { echo "flash: $*" >&2; exit 1; }

[ $# -ge 1 ] || usage
orig_args=("$@")
host=$1; shift
case "$host" in -*) usage ;; esac
target=""; bundle=""; rollback=0; root=${EDGEAI_FLASH_ROOT:-/opt/edgeai}; ssh_opts=(-o BatchMode=yes -o ConnectTimeout=10)
while [ $# -gt 0 ]; do
  case "$1" in
    --target) [ $# -ge 2 ] || usage; target=$2; shift 2 ;;
    --bundle) [ $# -ge 2 ] || usage; bundle=$2; shift 2 ;;
    --rollback) rollback=1; shift ;;
    --root) [ $# -ge 2 ] || usage; root=$2; shift 2 ;;
    --port) [ $# -ge 2 ] || usage; ssh_opts+=(-p "$2"); shift 2 ;;
    --identity) [ $# -ge 2 ] || usage; ssh_opts+=(-i "$2" -o IdentitiesOnly=yes); shift 2 ;;
    --known-hosts) [ $# -ge 2 ] || usage; ssh_opts+=(-o UserKnownHostsFile="$2" -o StrictHostKeyChecking=accept-new); shift 2 ;;
    -h|--help) usage ;;
    *) echo "flash: unknown argument '$1'" >&2; usage ;;
  esac
done
case "$target" in
  jetson|snapdragon) arch=aarch64 ;;
  x64) arch=x86_64 ;;
  "") echo "flash: --target is required" >&2; usage ;;
  *) echo "flash: unknown target '$target' (expected jetson, snapdragon or x64)" >&2; usage ;;
esac
case "$root" in /*) ;; *) die "--root $root: expected an absolute path" ;; esac

# Everything on the target runs through one ssh call per step; the script is sent on stdin-free argv (bash -c).
remote() { ssh "${ssh_opts[@]}" "$host" "bash -c $(printf '%q' "$1")"; }
q() { printf '%q' "$1"; }

# Restarts the unit when systemd runs the target; prints why not otherwise. Used after a switch and a rollback.
restart_script() {
  cat <<EOF
sudo=""; [ "\$(id -u)" -eq 0 ] || sudo="sudo -n"
if ! command -v systemctl >/dev/null 2>&1; then
  echo "flash: systemd step skipped: systemctl is not installed on \$(hostname)" >&2; exit 0
fi
if [ ! -d /run/systemd/system ]; then
  echo "flash: systemd step skipped: systemd is not PID 1 on \$(hostname) (no /run/systemd/system)" >&2; exit 0
fi
if [ $(q "$root") != /opt/edgeai ]; then
  echo "flash: systemd step skipped: the unit runs /opt/edgeai/current, and this install went to $(q "$root")" >&2; exit 0
fi
getent group edgeai >/dev/null || \$sudo groupadd --system edgeai
for g in video audio gpio; do getent group \$g >/dev/null || \$sudo groupadd --system \$g; done
getent passwd edgeai >/dev/null || \$sudo useradd --system --gid edgeai --groups video,audio,gpio --home-dir /var/lib/edgeai --no-create-home --shell /usr/sbin/nologin edgeai
\$sudo install -m 0644 $(q "$root")/current/deploy/edgeai.service /etc/systemd/system/edgeai.service
\$sudo systemctl daemon-reload
\$sudo systemctl enable edgeai.service >/dev/null 2>&1
\$sudo systemctl restart edgeai.service || { echo "flash: edgeai.service did not start" >&2; exit 3; }
echo "flash: edgeai.service: \$(systemctl is-active edgeai.service)" >&2
EOF
}

# Prints doctor's summary from its JSON: counts per status, then every check that is not ok.
doctor_summary() {
  local json=$1 ok warn missing
  ok=$(grep -o '"status":"ok"' <<<"$json" | wc -l || true)
  warn=$(grep -o '"status":"warning"' <<<"$json" | wc -l || true)
  missing=$(grep -o '"status":"missing"' <<<"$json" | wc -l || true)
  echo "doctor: $ok ok, $warn warnings, $missing missing"
  # One check per line: split the array at object boundaries, keep area/status/detail of the ones not ok.
  sed 's/},{/}\n{/g' <<<"$json" | grep -v '"status":"ok"' \
    | sed -n 's/.*"area":"\([^"]*\)","status":"\([a-z]*\)","detail":"\([^"]*\)".*/  \2 \1: \3/p' || true
}

if [ $rollback -eq 1 ]; then
  say "rolling back on $host ($root)"
  out=$(remote "set -e
    cd $(q "$root")
    [ -L previous ] || { echo 'flash: nothing to roll back to: no previous version' >&2; exit 4; }
    prev=\$(readlink previous); cur=\$(readlink current 2>/dev/null || true)
    [ -d \"\$prev\" ] || { echo \"flash: previous version \$prev is gone\" >&2; exit 4; }
    ln -sfn \"\$prev\" .current.tmp && mv -T .current.tmp current
    if [ -n \"\$cur\" ]; then ln -sfn \"\$cur\" .previous.tmp && mv -T .previous.tmp previous; fi
    echo \"\$cur -> \$prev\"") || die "rollback failed on $host"
  say "current: $out"
  remote "$(restart_script)" || die "the rolled-back version's unit did not start on $host"
  json=$(remote "$(q "$root")/current/edgeai doctor --json") || die "doctor failed after the rollback"
  doctor_summary "$json"
  exit 0
fi

bundle=${bundle:-$here/../artifacts/bundles/$target-cpu}
[ -f "$bundle/VERSION" ] || die "$bundle: no VERSION file (make the bundle with tools/publish.sh $target)"
[ -x "$bundle/edgeai" ] || die "$bundle: no edgeai executable"
version=$(sed -n 's/^version=//p' "$bundle/VERSION")
bundle_target=$(sed -n 's/^target=//p' "$bundle/VERSION")
[ -n "$version" ] || die "$bundle/VERSION: no version= line"
case "$version" in */*|.*|current|previous) die "$bundle/VERSION: version '$version' is not a folder name" ;; esac
[ "$bundle_target" = "$target" ] || die "$bundle is a $bundle_target bundle, not $target"

say "checking $host"
machine=$(remote "uname -m; mkdir -p $(q "$root")/.incoming && test -w $(q "$root") && echo writable; command -v rsync >/dev/null && echo rsync || true") \
  || die "cannot reach $host over ssh, or $root cannot be created there"
grep -qx writable <<<"$machine" || die "$root is not writable on $host"
remote_arch=$(head -1 <<<"$machine")
if [ "$remote_arch" != "$arch" ] && [ "${EDGEAI_FLASH_ANY_ARCH:-0}" != 1 ]; then
  die "$host is $remote_arch, a $target bundle needs $arch"
fi

staging="$root/.incoming/$version"
say "copying $version to $host:$staging"
if command -v rsync >/dev/null 2>&1 && grep -qx rsync <<<"$machine"; then
  rsync -a --delete -e "ssh $(printf '%q ' "${ssh_opts[@]}")" "$bundle/" "$host:$staging/" \
    || die "copy failed (rsync); $host still runs its previous version"
else
  remote "rm -rf $(q "$staging") && mkdir -p $(q "$staging")" || die "cannot create $staging on $host"
  tar -C "$bundle" -cf - . | ssh "${ssh_opts[@]}" "$host" "tar -C $(q "$staging") -xf -" \
    || die "copy failed (tar over ssh); $host still runs its previous version"
fi
# The copy is whole only if the executable and VERSION arrived unchanged.
remote_version=$(remote "cat $(q "$staging")/VERSION") || die "copy incomplete: no VERSION in $staging; $host still runs its previous version"
[ "$remote_version" = "$(cat "$bundle/VERSION")" ] || die "copy incomplete: VERSION differs on $host; $host still runs its previous version"

say "running doctor on $host"
if ! json=$(remote "$(q "$staging")/edgeai doctor --json"); then
  die "doctor failed on $host with $version; the previous version stays current (the copy is kept in $staging)"
fi
grep -q '"checks"' <<<"$json" || die "doctor on $host printed no report; the previous version stays current"
doctor_summary "$json"

say "switching $host to $version"
out=$(remote "set -e
  cd $(q "$root")
  cur=\$(readlink current 2>/dev/null || true)
  if [ \"\$cur\" = $(q "$version") ]; then
    # Already running this version: never move the folder that current points at; the fresh copy is dropped.
    rm -rf .incoming/$(q "$version"); echo \"$(q "$version") (already current)\"; exit 0
  fi
  rm -rf $(q "$version")
  mv -T .incoming/$(q "$version") $(q "$version")
  ln -sfn $(q "$version") .current.tmp && mv -T .current.tmp current
  if [ -n \"\$cur\" ] && [ \"\$cur\" != $(q "$version") ]; then ln -sfn \"\$cur\" .previous.tmp && mv -T .previous.tmp previous; fi
  echo \"\${cur:-none} -> $version\"") || die "switch failed on $host"
say "current: $out"

if ! remote "$(restart_script)"; then
  say "the unit did not come up with $version: rolling back"
  "$0" "${orig_args[@]}" --rollback || true
  exit 1
fi
say "done: $host runs $version"
