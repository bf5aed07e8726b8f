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

rm -rf "$out/elbo" "$out/iwae"
start=$(date +%s)
"$vae4j" train --data "$data" --epochs "$epochs" --seed 1 --quiet --out "$out/elbo" > "$out/elbo.log"
mid=$(date +%s)
"$vae4j" train --data "$data" --epochs "$epochs" --seed 1 --objective iwae --k "$k" --quiet --out "$out/iwae" \
  > "$out/iwae.log"
end=$(date +%s)
echo "data $data, $epochs epochs, MLP 784-400-20, Bernoulli decoder, seed 1; training took $((mid - start)) s (ELBO)" \
  "and $((end - mid)) s (IWAE bound, k=$k)"
# one table, CSV and PNG: both models scored as 'vae4j evaluate' does, on the same images with the same noise
"$vae4j" compare --runs "$out/elbo,$out/iwae" --names "ELBO,IWAE k=$k" --data "$data" --k 1000 --n "$n" --quiet \
  --out "$out/compare" | sed -n '/^rate-distortion/,$p'
