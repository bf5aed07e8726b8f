#!/usr/bin/env bash
# Issue 5's decoders for lossless coding: a proper pmf over the 256 levels of each 8-bit pixel, so that
# -log2 p(x) / D is a code length in bits per dimension (what BB-ANS achieves up to a small overhead).
# Trains one VAE per family, discretized-logistic and beta-binomial, identical otherwise (MLP
# 784-HIDDEN-LATENT, Adam 1e-3, batch 128, seed 1), and scores each on the first N test images with
# 'vae4j evaluate --json --k K' (same images, same noise seed): the test -ELBO and the IWAE estimate of
# -log p(x), both in bits per dimension. The BB-ANS paper's anchor (8-bit MNIST, not Fashion): a VAE with
# a beta-binomial decoder, -ELBO 1.39 bits/dim.
#
# Usage: bench/discrete-likelihoods.sh [EPOCHS] [DATA] [N] [K]   (defaults: 10, fashion-mnist, 1000, 1000;
#   9.3 minutes on the 2 shared cores, measured 2026-11-24: 10-13 s per epoch, and IWAE k = 1000 on 1000
#   images took about 2 min for the logistic and 3 min for the beta-binomial, whose lgamma runs in float64)
#   HIDDEN=512,256 LATENT=32 choose another architecture; VAE4J=path/to/launcher runs another build.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
data=${2:-fashion-mnist}
n=${3:-1000}
k=${4:-1000}
hidden=${HIDDEN:-400}
latent=${LATENT:-20}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait (2 cores shared with other work)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/discrete-likelihoods"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

echo "data $data; VAE 784-$hidden-$latent, $epochs epochs, seed 1; IWAE k = $k on the first $n test images"
csv="$out/bits-per-dim.csv"
echo "likelihood,seconds_per_epoch,neg_elbo_bits_per_dim,iwae_bits_per_dim,iwae_std_err_bits_per_dim,kl_nats" > "$csv"
printf '%-22s %9s %16s %16s %12s\n' likelihood "s/epoch" "-ELBO bits/dim" "IWAE bits/dim" "std err"
for likelihood in discretized-logistic beta-binomial; do
  run="$out/$likelihood"
  rm -rf "$run"
  "$vae4j" train --data "$data" --hidden "$hidden" --latent "$latent" --likelihood "$likelihood" \
    --epochs "$epochs" --batch 128 --lr 1e-3 --seed 1 --quiet --out "$run" > "$run.log"
  "$vae4j" evaluate --model "$run" --data "$data" --json --k "$k" --n "$n" --quiet > "$run.json"
  python3 - "$run" "$likelihood" "$csv" <<'PY'
import json, math, statistics, sys
run, likelihood, csv = sys.argv[1:4]
seconds = statistics.median(json.loads(l)["seconds"] for l in open(run + "/metrics.jsonl"))
r = json.load(open(run + ".json"))
dims = r["nll"] / r["bits_per_dim"] / math.log(2)       # D, from nll = bits_per_dim * D * ln 2
elbo_bits = -r["elbo"] / (dims * math.log(2))
err_bits = r["nll_std_err"] / (dims * math.log(2))
print("%-22s %9.2f %16.4f %16.4f %12.4f" % (likelihood, seconds, elbo_bits, r["bits_per_dim"], err_bits))
with open(csv, "a") as f:
    f.write("%s,%.3f,%.6f,%.6f,%.6f,%.4f\n" % (likelihood, seconds, elbo_bits, r["bits_per_dim"], err_bits, r["kl"]))
PY
done
echo "wrote $csv"
