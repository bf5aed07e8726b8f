#!/usr/bin/env bash
# The lecture's first claim: an auto-encoder with a linear encoder and decoder (no hidden layer, Gaussian
# decoder, so the loss is the squared error), trained by gradient descent, spans the principal subspace.
# Runs the core test LinearAutoencoderPcaTest on more data and epochs than the fast default (10,000 images,
# 12 + 4 epochs): Adam 3e-3 for EPOCHS epochs, then 5e-4 for SETTLE more, batch 32, latent 8, seed 1, and
# prints the principal angles between the decoder's column space and the top-8 PCA subspace of the same
# training images, and both training reconstruction errors (PCA's is the least any rank-8 map reaches).
#
# Usage: bench/linear-ae-pca.sh [EXAMPLES] [EPOCHS] [SETTLE]    (defaults: 60000, 12, 4; about 1 minute)
# Needs Fashion-MNIST (apt-get install dataset-fashion-mnist). The test fails if the largest angle is 3
# degrees or more. Measured with the defaults (60,000 images, 12 + 4 epochs; about 2.5 minutes on 2 busy
# cores): angles 0.74 to 2.21 degrees, training MSE 0.026729 vs PCA's 0.026689; the fast test's 10,000
# images reach 0.20 to 0.89 degrees.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
examples=${1:-60000}
epochs=${2:-12}
settle=${3:-4}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
cd "$root"
status=0
mvn -o -q -B test -pl vae4j-core -am -Dtest=LinearAutoencoderPcaTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvae4j.linearAe.examples="$examples" -Dvae4j.linearAe.epochs="$epochs" -Dvae4j.linearAe.settleEpochs="$settle" \
  > /tmp/linear-ae-pca.$$.log 2>&1 || status=$?
# the test prints its figures on stdout, which surefire puts in the log or in a report file
grep -oh "linear AE vs PCA.*" /tmp/linear-ae-pca.$$.log vae4j-core/target/surefire-reports/*LinearAutoencoderPcaTest*.txt \
  2>/dev/null | head -n 1
if [ "$status" -ne 0 ]; then
  grep -m 1 "AssertionFailedError" /tmp/linear-ae-pca.$$.log || tail -n 20 /tmp/linear-ae-pca.$$.log
fi
rm -f /tmp/linear-ae-pca.$$.log
exit "$status"
