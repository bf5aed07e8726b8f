#!/usr/bin/env bash
# Epoch times on the digits (MLP VAE 784-400-20, batch 128, 2 threads) under OpenMP wait settings, on a
# quiet machine and beside one busy process (`yes > /dev/null`, one core). libtorch's OpenMP threads
# spin while they wait for work; beside another process the spinning steals its core. The settings take
# turns, ROUNDS times, so the machine's slow and fast phases fall on all of them alike; each run's figure
# is its median epoch after the first, and the table gives each setting's median over the rounds.
# Usage: bench/busy-machine.sh [EPOCHS] [REGIMES] [ROUNDS]   (defaults: 4, "quiet busy", 3)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-4}
regimes=${2:-quiet busy}
rounds=${3:-3}
cd "$root"
[ -x bin/vae4j ] && [ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
out=$(mktemp -d)
hog=
trap 'rm -rf "$out"; [ -n "$hog" ] && kill "$hog" 2>/dev/null || true' EXIT
labels=("libgomp's default" "OMP_WAIT_POLICY=PASSIVE" "GOMP_SPINCOUNT=10000" "bin/vae4j as it is")
envs=("VAE4J_OMP_DEFAULTS=1" "VAE4J_OMP_DEFAULTS=1 OMP_WAIT_POLICY=PASSIVE" "VAE4J_OMP_DEFAULTS=1 GOMP_SPINCOUNT=10000" "X=1")
median_epoch() {
  python3 -c 'import json,statistics,sys; print("%.3f" % statistics.median(json.loads(l)["seconds"] for l in open(sys.argv[1]).readlines()[1:]))' "$1"
}
for regime in $regimes; do
  if [ "$regime" = busy ]; then yes > /dev/null & hog=$!; fi
  for i in "${!labels[@]}"; do : > "$out/times-$i"; done
  for r in $(seq 1 "$rounds"); do
    for i in "${!labels[@]}"; do
      rm -rf "$out/run"
      # shellcheck disable=SC2086
      env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT ${envs[$i]} bin/vae4j train --data digits --epochs "$epochs" \
        --eval-k 0 --quiet --out "$out/run" > /dev/null
      median_epoch "$out/run/metrics.jsonl" >> "$out/times-$i"
    done
  done
  echo "$regime (median epoch over $rounds rounds; each round's figure):"
  for i in "${!labels[@]}"; do
    python3 -c 'import statistics,sys; t=[float(x) for x in open(sys.argv[2])]; print("  %-26s %.3f s   %s" % (sys.argv[1], statistics.median(t), " ".join("%.3f" % x for x in t)))' \
      "${labels[$i]}" "$out/times-$i"
  done
  if [ -n "$hog" ]; then kill "$hog"; wait "$hog" 2>/dev/null || true; hog=; fi
done
