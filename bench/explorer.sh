#!/usr/bin/env bash
# The web explorer under load: 'vae4j serve' of the default digits model (vae4j train --data digits), then
# 8 concurrent clients (keep-alive connections) decoding one map point per request: p50 and p99 round
# trip and requests per second, after a warm-up; the server's RSS after the warm-up and after 10,000 more
# requests (memory flat?); then the first contentful paint and the time until the map is drawn of a
# 10,000-point Fashion-MNIST map in headless chromium (a 2-epoch Fashion-MNIST VAE, its whole test set).
#
# Usage: bench/explorer.sh [REQUESTS] [CLIENTS]       (defaults: 10000, 8; about 4 minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
requests=${1:-10000}
clients=${2:-8}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out="$root/bench/out/explorer"
mkdir -p "$out"
cd "$root"
if [ ! -d vae4j-cli/target/lib ]; then
  mvn -q -B -pl vae4j-core,vae4j-codec,vae4j-compress,vae4j-server,vae4j-cli package -DskipTests
fi
[ -d "$out/digits/model" ] || bin/vae4j train --data digits --out "$out/digits" --quiet
[ -d "$out/fashion/model" ] || bin/vae4j train --data fashion-mnist --epochs 2 --out "$out/fashion" --quiet

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bin/vae4j serve --model "$out/digits" --port "$port" > "$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until grep -q "serving" "$out/serve.log"; do
  kill -0 $pid 2>/dev/null || { cat "$out/serve.log"; exit 1; }
  sleep 0.5
done
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$pid/status; }
load() {
  python3 - "$port" "$1" "$clients" <<'PY'
import http.client, json, math, sys, threading, time
port, total, clients = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
lat, errors = [], []
def client(c):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(c, total, clients):
        body = json.dumps({"points": [[2 * math.sin(i * 0.37), 2 * math.cos(i * 0.11)]], "values": False})
        t0 = time.perf_counter()
        conn.request("POST", "/api/decode", body, {"Content-Type": "application/json"})
        r = conn.getresponse(); data = r.read()
        lat.append(time.perf_counter() - t0)
        if r.status != 200: errors.append(r.status)
start = time.perf_counter()
threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
[t.start() for t in threads]; [t.join() for t in threads]
took = time.perf_counter() - start
lat.sort()
print("%d decodes, %d clients: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d" % (
    total, clients, total / took, 1000 * lat[len(lat) // 2], 1000 * lat[int(len(lat) * 0.99)], 1000 * lat[-1],
    len(errors)))
PY
}
echo "server: $(head -n 1 "$out/serve.log" | cut -c1-100)"
echo "warm-up:"; load 2000
before=$(rss)
echo "measured:"; load "$requests"
after=$(rss)
echo "again:"; load "$requests"
again=$(rss)
echo "server RSS: ${before} MiB after the warm-up, ${after} MiB after $requests more, ${again} MiB after $requests more"
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT

# the first paint of a 10,000-point map
bin/vae4j serve --model "$out/fashion" --port "$port" > "$out/serve-fashion.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until grep -q "serving" "$out/serve-fashion.log"; do
  kill -0 $pid 2>/dev/null || { cat "$out/serve-fashion.log"; exit 1; }
  sleep 0.5
done
mvn -o -q -B -pl vae4j-core,vae4j-server test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" >/dev/null
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 java -cp "vae4j-server/target/test-classes:vae4j-server/target/classes:$(cat "$out/classpath.txt")" \
  org.vae4j.server.FirstPaint "http://127.0.0.1:$port/" 5 "$out/fashion-map.png"
kill $pid; wait $pid 2>/dev/null || true
