#!/usr/bin/env bash
# A/B of API builds in alternating rounds: each build's Clv.Api.dll runs as its own process on its own port against
# the same redis-server and Kafka-protocol broker; each round runs lookup-paced.lua (CONNS connections) and then
# lookup.lua (one connection, closed loop) against every process in turn and prints the process's CPU µs per
# request (utime + stime from /proc over the run, divided by the requests wrk completed) with wrk's rate, p50, p99.
#
#   REDIS=127.0.0.1:6390 KAFKA=127.0.0.1:9092 benchmarks/api/cpu-ab.sh a/Clv.Api.dll b/Clv.Api.dll
#   env: ROUNDS (3), SECS (10), CONNS (10), ENV_1, ENV_2, ... extra variables for the n-th build ("A=1 B=2")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${REDIS:?redis-server address, e.g. 127.0.0.1:6390}" "${KAFKA:?broker address}"
ticks_per_second=$(getconf CLK_TCK)
pids=() ports=()

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # pid port script connections
  local before after out requests
  before=$(cpu_ticks "$1")
  out=$(wrk -t1 -c"$4" -d"${SECS:-10}"s --latency -s "$here/$3" "http://127.0.0.1:$2")
  after=$(cpu_ticks "$1")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  printf '%s %-18s port %s  %8s req/s  cpu %4d us/req  p50 %8s  p99 %8s  %s\n' "$(date +%T)" "$3/$4" "$2" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" $(( (after - before) * 1000000 / ticks_per_second / requests )) \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" \
    "$(awk '/Non-2xx/ {print "non-2xx: " $NF}' <<< "$out")"
}

trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
n=0
for dll in "$@"; do
  n=$((n + 1)); port=$((6200 + n)); extra="ENV_$n"
  # shellcheck disable=SC2086 # ENV_n holds several NAME=value words
  env Kafka__BootstrapServers="$KAFKA" Redis__ConnectionString="$REDIS" Api__RequestsPerSecondPerClient=10000000 \
    ASPNETCORE_URLS="http://127.0.0.1:$port" ${!extra:-} dotnet "$dll" > "/tmp/cpu-ab-$port.log" 2>&1 &
  pids+=($!) ports+=("$port")
  echo "build $n: $dll on port $port ${!extra:-}"
done
sleep 12
for i in "${!ports[@]}"; do # warm-up: JIT, connections, thread pool
  wrk -t1 -c1 -d4s -s "$here/lookup.lua" "http://127.0.0.1:${ports[$i]}" > /dev/null
  wrk -t1 -c"${CONNS:-10}" -d4s -s "$here/lookup-paced.lua" "http://127.0.0.1:${ports[$i]}" > /dev/null
done
for round in $(seq 1 "${ROUNDS:-3}"); do
  for i in "${!ports[@]}"; do measure "${pids[$i]}" "${ports[$i]}" lookup-paced.lua "${CONNS:-10}"; done
  for i in "${!ports[@]}"; do measure "${pids[$i]}" "${ports[$i]}" lookup.lua 1; done
  echo "round $round: $(cut -d' ' -f1-3 /proc/loadavg) (load average)"
done
