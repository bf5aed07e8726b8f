#!/usr/bin/env bash
# A colour dataset trained end to end: the colour photos Debian's python3-skimage ships (astronaut, cat,
# coffee, motorcycle, rocket, retina, Hubble deep field, IHC stain, a colour wheel), cut into 32x32 tiles,
# one class folder per photo, with a seeded 20% test split; a conv VAE (Bernoulli on [0,1] values, the
# PyTorch twin's architecture with 3 channels) trained on it. Writes the run folder with its colour
# pictures (samples.png, reconstructions.png, map.png, report.html).
# Usage: bench/colour-tiles.sh [EPOCHS] [OUT]   (default 40 epochs; about 3 minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-40}
out=${2:-$root/bench/out/colour-tiles}
cd "$root"
[ -x bin/vae4j ] && [ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python3-skimage > /dev/null && dpkg-deb -x python3-skimage_*.deb x)
photos="$work/x/usr/lib/python3/dist-packages/skimage/data"
rm -rf "$out" && mkdir -p "$out"
java bench/Tiles.java 32 300 "$out/tiles" "$photos"/{astronaut,chelsea,coffee,motorcycle_left,ihc,color}.png \
  "$photos"/{rocket,retina,hubble_deep_field}.jpg
bin/vae4j train --data "$out/tiles" --test-fraction 0.2 --arch conv --latent 32 --epochs "$epochs" --seed 1 \
  --quiet --out "$out/run"
bin/vae4j compare --runs "$out/run" --samples 64 --quiet --out "$out/compare" > /dev/null
echo "pictures: $out/run/samples.png, reconstructions.png, map.png, report.html"
