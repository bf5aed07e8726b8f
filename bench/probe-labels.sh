#!/usr/bin/env bash
# The lecture's claim: unlabelled data is plentiful, so codes learned without labels make a classifier
# from few labels better. Trains a VAE without labels (MLP 784-512-256-L, Bernoulli decoder, Adam 1e-3,
# batch 128, seed 1) on the whole training split, then 'vae4j probe': a logistic regression (l2 1e-3)
# fitted on N labelled training examples, on the VAE's codes, on PCA codes of the same size (PCA fitted
# on all training images) and on the raw pixels, for N = 100 and 1000 and five seeds of the labelled
# subset. Prints each seed's table and the means.
#
# Usage: bench/probe-labels.sh [EPOCHS] [DATA] [LATENT]   (defaults: 20, digits, 10; about 2 minutes;
#   fashion-mnist takes about 3 minutes at 10 epochs)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-20}
data=${2:-digits}
latent=${3:-10}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/probe-labels"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

rm -rf "$out/vae"
"$vae4j" train --data "$data" --model vae --likelihood bernoulli --hidden 512,256 --latent "$latent" \
  --epochs "$epochs" --seed 1 --quiet --out "$out/vae" > "$out/vae.log"
for seed in 1 2 3 4 5; do
  "$vae4j" probe --model "$out/vae" --data "$data" --labels 100,1000 --seed "$seed" --out "$out/probe-$seed.csv" \
    > "$out/probe-$seed.log"
done
python3 - "$out" "$data" "$latent" "$epochs" <<'PY'
import csv, statistics, sys
out, data, latent, epochs = sys.argv[1:]
rows = {}
print("data %s; VAE with L = %s, %s epochs; logistic regression (l2 1e-3), test accuracy" % (data, latent, epochs))
print("%6s  %4s  %10s  %10s  %10s" % ("labels", "seed", "vae codes", "pca codes", "pixels"))
for seed in range(1, 6):
    for r in csv.DictReader(open("%s/probe-%d.csv" % (out, seed))):
        n = int(r["labels"])
        rows.setdefault(n, []).append(r)
        print("%6d  %4d  %10s  %10s  %10s" % (n, seed, r["model"], r["pca"], r["pixels"]))
for n, rs in sorted(rows.items()):
    m = {k: statistics.mean(float(r[k]) for r in rs) for k in ("model", "pca", "pixels")}
    s = {k: statistics.stdev(float(r[k]) for r in rs) for k in ("model", "pca", "pixels")}
    print("%6d  mean  %10.4f  %10.4f  %10.4f   (sd over seeds %.4f, %.4f, %.4f)"
          % (n, m["model"], m["pca"], m["pixels"], s["model"], s["pca"], s["pixels"]))
PY
