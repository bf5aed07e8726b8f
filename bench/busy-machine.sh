#!/usr/bin/env bash
# Epoch times on the digits (MLP VAE 784-400-20, batch 128, 2 threads) under OpenMP wait settings, on a
# quiet machine and beside one busy process (`yes > /dev/null`, one core). libtorch's OpenMP threads
# spin while they wait for work; beside another process the spinning steals its core.
# Usage: bench/busy-machine.sh [EPOCHS] [REGIMES, default "quiet busy"]   (prints the median epoch seconds of each setting and regime)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-4}
cd "$root"
[ -x bin/vae4j ] && [ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"; [ -n "${hog:-}" ] && kill "$hog" 2>/dev/null || true' EXIT
median() {
  python3 -c 'import json,statistics,sys; print("%.3f" % statistics.median(json.loads(l)["seconds"] for l in open(sys.argv[1]).readlines()[1:]))' "$1"
}
run() { # label, then env assignments
  local label=$1; shift
  rm -rf "$out/run"
  env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT "$@" bin/vae4j train --data digits --epochs "$epochs" --eval-k 0 --quiet --out "$out/run" > /dev/null
  printf '  %-28s median epoch %s s (load %s)\n' "$label" "$(median "$out/run/metrics.jsonl")" "$(cut -d' ' -f1 /proc/loadavg)"
}
settings=("libgomp's default:VAE4J_OMP_DEFAULTS=1" "OMP_WAIT_POLICY=PASSIVE:VAE4J_OMP_DEFAULTS=1 OMP_WAIT_POLICY=PASSIVE"
  "GOMP_SPINCOUNT=10000:VAE4J_OMP_DEFAULTS=1 GOMP_SPINCOUNT=10000" "bin/vae4j as it is:VAE4J_OMP_DEFAULTS=")
regimes=${2:-quiet busy}
for regime in $regimes; do
  echo "$regime:"
  if [ "$regime" = busy ]; then yes > /dev/null & hog=$!; fi
  for s in "${settings[@]}"; do
    # shellcheck disable=SC2086
    run "${s%%:*}" ${s#*:}
  done
done
