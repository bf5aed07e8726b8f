#!/usr/bin/env bash
# Throughput of the rANS coder in vae4j-codec (pure Java, no DJL): pushes N i.i.d. symbols from a
# 256-symbol distribution (weights 0.97^s, 16-bit precision, binary-search CDF lookup) onto an empty
# stack, pops them back, checks they are identical, and prints push and pop symbols per second per round
# (round 1 includes JIT warm-up) with the coded bits per symbol next to the entropy.
#
# Usage: bench/rans-throughput.sh [N] [ROUNDS]      (defaults: 10000000, 3; about 10 s on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
n=${1:-10000000}
rounds=${2:-3}
(cd "$root" && mvn -o -q -B test-compile -pl vae4j-codec)
codec="$root/vae4j-codec/target"
# default JIT (C2), unlike the test JVMs; 10^7 symbols need about 120 MB of arrays
java -Xmx1g -XX:+UseSerialGC -cp "$codec/classes:$codec/test-classes" org.vae4j.codec.RansThroughput "$n" "$rounds"
