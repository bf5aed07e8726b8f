#!/usr/bin/env bash
# The lecture's claim (Cremer, Li and Duvenaud 2018): the encoder's amortized q(z|x) is not the best
# diagonal Gaussian for each x, and a diagonal Gaussian is not the true posterior, so
#   ELBO(encoder's q) < ELBO(refined q) < log p(x).
# Trains pytorch/examples' VAE (MLP 784-400-20, Bernoulli decoder, Adam 1e-3, batch 128, seed 1), then
# 'vae4j refine' on the first N test images: per example, Adam (100 steps, lr 0.01, 10 draws per step)
# moves the mean and log-variance of q from the encoder's output to maximize that example's ELBO, the
# model fixed. Both ELBOs are estimated from the same 1000 fresh draws per example, log p(x) by IWAE with
# k = 1000. Prints the table and whether each inequality holds by more than 3 standard errors of the
# per-example differences. The run, refine.csv, refine-summary.csv and refine.png stay in
# bench/out/amortization-gap/.
#
# Usage: bench/amortization-gap.sh [EPOCHS] [N] [DATA]   (defaults: 10, 500, fashion-mnist; about 2 minutes
#   on 2 cores: 1 to train, under 1 to refine)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
n=${2:-500}
data=${3:-fashion-mnist}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/amortization-gap"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

# refine never overwrites its results: start from a clean folder
rm -rf "$out/run" "$out/refine"
"$vae4j" train --data "$data" --epochs "$epochs" --seed 1 --quiet --out "$out/run" > "$out/train.log"
echo "data $data; VAE 784-400-20 (Bernoulli), $epochs epochs, seed 1: $(grep '^done' "$out/train.log")"
"$vae4j" refine --model "$out/run" --data "$data" --n "$n" --steps 100 --lr 0.01 --samples 10 --draws 1000 \
  --k 1000 --seed 1 --quiet --out "$out/refine" | tee "$out/refine.log"

python3 - "$out/refine/refine-summary.csv" <<'EOF'
import csv, sys
rows = {r["quantity"]: (float(r["nats"]), float(r["std_err"])) for r in csv.DictReader(open(sys.argv[1]))}
for name, claim in (("amortization_gap", "refined ELBO > amortized ELBO"),
                    ("approximation_gap", "refined ELBO < IWAE estimate")):
    gap, se = rows[name]
    verdict = "holds" if gap > 3 * se else "NOT shown"
    print("%-32s %s: gap %.3f nats, %.1f standard errors" % (claim, verdict, gap, gap / se if se > 0 else float("nan")))
EOF
echo "plot: $out/refine/refine.png"
