#!/usr/bin/env bash
# Lossless compression with a VAE by bits-back coding (BB-ANS, Townsend, Bird and Barber 2019).
# Trains a VAE with a Bernoulli decoder on dynamically binarized digits (MLP 784-512-256-20 and back,
# Adam 1e-3, batch 128, seed 1), then compresses the test split binarized once with the fixed seed that
# 'evaluate' uses, and prints bits per dimension of BB-ANS against the model's -ELBO and against gzip,
# bzip2 and PNG of the same pixels, with images per second for compress and decompress on 2 threads.
# With a second argument naming an 8-bit likelihood (discretized-logistic or beta-binomial, if this build
# has it), also trains one on DATA8 (default fashion-mnist) and compresses its 8-bit test images.
#
# Usage: bench/compression.sh [EPOCHS] [LIKELIHOOD8] [DATA8]   (defaults: 20, none, fashion-mnist;
#   about 1 minute on 2 cores for the binary part)
#   VAE4J=path/to/launcher runs another build of the tool. ARCH8="--arch conv --hidden 256" trains the
#   8-bit model with another architecture (default: --hidden 512,256); BINARY=0 skips the binary part.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-20}
likelihood8=${2:-}
data8=${3:-fashion-mnist}
vae4j=${VAE4J:-$root/bin/vae4j}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/compression"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

arch8=${ARCH8:---hidden 512,256}
if [ "${BINARY:-1}" != 0 ]; then
rm -rf "$out/binary"
"$vae4j" train --data digits --binarize --hidden 512,256 --latent 20 --epochs "$epochs" --seed 1 --quiet \
  --out "$out/binary/run" > "$out/binary.log"
echo "binarized digits, Bernoulli VAE, $epochs epochs (published BB-ANS: 0.19 bits/dim; bz2 0.25, gzip 0.33, PNG 0.78)"
"$vae4j" compress --report --model "$out/binary/run" --data digits --threads 2 --quiet --out "$out/binary"
fi

if [ -n "$likelihood8" ]; then
  rm -rf "$out/gray"
  # shellcheck disable=SC2086
  "$vae4j" train --data "$data8" --likelihood "$likelihood8" $arch8 --latent 20 --epochs "$epochs" \
    --seed 1 --quiet --out "$out/gray/run" > "$out/gray.log"
  echo
  echo "8-bit $data8, $likelihood8 VAE ($arch8), $epochs epochs (published BB-ANS on 8-bit MNIST: 1.41 bits/dim; bz2 1.42, gzip 1.64, PNG 2.79)"
  "$vae4j" compress --report --model "$out/gray/run" --data "$data8" --threads 2 --quiet --out "$out/gray"
fi
echo "tables: $out/*/compression.csv, plots: $out/*/compression.png"
