#!/usr/bin/env bash
# The lecture's claim: a deep auto-encoder with a code of size d reconstructs the test set with a lower
# mean squared error than PCA with d components, for d = 2, 8, 32.
# For each d: trains an auto-encoder (MLP 784-512-256-d and back, Gaussian decoder of fixed sigma 0.1,
# so the loss is the squared error; Adam 1e-3, batch 128, seed 1) and compares the test reconstruction
# MSE per dimension of its decoder means ('vae4j evaluate', key mse) with that of PCA fitted on the
# training split ('vae4j pca'). Prints one table row per d.
#
# Usage: bench/ae-vs-pca.sh [EPOCHS] [DATA]        (defaults: 10, fashion-mnist; about 4 minutes on 2 cores)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
data=${2:-fashion-mnist}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/ae-vs-pca"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi
last_json() { tail -n 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())[sys.argv[1]])' "$1"; }

echo "data $data; auto-encoder 784-512-256-d, Gaussian decoder (sigma 0.1), $epochs epochs, seed 1"
printf "%4s  %10s  %10s  %10s  %8s  %s\n" d "pca var" "pca mse" "ae mse" "ae/pca" "lower"
for d in 2 8 32; do
  run="$out/ae-$d"
  rm -rf "$run"
  "$vae4j" train --data "$data" --model ae --likelihood gaussian --sigma 0.1 --hidden 512,256 --latent "$d" \
    --epochs "$epochs" --batch 128 --lr 1e-3 --seed 1 --quiet --out "$run" > "$run.log"
  ae=$("$vae4j" evaluate --model "$run" --data "$data" --json --quiet | last_json mse)
  pca_json=$("$vae4j" pca --data "$data" --latent "$d" --json | tail -n 1)
  pca=$(echo "$pca_json" | last_json mse)
  var=$(echo "$pca_json" | last_json explained_variance_fraction)
  python3 -c 'import sys
d, var, pca, ae = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print("%4d  %10.4f  %10.6f  %10.6f  %8.3f  %s" % (d, var, pca, ae, ae / pca, "AE" if ae < pca else "PCA"))' \
    "$d" "$var" "$pca" "$ae"
done
echo "(pca var: fraction of the training variance PCA keeps; mse: test mean squared error per dimension)"
