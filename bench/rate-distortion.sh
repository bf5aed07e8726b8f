#!/usr/bin/env bash
# The lecture's claim: the beta of a beta-VAE trades rate for distortion. Trains pytorch/examples' VAE
# (MLP 784-400-20, Bernoulli decoder, Adam 1e-3, batch 128, seed 1) with beta = 0.5, 1, 2 and 4 for the
# same epochs, and plots each run's final test KL (the rate) against its test reconstruction term (the
# distortion), and the four training curves (compare). A larger beta should give a lower rate and a higher
# distortion.
#
# Usage: bench/rate-distortion.sh [EPOCHS] [DATA] [BETAS]
#   (defaults: 10, fashion-mnist, "0.5 1 2 4"; about 3 minutes on 2 cores)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
data=${2:-fashion-mnist}
betas=${3:-0.5 1 2 4}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/rate-distortion"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

runs=()
names=()
for beta in $betas; do
  rm -rf "${out:?}/beta-$beta"
  "$vae4j" train --data "$data" --beta "$beta" --epochs "$epochs" --seed 1 --quiet --out "$out/beta-$beta" \
    > "$out/beta-$beta.log"
  runs+=("$out/beta-$beta")
  names+=("beta=$beta")
done
echo "data $data, $epochs epochs, MLP 784-400-20, seed 1: beta-VAE rate and distortion"
"$vae4j" compare --runs "$(IFS=,; echo "${runs[*]}")" --names "$(IFS=,; echo "${names[*]}")" --out "$out/compare"
echo "pictures: $out/compare/rate-distortion.png, $out/compare/curves.png"
