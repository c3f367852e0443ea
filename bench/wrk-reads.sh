#!/usr/bin/env bash
# The registry's reads against the HTTP stack's own limit, with a native load generator (wrk; a Java
# HttpClient tops out near 2,700 requests/s here whatever answers it). In one run, alternating, three
# rounds of: registry-server's GET /schemas/ids/{id}, GET /subjects/{s}/versions/latest and an
# idempotent re-register (POST, the same body each time), each right after a bare Jetty 12 endpoint
# sent the same request (method, body) and answering a body of the same size from the selector.
# Prints each measurement and, per endpoint, "ratio <endpoint> <median> (<min>-<max>)" of the
# registry's requests/s to the bare endpoint's in the same round.
#
#   bench/wrk-reads.sh [seconds per measurement, default 8] [connections, default 16]
#
# Needs bench/target/benchmarks.jar and registry-server/target/registry-server.jar
# (./mvnw -q -pl bench -am package -DskipTests); installs wrk with apt-get when missing and root.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-8}"
CONNECTIONS="${2:-16}"
ROUNDS=3

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is missing: apt-get install wrk" >&2; exit 2
  fi
fi
for jar in bench/target/benchmarks.jar registry-server/target/registry-server.jar; do
  [ -f "$jar" ] || { echo "$jar is missing: ./mvnw -q -pl bench -am package -DskipTests" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the registry, in memory, one subject
port="$(free_port)"
java -Xmx1g -jar registry-server/target/registry-server.jar --port "$port" --threads 16 > "$work/registry.out" 2>&1 &
pids+=($!)
registry="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$registry/subjects" >/dev/null 2>&1 && break; sleep 0.1; done
schema='{"schema": "{\"type\":\"record\",\"name\":\"OrderCreated\",\"namespace\":\"com.acme.orders\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"total\",\"type\":\"long\"},{\"name\":\"customer\",\"type\":\"string\"}]}"}'
curl -sf -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' -d "$schema" \
  "$registry/subjects/orders-value/versions" > /dev/null
ids_size="$(curl -s "$registry/schemas/ids/1" | wc -c)"
latest_size="$(curl -s "$registry/subjects/orders-value/versions/latest" | wc -c)"
register_size="$(curl -s -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' -d "$schema" \
  "$registry/subjects/orders-value/versions" | wc -c)"

# the stack's limit: GET /<n> answers n bytes
java -Xmx256m -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.BareJettyServer "$ids_size" > "$work/bare.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^port' "$work/bare.out" 2>/dev/null && break; sleep 0.1; done
bare="http://127.0.0.1:$(awk '/^port/ {print $2}' "$work/bare.out")"

cat > "$work/register.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$schema]]
wrk.headers["Content-Type"] = "application/vnd.schemaregistry.v1+json"
LUA

measure() { # url [script] -> requests/s
  local script=()
  [ -n "${2:-}" ] && script=(-s "$2")
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "${script[@]}" "$1" | awk '/Requests\/sec/ {printf "%d", $2}'
}

declare -A ratios
echo "answers: ids ${ids_size}, latest ${latest_size}, re-register ${register_size} bytes; wrk -t1 -c${CONNECTIONS} -d${SECONDS_EACH}s; ${ROUNDS} rounds"
measure "$bare/$ids_size" > /dev/null; measure "$registry/schemas/ids/1" > /dev/null # warm both JITs
measure "$bare/$register_size" "$work/register.lua" > /dev/null
measure "$registry/subjects/orders-value/versions" "$work/register.lua" > /dev/null
for round in $(seq 1 $ROUNDS); do
  bare_ids="$(measure "$bare/$ids_size")"
  ids="$(measure "$registry/schemas/ids/1")"
  bare_latest="$(measure "$bare/$latest_size")"
  latest="$(measure "$registry/subjects/orders-value/versions/latest")"
  bare_again="$(measure "$bare/$register_size" "$work/register.lua")"
  again="$(measure "$registry/subjects/orders-value/versions" "$work/register.lua")"
  echo "round $round: ids $ids (bare $bare_ids), latest $latest (bare $bare_latest), re-register $again (bare $bare_again) req/s"
  for name in ids latest again; do
    b="bare_$name"
    ratios[$name]+="$(awk -v r="${!name}" -v b="${!b}" 'BEGIN {printf "%.2f ", r / b}')"
  done
done
for name in ids latest again; do
  label=$([ "$name" = ids ] && echo "GET /schemas/ids/{id}" || ([ "$name" = latest ] && echo "GET /subjects/{s}/versions/latest" || echo "re-register (idempotent)"))
  echo "${ratios[$name]}" | tr ' ' '\n' | grep . | sort -n | awk -v l="$label" '{v[NR]=$1} END {printf "ratio %s %s (%s-%s)\n", l, v[int((NR+1)/2)], v[1], v[NR]}'
done
