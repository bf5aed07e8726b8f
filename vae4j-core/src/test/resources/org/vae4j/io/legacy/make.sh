#!/usr/bin/env bash
# Writes the model folders v1/model, v2/model and v3/model here with the vae4j commits that wrote those
# formats: 68e5340 (model.json format 1, the first with parameters.bin as an NDList), 0253aad (format 2, the
# last before the checksum manifest) and 593d0bd (format 3, the last before format 4 described channels,
# layers and architectures). ModelStoreTest loads them to show that old folders stay loadable.
# Run from anywhere inside the repository: bash vae4j-core/src/test/resources/org/vae4j/io/legacy/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/src" 2>/dev/null || true; rm -rf "$work"' EXIT
make() { # commit, generator, folder
    git -C "$repo" worktree add --detach "$work/src" "$1" >/dev/null
    (cd "$work/src" && mvn -q -B -pl vae4j-core compile \
        && mvn -q -B -pl vae4j-core dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
    rm -rf "$here/$3"
    java -Dai.djl.offline=true -cp "$work/src/vae4j-core/target/classes:$(cat "$work/cp.txt")" "$here/$2" "$here/$3/model"
    git -C "$repo" worktree remove --force "$work/src"
}
make 68e5340 MakeV1.java v1
make 0253aad MakeV2.java v2
make 593d0bd MakeV3.java v3
