#!/usr/bin/env bash
# Where a training step of the default conv VAE spends its time, against its PyTorch twin: batch,
# forward and loss, backward, Adam, summed over ROWS of Fashion-MNIST (batches of 128), A-B-B-A
# (StepPhases.java, step_phases.py; each prints three rounds after a warm-up one).
# Usage: bench/step-phases.sh [ROWS] [TORCH_VENV]   (TORCH_VENV from ../shared/bench/setup-torch-reference.sh)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
rows=${1:-20000}
venv=${2:-/tmp/torchref}
cd "$root"
[ -d vae4j-cli/target/lib ] || mvn -q -B package -DskipTests
# the launcher's JVM and glibc settings (bin/vae4j), so the figures are those of a real run
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-67108864} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-268435456}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}
jvm=(java -Dai.djl.offline=true -XX:TieredStopAtLevel=1 -Xms48m -Xmn32m -XX:+UseSerialGC
  -cp "$(ls vae4j-cli/target/vae4j-cli-*.jar | head -1):vae4j-cli/target/lib/*" bench/StepPhases.java "$rows")
torch=("$venv/bin/python" bench/step_phases.py "$rows")
for who in vae4j torch torch vae4j; do
  if [ "$who" = vae4j ]; then "${jvm[@]}"; else OMP_NUM_THREADS=2 "${torch[@]}"; fi
done
