#!/usr/bin/env bash
# IWAE training (Burda et al. 2016): the same VAE trained on the ELBO and on the importance-weighted bound
# L_k, then both evaluated the same way: the test ELBO and -log p(x) estimated with IWAE k = 1000 on the
# first N test images. Training on L_k should give the better likelihood (and a worse ELBO, as q is no
# longer pushed to match the posterior).
#
# Usage: bench/iwae-vs-elbo.sh [EPOCHS] [K] [DATA] [N]   (defaults: 10, 5, fashion-mnist, 1000;
#                                                         about 5 minutes on 2 cores)
#   VAE4J=path/to/launcher runs another build of the tool.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
epochs=${1:-10}
k=${2:-5}
data=${3:-fashion-mnist}
n=${4:-1000}
vae4j=${VAE4J:-$root/bin/vae4j}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/iwae-vs-elbo"
mkdir -p "$out"
if [ -z "${VAE4J:-}" ] && [ ! -d "$root/vae4j-cli/target/lib" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi
field() { python3 -c "import json,sys; print('%.3f' % json.loads(sys.stdin.read())['$1'])" <<< "$2"; }

rm -rf "$out/elbo" "$out/iwae"
start=$(date +%s)
"$vae4j" train --data "$data" --epochs "$epochs" --seed 1 --quiet --out "$out/elbo" > "$out/elbo.log"
mid=$(date +%s)
"$vae4j" train --data "$data" --epochs "$epochs" --seed 1 --objective iwae --k "$k" --quiet --out "$out/iwae" \
  > "$out/iwae.log"
end=$(date +%s)
elbo=$("$vae4j" evaluate --model "$out/elbo" --data "$data" --k 1000 --n "$n" --json --quiet)
iwae=$("$vae4j" evaluate --model "$out/iwae" --data "$data" --k 1000 --n "$n" --json --quiet)

echo "data $data, $epochs epochs, MLP 784-400-20, Bernoulli decoder, seed 1; first $n test images, nats per image"
printf "%-22s %10s %10s %10s %9s %9s\n" "trained on" "test ELBO" "-log p(x)" "std err" "KL" "train s"
printf "%-22s %10s %10s %10s %9s %9s\n" "ELBO" "$(field elbo "$elbo")" "$(field nll "$elbo")" \
  "$(field nll_std_err "$elbo")" "$(field kl "$elbo")" "$((mid - start))"
printf "%-22s %10s %10s %10s %9s %9s\n" "IWAE bound, k=$k" "$(field elbo "$iwae")" "$(field nll "$iwae")" \
  "$(field nll_std_err "$iwae")" "$(field kl "$iwae")" "$((end - mid))"
echo "(-log p(x): IWAE estimate with k = 1000; the same test images and seed for both)"
