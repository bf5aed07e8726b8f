#!/usr/bin/env bash
# Training on Spark against one machine: the same VAE (MLP 784-400-20, Bernoulli, Adam 1e-3, batch 128,
# seed 1) on DATA for EPOCHS epochs, trained by
#   1. bin/vae4j train (one JVM, PyTorch's 2 threads),
#   2. bin/vae4j-spark train --mode sync (local[2], 2 partitions: the single-machine steps, one job each),
#   3. bin/vae4j-spark train --mode average --every 10, and 4. --every 50 (local[2], 2 partitions).
# Prints the median epoch seconds and the test loss (-ELBO, nats) after the last epoch of each, then an
# estimate of the epoch time at 8, 32 and 128 executors from the measured per-step compute and per-job cost.
# Usage: bench/spark-training.sh [DATA] [EPOCHS]   (default: digits 5); TABLES_ONLY=1 reprints the tables of the last runs
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
data=${1:-digits}
epochs=${2:-5}
out="$root/bench/out/spark"
mkdir -p "$out"
cd "$root"
export OMP_WAIT_POLICY=PASSIVE
[ -d vae4j-cli/target/lib ] && [ -d vae4j-spark/target/spark-home/jars ] || mvn -q -B package -DskipTests
arch=(--hidden 400 --latent 20 --likelihood bernoulli --epochs "$epochs" --seed 1)
if [ -z "${TABLES_ONLY:-}" ]; then
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out/train-single" "$out/train-sync" "$out/train-avg10" "$out/train-avg50"
bin/vae4j train --data "$data" --model vae "${arch[@]}" --batch 128 --quiet --eval-k 0 --out "$out/train-single" \
  > "$out/train-single.log" 2>&1
bin/vae4j-spark train --input "$data" "${arch[@]}" --batch-size 128 --mode sync --master 'local[2]' --partitions 2 \
  --out "$out/train-sync" > "$out/train-sync.log" 2>&1
for h in 10 50; do
  bin/vae4j-spark train --input "$data" "${arch[@]}" --batch-size 128 --mode average --every "$h" --master 'local[2]' \
    --partitions 2 --out "$out/train-avg$h" > "$out/train-avg$h.log" 2>&1
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
python3 - "$out" "$data" <<'PY'
import json, statistics, sys
out, data = sys.argv[1], sys.argv[2]
runs = [("one machine (bin/vae4j train)", "train-single"), ("sync, local[2]", "train-sync"),
        ("average H=10, local[2]", "train-avg10"), ("average H=50, local[2]", "train-avg50")]
rows = {}
print(f"| {data} | median epoch s | test loss after last epoch (nats) |")
print("|---|---|---|")
for name, d in runs:
    lines = [json.loads(l) for l in open(f"{out}/{d}/metrics.jsonl")]
    sec = statistics.median(l["seconds"] for l in lines)
    rows[d] = (sec, lines[-1]["test_loss"])
    print(f"| {name} | {sec:.1f} | {lines[-1]['test_loss']:.2f} |")
# the scaling estimate, from the measured per-step compute and per-job cost, on 60,000 rows in batches of 128
single, sync = rows["train-single"][0], rows["train-sync"][0]
n_train = {"digits": 9000, "fashion-mnist": 60000}.get(data, 60000)
steps = -(-n_train // 128)
t_step = single / steps                      # compute of one step of 128 rows, one machine
t_job = max(0.0, (sync - single) / steps)    # what one Spark job per step adds (scheduling, broadcast, collect)
params = 652824                              # MLP 784-400-20: (784*400+400) + (400*40+40) + (20*400+400) + (400*784+784)
bw = 1e9                                     # bytes/s into the driver (10 GbE)
print()
print(f"measured: one step of 128 rows {t_step*1000:.1f} ms on one machine; a sync step's job adds {t_job*1000:.0f} ms")
print(f"assumed: {params} parameters; the driver takes in {bw/1e9:.0f} GB/s; a step's compute splits evenly over executors")
print()
N, B = 60000, 128
print("| executors | sync epoch s | average H=10 epoch s | average H=50 epoch s | one machine epoch s |")
print("|---|---|---|---|---|")
for p in (8, 32, 128):
    # sync: every global step is a job; each executor computes B/p rows; p gradients (4 bytes each) come back
    sync_e = (N / B) * (t_step / min(p, B) + t_job + p * params * 4 / bw)
    avg = []
    for h in (10, 50):
        local_steps = N / (p * B)            # each executor passes over its 1/p of the rows
        rounds = max(1.0, local_steps / h)
        # a round: one job, and p states (parameters and Adam's two moments) come back to the driver
        avg.append(local_steps * t_step + rounds * (t_job + p * 3 * params * 4 / bw))
    print(f"| {p} | {sync_e:.1f} | {avg[0]:.2f} | {avg[1]:.2f} | {(N / B) * t_step:.1f} |")
PY
