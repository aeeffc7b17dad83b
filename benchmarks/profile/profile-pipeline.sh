#!/usr/bin/env bash
# Where the pipeline's CPU goes: profiles scenario 2 of `clv bench pipeline` (fused, 1 thread, batches of 500) with
# Linux perf (the worker process and its redis-server; .NET writes a perf map so JIT-compiled frames have names)
# and takes redis-server's INFO commandstats over the same scenario. Needs perf, redis-server and python3.
# Usage: benchmarks/profile/profile-pipeline.sh [OUT_DIR]   (after: dotnet build -c Release services/Clv.Cli)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-$(mktemp -d /tmp/clv-profile.XXXXXX)}
mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --save "" --appendonly no --daemonize yes --pidfile "$out/redis.pid" > /dev/null
trap 'redis-cli -p "$port" shutdown nosave > /dev/null 2>&1 || true' EXIT
sleep 0.5
# W^X off: with it on, JIT code lives in a file-backed double mapping and perf ignores the perf map.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
    dotnet services/Clv.Cli/bin/Release/net10.0/clv.dll bench pipeline --duration 14 --warmup 2 --redis "127.0.0.1:$port" > "$out/bench.txt" 2>&1 &
bench=$!
until grep -q "1 event per batch:" "$out/bench.txt" 2>/dev/null; do sleep 0.2; done
redis-cli -p "$port" config resetstat > /dev/null
sleep 3   # past scenario 2's warm-up
perf record -F 999 -g -p "$bench,$(cat "$out/redis.pid")" -o "$out/perf.data" -- sleep 10 2> /dev/null
until grep -q "1 thread, batches of 500:" "$out/bench.txt"; do sleep 0.2; done
redis-cli -p "$port" info commandstats > "$out/commandstats.txt"
wait "$bench"
perf report -i "$out/perf.data" -n --no-children --sort comm,dso,sym -g none --percent-limit 0 2> /dev/null > "$out/perf-report.txt"
python3 benchmarks/profile/breakdown.py "$out/perf-report.txt" "$out/commandstats.txt" "$out/bench.txt" | tee "$out/breakdown.md"
echo "files in $out"
