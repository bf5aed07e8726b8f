#!/usr/bin/env bash
# Which conv VAE gets furthest in a short wall-clock budget: each configuration trained for MINUTES
# (default 4) on dynamically binarized Fashion-MNIST (seed 1, 2 threads), one after the other; prints
# each epoch's cumulative training seconds and test -ELBO (nats), to compare at equal time.
# The default list: the PyTorch twin's architecture (32,64 / 256 / latent 20) and one change each.
# Usage: bench/conv-configs.sh [MINUTES] ["NAME:FLAGS" ...]
#   VAE4J=path/to/launcher runs another build (a frozen copy, so that rebuilding cannot disturb the runs)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
minutes=${1:-4}
shift || true
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(
  "twin:--channels 32,64 --hidden 256 --latent 20"
  "latent-32:--channels 32,64 --hidden 256 --latent 32"
  "lr-2e-3:--channels 32,64 --hidden 256 --latent 20 --lr 2e-3"
  "hidden-512:--channels 32,64 --hidden 512 --latent 20"
  "batch-64:--channels 32,64 --hidden 256 --latent 20 --batch 64"
  "batch-256:--channels 32,64 --hidden 256 --latent 20 --batch 256 --lr 1.5e-3"
  "three-convs:--channels 32,64,128 --hidden 256 --latent 20"
  "wide-convs:--channels 64,128 --hidden 256 --latent 20")
cd "$root"
vae4j=${VAE4J:-bin/vae4j}
[ -n "${VAE4J:-}" ] || [ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
out="$root/bench/out/conv-configs"
mkdir -p "$out"
for config in "${configs[@]}"; do
  name=${config%%:*}
  read -r -a flags <<< "${config#*:}"
  rm -rf "${out:?}/$name"
  "$vae4j" train --data fashion-mnist --binarize --epochs 1000 --time-limit "$minutes" --seed 1 --eval-k 0 --quiet \
    --model vae --arch conv "${flags[@]}" --out "$out/$name" > "$out/$name.log"
  python3 - "$out/$name/metrics.jsonl" "$name" <<'PY'
import json, sys
seconds, points = 0.0, []
for line in open(sys.argv[1]):
    row = json.loads(line)
    seconds += row["seconds"]
    points.append("%d:%.0fs:%.2f" % (row["epoch"], seconds, row["test_loss"]))
print("%-12s epoch:seconds:test -ELBO  %s" % (sys.argv[2], " ".join(points)), flush=True)
PY
done
