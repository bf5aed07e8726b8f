#!/usr/bin/env bash
# Training on Spark against one machine: the same VAE (MLP 784-400-20, Bernoulli, Adam 1e-3, batch 128,
# seed 1) on DATA for EPOCHS epochs, trained by
#   1. bin/vae4j train (one JVM, PyTorch's 2 threads),
#   2. bin/vae4j-spark train --mode sync (local[2], 2 partitions: the single-machine steps, one job each),
#   3. bin/vae4j-spark train --mode average --every 10, and 4. --every 50 (local[2], 2 partitions).
# Prints the median epoch seconds and the test loss (-ELBO, nats) after the last epoch of each, then an
# estimate of the epoch time at 8, 32 and 128 executors from the measured per-step compute and per-job cost.
# Usage: bench/spark-training.sh [DATA] [EPOCHS]   (default: fashion-mnist 5); TABLES_ONLY=1 reprints the tables of the last runs
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
data=${1:-fashion-mnist}
epochs=${2:-5}
out="$root/bench/out/spark"
mkdir -p "$out"
cd "$root"
export OMP_WAIT_POLICY=PASSIVE
[ -d vae4j-cli/target/lib ] && [ -d vae4j-spark/target/spark-home/jars ] || mvn -q -B package -DskipTests
arch=(--hidden 400 --latent 20 --likelihood bernoulli --epochs "$epochs" --seed 1)
if [ -z "${TABLES_ONLY:-}" ]; then
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out/train-single" "$out/train-single64" "$out/train-sync" "$out/train-avg10" "$out/train-avg50"
bin/vae4j train --data "$data" --model vae "${arch[@]}" --batch 128 --quiet --eval-k 0 --out "$out/train-single" \
  > "$out/train-single.log" 2>&1
# the compute of a step of 64 rows, for the estimate (64 rows per executor)
bin/vae4j train --data "$data" --model vae "${arch[@]}" --batch 64 --quiet --eval-k 0 --out "$out/train-single64" \
  > "$out/train-single64.log" 2>&1
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
# the scaling estimate, from the measured per-step compute and per-job cost, on 60,000 rows
single, sync = rows["train-single"][0], rows["train-sync"][0]
n_train = {"digits": 9000, "fashion-mnist": 60000}.get(data, 60000)
steps = -(-n_train // 128)
t_step = single / steps                      # compute of one step of 128 rows, one machine
t_job = max(0.0, (sync - single) / steps)    # what one Spark job per step adds (scheduling, broadcast, collect)
lines64 = [json.loads(l) for l in open(f"{out}/train-single64/metrics.jsonl")]
t_step64 = statistics.median(l["seconds"] for l in lines64) / -(-n_train // 64)   # one step of 64 rows
params = 652824                              # MLP 784-400-20: (784*400+400) + (400*40+40) + (20*400+400) + (400*784+784)
bw = 1e9                                     # bytes/s into the driver (10 GbE)
print()
print(f"measured: one step of 128 rows {t_step*1000:.1f} ms, of 64 rows {t_step64*1000:.1f} ms, on one machine; "
      f"a sync step's job adds {t_job*1000:.0f} ms")
print(f"assumed: {params} parameters; the driver takes in {bw/1e9:.0f} GB/s; gradients (sync) and states (average: "
      "parameters and Adam's two moments) come back from every executor each job")
N = 60000
one = (N / 128) * t_step
print()
print("Epoch seconds on 60,000 rows. (a) the global batch stays 128, split over the executors (128/p rows each per")
print("step; compute taken as the 64-row step's at least); (b) 64 rows per executor per step, global batch 64p.")
print()
print("| executors | sync (a) | average H=50 (a) | sync (b) | average H=10 (b) | average H=50 (b) | one machine |")
print("|---|---|---|---|---|---|---|")
for p in (8, 32, 128):
    grad_in = p * params * 4 / bw
    state_in = p * 3 * params * 4 / bw
    # (a): N/128 steps a epoch on every executor, each of 128/p rows
    t_a = max(t_step / p, t_step64)
    sync_a = (N / 128) * (t_a + t_job + grad_in)
    avg_a = (N / 128) * t_a + (N / 128 / 50) * (t_job + state_in)
    # (b): N/(64p) steps a epoch, each of 64 rows on every executor
    steps_b = N / (64 * p)
    sync_b = steps_b * (t_step64 + t_job + grad_in)
    avg_b = [steps_b * t_step64 + max(1.0, steps_b / h) * (t_job + state_in) for h in (10, 50)]
    print(f"| {p} | {sync_a:.1f} | {avg_a:.2f} | {sync_b:.2f} | {avg_b[0]:.2f} | {avg_b[1]:.2f} | {one:.1f} |")
PY
