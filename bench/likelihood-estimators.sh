#!/usr/bin/env bash
# The lecture's claim: estimating log p(x) by sampling the prior, log (1/M) sum_j p(x|z_j) with z_j ~ p(z),
# is hopeless in a 20-D latent space - on a trained Fashion-MNIST VAE it is still far below the importance
# estimate at M = 10,000 - while importance sampling with the encoder, z_j ~ q(z|x) (the IWAE bound), is
# stable by M ~ 100. Trains pytorch/examples' VAE (MLP 784-400-20, Bernoulli decoder, Adam 1e-3, batch
# 128, seed 1) on Fashion-MNIST, or takes a trained run folder, then runs 'vae4j likelihood' with both
# estimators at M = 1, 10, 100, 1000, 10000 on N test images spread over the test set, and prints the table,
# the gap between the estimators at the largest M, and how much the importance estimate moves after M = 100.
#
# Usage: bench/likelihood-estimators.sh [RUN_DIR]   (default: train one for EPOCHS epochs into a temporary folder)
#   EPOCHS=10 N=500 SAMPLES=1,10,100,1000,10000 DATA=fashion-mnist (the defaults); about 7 minutes on 2 cores
#   for N = 500 after training (about 1 minute; M = 10,000 is 90% of the work). Smoke run: EPOCHS=1 N=20
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${EPOCHS:-10}
n=${N:-500}
samples=${SAMPLES:-1,10,100,1000,10000}
data=${DATA:-fashion-mnist}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/likelihood-estimators"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

if [ $# -ge 1 ]; then
  run=$1
  echo "model: $run"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  run="$tmp/vae"
  "$vae4j" train --data "$data" --model vae --likelihood bernoulli --hidden 400 --latent 20 --epochs "$epochs" \
    --seed 1 --quiet --out "$run" > "$out/train.log"
  echo "model: VAE 784-400-20 trained $epochs epochs on $data ($(tail -n 2 "$out/train.log" | head -n 1))"
fi
"$vae4j" likelihood --model "$run" --data "$data" --estimator both --samples "$samples" --n "$n" --seed 1 --quiet \
  --out "$out"

csv="$out/likelihood.csv"
awk -F, 'NR > 1 { est[$1 "," $2] = $3; if ($2 + 0 > max) max = $2 + 0 }
  END {
    printf "at M = %d: prior %.3f, importance %.3f nats per example: prior sampling is %.3f nats below\n",
      max, est["prior," max], est["importance," max], est["importance," max] - est["prior," max]
    if (("importance,100") in est)
      printf "importance sampling from M = 100 to M = %d moves by %.3f nats\n", max,
        est["importance," max] - est["importance,100"]
  }' "$csv"
echo "table: $csv; plot: $out/likelihood.png"
