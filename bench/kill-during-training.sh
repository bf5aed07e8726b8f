#!/usr/bin/env bash
# Issue 10's kill cases, many times over. Trains on a small CSV (epochs of milliseconds, so a good part of
# the time goes to checkpoints), kills the tool with SIGKILL at a random moment, records what the run folder
# holds, checks that `vae4j evaluate` loads the model, and resumes in the next round. At the end it resumes
# to one epoch more and checks that metrics.jsonl holds every epoch once, in order, and nothing is left
# beside model/. Prints how often each state was found right after a kill.
#
# Usage: bench/kill-during-training.sh [ROUNDS]   (default 30; 5-9 s a round on 2 cores)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
rounds=${1:-30}
vae4j=${VAE4J:-$root/bin/vae4j}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi
out="$root/bench/out/kill-during-training"
rm -rf "$out"
mkdir -p "$out"
csv="$out/clusters.csv"
awk 'BEGIN { srand(7); print "x1,x2,x3,x4";
  for (i = 0; i < 300; i++) { c = (i % 2) ? 5 : -3;
    printf "%.4f,%.4f,%.4f,%.4f\n", c + rand(), 2 * c + rand(), 3 * c + rand(), 4 * c + rand() } }' > "$csv"
run="$out/run"
flags=(--data "$csv" --out "$run" --hidden 16 --latent 2 --batch 32 --quiet)

lines() { if [ -f "$run/metrics.jsonl" ]; then grep -c '}$' "$run/metrics.jsonl" || true; else echo 0; fi; }
epochs_done() { # of the model a load reads: model/, or the folder a killed save left aside
  local dir="$run/model"
  [ -f "$dir/model.json" ] || dir="$run/.model.old"
  grep -o '"epochs_done" : [0-9]*' "$dir/model.json" | grep -o '[0-9]*$'
}
declare -A seen
for ((r = 1; r <= rounds; r++)); do
  resume=()
  if [ -f "$run/model/model.json" ] || [ -f "$run/.model.old/model.json" ]; then resume=(--resume); else
    rm -rf "$run"   # killed before its first checkpoint: start again
  fi
  before=$(lines)
  "$vae4j" train "${flags[@]}" --epochs 1000000 "${resume[@]}" >"$out/train.log" 2>&1 &
  pid=$!
  until [ "$(lines)" -ge $((before + 2)) ]; do
    kill -0 "$pid" 2>/dev/null || { echo "round $r: the run ended:"; cat "$out/train.log"; exit 1; }
    sleep 0.01
  done
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", r / 32768 * 0.08 }')"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true

  state=()
  if [ ! -d "$run/model" ] && [ -d "$run/.model.old" ]; then state+=("no model/, the old one aside (between the renames)"); fi
  if [ -d "$run/model" ] && [ -d "$run/.model.old" ]; then state+=("model/ in place, the old one not yet deleted"); fi
  if compgen -G "$run/.model.tmp-*" >/dev/null; then state+=("a temporary folder"); fi
  done_=$(epochs_done)
  n=$(lines)
  if [ "$n" -eq $((done_ + 1)) ]; then state+=("metrics.jsonl one line ahead"); elif [ "$n" -ne "$done_" ]; then
    echo "round $r: metrics.jsonl has $n lines, the checkpoint $done_ epochs"; exit 1
  fi
  if [ -n "$(tail -c 1 "$run/metrics.jsonl")" ]; then state+=("a last line cut short"); fi
  [ ${#state[@]} -gt 0 ] || state=("clean")
  for s in "${state[@]}"; do seen[$s]=$(( ${seen[$s]:-0} + 1 )); done
  if ! "$vae4j" evaluate --model "$run" --data "$csv" --k 2 --n 10 --quiet >/dev/null 2>"$out/evaluate.err"; then
    echo "round $r: evaluate failed after the kill:"; cat "$out/evaluate.err"; exit 1
  fi
done

target=$(( $(epochs_done) + 1 ))
"$vae4j" train "${flags[@]}" --epochs "$target" --resume >/dev/null
epochs=$(grep -o '"epoch":[0-9]*' "$run/metrics.jsonl" | grep -o '[0-9]*$' | tr '\n' ' ')
expected=$(seq -s ' ' 1 "$target")
[ "$epochs" = "$expected " ] || { echo "metrics.jsonl holds epochs $epochs, expected $expected"; exit 1; }
left=$(ls -A "$run" | grep '^\.model\.' || true)
[ -z "$left" ] || { echo "left beside model/: $left"; exit 1; }
echo "$rounds kills; after the last resume metrics.jsonl holds epochs 1..$target once each, nothing beside model/"
echo "what a kill left (a round may count in several rows):"
for s in "${!seen[@]}"; do printf '%5d  %s\n' "${seen[$s]}" "$s"; done | sort -rn
