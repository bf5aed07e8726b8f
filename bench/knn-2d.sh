#!/usr/bin/env bash
# The lecture's claim: on 2-D maps, classes separate better for a VAE or an auto-encoder than for PCA.
# Trains a VAE (Bernoulli decoder) and an auto-encoder (Gaussian decoder, sigma 0.1), both MLP
# 784-512-256-2 and back, Adam 1e-3, batch 128, seed 1; then for each and for PCA with 2 components,
# fits k-nearest-neighbours (k = 5, Euclidean, majority vote) on the 2-D codes of the training set and
# prints its accuracy on the test set's codes. The three maps are left in bench/out/knn-2d/ to be put
# side by side.
#
# Usage: bench/knn-2d.sh [EPOCHS] [DATA]        (defaults: 10, fashion-mnist; about 3 minutes on 2 cores)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
data=${2:-fashion-mnist}
vae4j=${VAE4J:-$root/bin/vae4j}
# OpenMP threads sleep instead of spinning while they wait: on 2 cores shared with other work, spinning made
# epochs many times slower
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/knn-2d"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi
accuracy() { grep -o 'accuracy on [^:]*: [0-9.]*' | tail -n 1 | awk '{print $NF}'; }

rm -rf "$out/vae" "$out/ae"
"$vae4j" train --data "$data" --model vae --likelihood bernoulli --hidden 512,256 --latent 2 --epochs "$epochs" \
  --seed 1 --quiet --out "$out/vae" > "$out/vae.log"
"$vae4j" train --data "$data" --model ae --likelihood gaussian --sigma 0.1 --hidden 512,256 --latent 2 \
  --epochs "$epochs" --seed 1 --quiet --out "$out/ae" > "$out/ae.log"
vae=$("$vae4j" map --model "$out/vae" --data "$data" --knn 5 --out "$out/map-vae.png" | accuracy)
ae=$("$vae4j" map --model "$out/ae" --data "$data" --knn 5 --out "$out/map-ae.png" | accuracy)
pca=$("$vae4j" pca --data "$data" --latent 2 --knn 5 --out "$out/map-pca.png" | accuracy)

echo "data $data; k-NN (k = 5) test accuracy on 2-D codes ($epochs epochs, MLP 784-512-256-2, seed 1)"
printf "%-28s  %8s\n" "codes" "accuracy"
printf "%-28s  %8s\n" "VAE (means of q(z|x))" "$vae"
printf "%-28s  %8s\n" "auto-encoder (f(x))" "$ae"
printf "%-28s  %8s\n" "PCA (2 components)" "$pca"
echo "maps: $out/map-vae.png, $out/map-ae.png, $out/map-pca.png"
