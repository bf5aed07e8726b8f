#!/usr/bin/env bash
# Issue 4's claim: a learned prior raises the marginal likelihood over the standard normal prior on the
# same architecture. Trains three VAEs that differ only in p(z): standard N(0, I), a mixture of MOG_K
# Gaussians with trainable weights, means and variances (mog), and the VampPrior with VAMP_K trainable
# pseudo-inputs (vamp); all MLP 784-400-20, Bernoulli decoder on grayscale values, Adam 1e-3, batch 128,
# seed 1 (so the encoder and decoder start identical). Each is evaluated on the first N test images with
# 'vae4j evaluate --k 1000 --json' (same images, same noise seed): the IWAE estimate of -log p(x), the
# ELBO and its KL term (the KL of a learned prior is a one-sample Monte Carlo estimate).
#
# Usage: bench/learned-prior.sh [EPOCHS] [DATA] [N]   (defaults: 20, fashion-mnist, 1000; about 10 minutes
#   on 2 cores: an epoch takes about 3.5 s standard, 4 s mog, 5 s vamp with 100 components)
#   MOG_K=10 VAMP_K=100 set the numbers of components; VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-20}
data=${2:-fashion-mnist}
n=${3:-1000}
mog_k=${MOG_K:-10}
vamp_k=${VAMP_K:-100}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/learned-prior"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

echo "data $data; VAE 784-400-20, Bernoulli decoder, $epochs epochs, seed 1; IWAE k = 1000 on the first $n test images"
runs=()
names=()
for spec in "standard:0" "mog:$mog_k" "vamp:$vamp_k"; do
  prior=${spec%%:*}
  k=${spec##*:}
  run="$out/$prior"
  rm -rf "$run"
  flags=(--prior "$prior")
  label=$prior
  if [ "$prior" != standard ]; then
    flags+=(--components "$k")
    label="$prior K=$k"
  fi
  "$vae4j" train --data "$data" --hidden 400 --latent 20 --likelihood bernoulli --epochs "$epochs" --batch 128 \
    --lr 1e-3 --seed 1 "${flags[@]}" --quiet --out "$run" > "$run.log"
  seconds=$(python3 -c 'import json,sys,statistics
print("%.2f" % statistics.median(json.loads(l)["seconds"] for l in open(sys.argv[1])))' "$run/metrics.jsonl")
  echo "trained $label: median $seconds s per epoch"
  runs+=("$run")
  names+=("$label")
done
# one table, CSV and PNG: each model scored as 'vae4j evaluate' does, on the same images with the same noise
(IFS=,; "$vae4j" compare --runs "${runs[*]}" --names "${names[*]}" --data "$data" --k 1000 --n "$n" --quiet \
  --out "$out/compare") | sed -n '/^rate-distortion/,$p'
