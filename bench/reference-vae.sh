#!/usr/bin/env bash
# Side-by-side benchmark of vae4j against the PyTorch reference of ../shared/bench: the
# pytorch/examples VAE (MLP 784-400-20, ReLU, Bernoulli decoder on grayscale values, Adam 1e-3,
# batch 128, BCE(sum) + KL(sum)) on full Fashion-MNIST, 2 threads, 10 epochs.
# Runs in A-B-B-A order (vae4j, torch, torch, vae4j) and prints per-epoch seconds and test loss,
# the median epoch time of each run, the ratio vae4j / torch, peak RSS, RSS growth from epoch 1 to the
# last, and the IWAE (k=1000) test NLL on the first 1000 test images.
#
# With MODEL conv, the same for the small convolutional VAE of ../shared/bench/ref_convvae_pytorch.py
# (Conv 32, 64 -> 256 -> 20; 20 -> 256 -> 64x7x7 -> ConvTranspose 32, 1; vae4j --arch conv --channels 32,64).
#
# Usage: bench/reference-vae.sh [EPOCHS] [TORCH_VENV] [ROUNDS] [MODEL: mlp|conv]
#   TORCH_VENV (default /tmp/torchref) is made by ../shared/bench/setup-torch-reference.sh; without
#   it only vae4j runs.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
venv=${2:-/tmp/torchref}
rounds=${3:-1}
model=${4:-mlp}
case "$model" in
  mlp)  ref="$root/../shared/bench/ref_vae_pytorch.py"; arch=(--hidden 400) ;;
  conv) ref="$root/../shared/bench/ref_convvae_pytorch.py"; arch=(--arch conv --channels 32,64 --hidden 256) ;;
  *) echo "MODEL must be mlp or conv, got '$model'" >&2; exit 2 ;;
esac
out="$root/bench/out/$model"
mkdir -p "$out"
cd "$root"
[ -x bin/vae4j ] && [ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests

run_vae4j() {
  local dir="$out/vae4j-$1"
  rm -rf "$dir"
  bin/vae4j train --data fashion-mnist --model vae "${arch[@]}" --latent 20 --likelihood bernoulli \
    --epochs "$epochs" --batch 128 --lr 1e-3 --seed 1 --eval-k 0 --quiet --out "$dir" > "$dir.log"
  python3 - "$dir" <<'PY'
import json, statistics, sys, re
d = sys.argv[1]
rows = [json.loads(l) for l in open(d + "/metrics.jsonl")]
for r in rows:
    print("  epoch %2d  %6.3f s  test loss %8.3f  rss %6.1f MiB" % (r["epoch"], r["seconds"], r["test_loss"], r["rss_mib"]))
peak = re.search(r"peak RSS (\d+) MiB", open(d + ".log").read()).group(1)
med = statistics.median(r["seconds"] for r in rows)
print("  vae4j: median epoch %.3f s; test loss after epoch %d: %.3f; peak RSS %s MiB; RSS last/first epoch %.3f"
      % (med, rows[-1]["epoch"], rows[-1]["test_loss"], peak, rows[-1]["rss_mib"] / rows[0]["rss_mib"]))
open(d + ".median", "w").write(str(med))
PY
}

run_torch() {
  local log="$out/torch-$1.log"
  OMP_NUM_THREADS=2 "$venv/bin/python" "$ref" --data fashion --epochs "$epochs" --threads 2 --iwae-k 0 > "$log"
  python3 - "$log" <<'PY'
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0].isdigit():
        rows.append((int(f[0]), float(f[1]), float(f[3])))
        print("  epoch %2d  %6.3f s  test loss %8.3f" % rows[-1])
    elif "peak RSS after training" in line:
        peak = line.strip().split(":")[-1]
med = statistics.median(r[1] for r in rows)
print("  torch: median epoch %.3f s; test loss after epoch %d: %.3f; peak RSS%s" % (med, rows[-1][0], rows[-1][2], peak))
open(sys.argv[1] + ".median", "w").write(str(med))
PY
}

if [ -x "$venv/bin/python" ] && [ -f "$ref" ]; then
  for r in $(seq 1 "$rounds"); do
    a=$((2 * r - 1)); b=$((2 * r))
    echo "A: vae4j";  run_vae4j $a
    echo "B: torch";  run_torch $a
    echo "B: torch";  run_torch $b
    echo "A: vae4j";  run_vae4j $b
  done
  python3 - "$out" "$rounds" <<'PY'
import statistics, sys
o, rounds = sys.argv[1], int(sys.argv[2])
v = [float(open("%s/vae4j-%d.median" % (o, i)).read()) for i in range(1, 2 * rounds + 1)]
t = [float(open("%s/torch-%d.log.median" % (o, i)).read()) for i in range(1, 2 * rounds + 1)]
ratios = [a / b for a, b in zip(v, t)]
print("ratio of median epoch times vae4j/torch per pair: %s; median %.3f; overall %.3f"
      % (" ".join("%.3f" % r for r in ratios), statistics.median(ratios), sum(v) / sum(t)))
PY
else
  echo "no PyTorch reference at $venv (make it with ../shared/bench/setup-torch-reference.sh); vae4j only"
  echo "vae4j"; run_vae4j 1
fi
echo "IWAE, k=1000, 1000 test images (a stratified subset):"
bin/vae4j evaluate --model "$out/vae4j-1" --data fashion-mnist --k 1000 --n 1000 --quiet
