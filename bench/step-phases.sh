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
# the launcher's glibc settings and JVM options, read from bin/vae4j itself, so the figures are those of a
# real run: its MALLOC_ exports, and the options of its exec line (the first line, up to its backslash)
eval "$(grep '^export MALLOC_' bin/vae4j)"
read -r -a options <<< "$(sed -n 's/^exec java \(.*\) \\$/\1/p' bin/vae4j)"
[ ${#options[@]} -gt 0 ] || { echo "step-phases.sh: no JVM options found in bin/vae4j's exec line" >&2; exit 2; }
jvm=(java "${options[@]}"
  -cp "$(ls vae4j-cli/target/vae4j-cli-*.jar | head -1):vae4j-cli/target/lib/*" bench/StepPhases.java "$rows")
torch=("$venv/bin/python" bench/step_phases.py "$rows")
for who in vae4j torch torch vae4j; do
  if [ "$who" = vae4j ]; then "${jvm[@]}"; else OMP_NUM_THREADS=2 "${torch[@]}"; fi
done
