#!/usr/bin/env bash
# The class-conditional VAE's analogies keep the label: trains a CVAE on the MNIST digits (2-D latent,
# so that the class must come from the label and z keeps only the style), decodes the codes of 100 test
# images with every label, and has a logistic regression trained on the raw training pixels say how
# many of the 1000 generated images show their intended label.
# Usage: bench/cvae-analogies.sh [EPOCHS] [LATENT]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-30}
latent=${2:-2}
out="$root/bench/out/cvae-l$latent"
cd "$root"
[ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
rm -rf "$out"
bin/vae4j train --data digits --model cvae --latent "$latent" --epochs "$epochs" --seed 1 --quiet --out "$out" | tail -n 2
bin/vae4j analogy --model "$out" --data digits --n 100 --check --out "$out/analogies-100.png"
bin/vae4j analogy --model "$out" --data digits --n 8 --out "$out/analogies.png"
