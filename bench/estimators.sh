#!/usr/bin/env bash
# The lecture's claim: the score-function (REINFORCE) gradient is far noisier than the reparameterized one,
# so a VAE trained with it learns visibly worse. Trains pytorch/examples' VAE (MLP 784-400-20, Bernoulli
# decoder, Adam 1e-3, batch 128, seed 1) twice on the same data for the same epochs, once with
# --estimator reparam and once with --estimator score (REINFORCE with a moving-average baseline, decay
# 0.9), and puts both curves in one picture (compare). Then measures, on the reparam model and a fixed
# batch of 100 test examples, the variance of the encoder's gradient under reparam, score and score with
# a per-example baseline for S = 1, 10, 100 samples per example (gradvar, 50 estimates each).
#
# Usage: bench/estimators.sh [EPOCHS] [DATA] [REPEATS]   (defaults: 10, digits, 50; about 3 minutes on 2 cores)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
data=${2:-digits}
repeats=${3:-50}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/estimators"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

for estimator in reparam score; do
  rm -rf "${out:?}/$estimator"
  "$vae4j" train --data "$data" --estimator "$estimator" --epochs "$epochs" --seed 1 --quiet \
    --out "$out/$estimator" > "$out/$estimator.log"
done
echo "data $data, $epochs epochs, MLP 784-400-20, seed 1: reparam against score-function training"
"$vae4j" compare --runs "$out/reparam,$out/score" --names reparam,score --out "$out/compare"
echo
"$vae4j" gradvar --model "$out/reparam" --data "$data" --samples 1,10,100 --repeats "$repeats" --batch 100 \
  --seed 1 --quiet --out "$out/gradvar"
echo "pictures: $out/compare/curves.png, $out/compare/rate-distortion.png, $out/gradvar/gradvar.png"
