#!/usr/bin/env bash
# Scoring throughput on Spark against the single-machine `vae4j evaluate`: the full Fashion-MNIST train
# set (60,000 images) scored with the IWAE estimate (k importance samples) by a model trained for one epoch
# (MLP 784-400-20, Bernoulli), with
#   1. bin/vae4j evaluate (one JVM, PyTorch's 2 threads),
#   2. bin/vae4j-spark score --master local[1] (1 partition, 1 thread per task),
#   3. bin/vae4j-spark score --master local[2] (2 partitions),
#   4. bin/vae4j-spark score on bin/spark-cluster (a master and two 1-core workers, executors in own JVMs).
# Wall-clock seconds of each whole command (JVM start, data read, Spark session included) and rows/s.
# Usage: bench/spark-scoring.sh [K]   (default K=100). Build first: mvn -q -B package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
k=${1:-100}
out="$root/bench/out/spark"
mkdir -p "$out"
cd "$root"
export OMP_WAIT_POLICY=PASSIVE
[ -d vae4j-cli/target/lib ] && [ -d vae4j-spark/target/spark-home/jars ] || mvn -q -B package -DskipTests
model="$out/fashion-model"
if [ ! -f "$model/model/model.json" ]; then
  rm -rf "$model"
  bin/vae4j train --data fashion-mnist --model vae --hidden 400 --latent 20 --likelihood bernoulli --epochs 1 \
    --seed 1 --quiet --eval-k 0 --out "$model" > "$out/fashion-model.log"
fi
rows=60000
# evaluate scores a data set's test split: an IDX folder whose t10k files are the train set's 60,000 images
trainset="$out/fashion-train-as-test"
fashion=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}   # Debian's dataset-fashion-mnist
mkdir -p "$trainset"
for kind in images-idx3 labels-idx1; do
  ln -sf "$fashion/train-$kind-ubyte.gz" "$trainset/train-$kind-ubyte.gz"
  ln -sf "$fashion/train-$kind-ubyte.gz" "$trainset/t10k-$kind-ubyte.gz"
done
now() { date +%s.%N; }
report() { awk -v name="$1" -v s="$2" -v n="$rows" 'BEGIN { printf "| %-34s | %8.1f | %8.0f |\n", name, s, n / s }'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| scorer (k=$k, $rows rows) | seconds | rows/s |"
echo "|---|---|---|"
t0=$(now)
bin/vae4j evaluate --model "$model" --data "$trainset" --k "$k" --json --quiet > "$out/evaluate.json"
report "vae4j evaluate (1 JVM, 2 threads)" "$(echo "$(now) - $t0" | bc)"
for n in 1 2; do
  rm -rf "$out/scores-local$n.parquet"
  t0=$(now)
  bin/vae4j-spark score --model "$model" --input fashion-mnist --split train --k "$k" --master "local[$n]" \
    --partitions "$n" --output "$out/scores-local$n.parquet" > "$out/score-local$n.log" 2>&1
  report "vae4j-spark local[$n]" "$(echo "$(now) - $t0" | bc)"
done
export SPARK_CLUSTER_PORT=${SPARK_CLUSTER_PORT:-7177}
trap 'bin/spark-cluster stop' EXIT
url=$(bin/spark-cluster start)
rm -rf "$out/scores-cluster.parquet"
t0=$(now)
bin/vae4j-spark score --model "$model" --input fashion-mnist --split train --k "$k" --master "$url" \
  --partitions 4 --output "$out/scores-cluster.parquet" > "$out/score-cluster.log" 2>&1
report "vae4j-spark, 2-worker cluster" "$(echo "$(now) - $t0" | bc)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "^scored" "$out"/score-*.log | sed 's/^/  /'
