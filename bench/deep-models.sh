#!/usr/bin/env bash
# Issue 11's table: four models on dynamically binarized Fashion-MNIST, each trained for the same
# wall-clock budget (--time-limit, default 10 minutes; 2 threads; seed 1), then scored together by
# `compare --data` (IWAE k=1000 on the same 1000 test images with the same noise for every model), and
# their samples side by side (samples.png).
#   MLP VAE:        784-400-20 (pytorch/examples)
#   conv VAE:       the PyTorch twin's architecture (channels 32,64, dense 256, latent 20)
#   MLP HVAE:       Burda et al.'s two stochastic layers, bottom-up inference, --latent 64,32
#   conv HVAE:      top-down (ladder/NVAE) inference over the conv network, --latent 64,32, KL warm-up
#
# Usage: bench/deep-models.sh [MINUTES] [OUT]   (a run whose model/ exists is kept: delete it to retrain)
#   VAE4J=path/to/launcher runs another build (a copy, so that rebuilding meanwhile cannot break the runs)
#   OMP_WAIT_POLICY=ACTIVE lets libgomp's threads spin, as bin/vae4j does on a quiet machine (the default
#   here is PASSIVE, robust when something else runs; on one day a conv epoch took 17.6-17.8 s with it, 15.6 s spinning)
#   CONV_EPOCHS=N also continues a copy of the conv VAE past the budget to epoch N (--resume, out of the
#   time limit) and scores it in the same comparison: how far the conv VAE gets with more time
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
minutes=${1:-10}
out=${2:-$root/bench/out/deep-models}
cd "$root"
vae4j=${VAE4J:-bin/vae4j}
[ -n "${VAE4J:-}" ] || [ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
mkdir -p "$out"
common=(--data fashion-mnist --binarize --epochs 1000 --time-limit "$minutes" --seed 1 --eval-k 0 --quiet)
train() {
  local name=$1; shift
  if [ -d "$out/$name/model" ]; then
    echo "$name: kept ($(wc -l < "$out/$name/metrics.jsonl") epochs)"
    return
  fi
  rm -rf "${out:?}/$name"
  echo "$name: load average before $(cut -d' ' -f1-3 /proc/loadavg)"
  "$vae4j" train "${common[@]}" --out "$out/$name" "$@" | grep '^done'
  echo "$name: $(wc -l < "$out/$name/metrics.jsonl") epochs in $minutes minutes; load average after $(cut -d' ' -f1-3 /proc/loadavg)"
}
train mlp-vae   --model vae --hidden 400 --latent 20
train conv-vae  --model vae --arch conv --channels 32,64 --hidden 256 --latent 20
train mlp-hvae  --model hvae --inference bottom-up --hidden 400 --latent 64,32
train conv-hvae --model hvae --inference top-down --arch conv --channels 32,64 --hidden 256 --latent 64,32 --warmup 3
runs="$out/mlp-vae,$out/conv-vae,$out/mlp-hvae,$out/conv-hvae"
names="MLP VAE,conv VAE,MLP HVAE (bottom-up),conv HVAE (top-down)"
if [ -n "${CONV_EPOCHS:-}" ]; then
  long="$out/conv-vae-$CONV_EPOCHS-epochs"
  if [ ! -d "$long/model" ] || [ "$(wc -l < "$long/metrics.jsonl")" -lt "$CONV_EPOCHS" ]; then
    rm -rf "$long"
    cp -r "$out/conv-vae" "$long"
    # the model and its training settings (binarized, seed) come from the run folder
    "$vae4j" train --data fashion-mnist --epochs "$CONV_EPOCHS" --eval-k 0 --quiet --resume --out "$long" | grep '^done'
  fi
  runs="$runs,$long"
  names="$names,conv VAE $CONV_EPOCHS epochs"
fi
"$vae4j" compare --runs "$runs" --names "$names" \
  --data fashion-mnist --k 1000 --n 1000 --samples 64 --quiet --out "$out/compare"
