"""Summarises a perf report (-n --sort comm,dso,sym) and INFO commandstats into the breakdown docs/benchmarks.md shows."""
import re
import sys

report, commandstats, bench = sys.argv[1:4]

# Leaf frames of the worker process, by what they belong to (first match wins).
CATEGORIES = [
    ("LSTM step and heads (Clv.Model, TensorPrimitives)", r"\[Clv\.Model\]|System\.Numerics\.Tensors|__ieee754_(exp|log)"),
    ("JSON and number/date formatting", r"System\.Text\.Json|System\.Number::|Utf8Formatter|DateTimeFormat|Utf8Utility|System\.Text\.Encodings"),
    ("Redis client (StackExchange.Redis, pipelines)", r"StackExchange\.Redis|Pipelines\.Sockets|System\.IO\.Pipelines"),
    ("Kafka client (Confluent.Kafka, librdkafka)", r"Confluent\.Kafka|librdkafka"),
    ("harness source and sink (not the worker)", r"Clv\.Development"),
    ("worker code (Clv.Workers, Clv.Contracts, Clv.Hosting)", r"\[Clv\.(Workers|Contracts|Hosting)\]"),
    ("other managed code (collections, strings, tasks)", r"\[System\.|\[Microsoft\.|OptimizedTier|Tier0|Instrumented"),
    ("runtime: GC, JIT, stubs, type checks (libcoreclr, libclrjit)", r"libcoreclr|libclrjit|stub |CastHelpers"),
    ("kernel: syscalls, network, scheduling", r"\[k\]|\[kernel"),
]

rows = []
for line in open(report):
    m = re.match(r"\s+[\d.]+%\s+(\d+)\s+(\S.*?)\s{2,}(\S.*?)\s{2,}(\[.\]\s.*)$", line)
    if m:
        rows.append((int(m.group(1)), m.group(2), m.group(3), m.group(4)))
samples = sum(p for p, _, _, _ in rows)
rows = [(100.0 * p / samples, comm, dso, sym) for p, comm, dso, sym in rows]

redis = sum(p for p, comm, _, _ in rows if comm.startswith("redis-server"))
worker = [(p, comm, dso, sym) for p, comm, dso, sym in rows if not comm.startswith("redis-server")]
total_worker = sum(p for p, _, _, _ in worker)

print(f"CPU samples: worker process {total_worker:.1f}%, redis-server {redis:.1f}%\n")
print("| worker process, by thread | share of its samples |\n| --- | ---: |")
threads = {}
for p, comm, _, _ in worker:
    name = re.sub(r"-\d+$", "-N", comm)
    threads[name] = threads.get(name, 0) + p
for name, p in sorted(threads.items(), key=lambda kv: -kv[1]):
    if p / total_worker >= 0.005:
        print(f"| {name} | {100 * p / total_worker:.1f}% |")

print("\n| worker process, by leaf frame | share of its samples |\n| --- | ---: |")
shares = {name: 0.0 for name, _ in CATEGORIES}
shares["unresolved native frames"] = 0.0
for p, _, dso, sym in worker:
    text = f"{dso} {sym}"
    for name, pattern in CATEGORIES:
        if re.search(pattern, text):
            shares[name] += p
            break
    else:
        shares["unresolved native frames"] += p
for name, p in sorted(shares.items(), key=lambda kv: -kv[1]):
    print(f"| {name} | {100 * p / total_worker:.1f}% |")

stats = {}
for line in open(commandstats):
    m = re.match(r"cmdstat_([^:]+):calls=(\d+),usec=(\d+)", line)
    if m and m.group(1) not in ("info", "config|resetstat", "script|load"):
        stats[m.group(1)] = (int(m.group(2)), int(m.group(3)))
# Each window-script call does one GET and each state-script call one HGET (of seq); the state loads HGET the blob
# directly, and the recency index is a direct ZADD. So HGET splits exactly into nested and direct calls.
evalsha_calls, evalsha_usec = stats.pop("evalsha", (0, 0))
window_calls = stats.get("get", (0, 0))[0]
state_calls = evalsha_calls - window_calls
hget_calls, hget_usec = stats.pop("hget", (0, 0))
hget_each = hget_usec / max(1, hget_calls)
direct = {name: stats.pop(name) for name in ("zadd", "zrem") if name in stats}
direct["hget (state loads)"] = (hget_calls - state_calls, round(hget_each * (hget_calls - state_calls)))
nested = dict(stats)
nested["hget (seq)"] = (state_calls, round(hget_each * state_calls))
nested_usec = sum(usec for _, usec in nested.values())
lua_usec = evalsha_usec - nested_usec
total = evalsha_usec + sum(usec for _, usec in direct.values())
print("\n| redis-server, by command (INFO commandstats over the scenario) | calls | µs/call | share of command time |\n| --- | ---: | ---: | ---: |")
print(f"| Lua interpreter inside EVALSHA ({window_calls:,} window-script and {state_calls:,} state-script calls) | {evalsha_calls:,} | {lua_usec / max(1, evalsha_calls):.2f} | {100 * lua_usec / total:.1f}% |")
for name, (calls, usec) in sorted(nested.items(), key=lambda kv: -kv[1][1]):
    print(f"| {name.upper()} inside the scripts | {calls:,} | {usec / max(1, calls):.2f} | {100 * usec / total:.1f}% |")
for name, (calls, usec) in sorted(direct.items(), key=lambda kv: -kv[1][1]):
    print(f"| {name.upper()} sent directly | {calls:,} | {usec / max(1, calls):.2f} | {100 * usec / total:.1f}% |")
print("\nCommand time excludes reading requests and writing replies (the kernel's and redis-server's network path), which the perf share of redis-server includes.")
for line in open(bench):
    if line.startswith("| 2 |"):
        print(f"\nScenario row: {line.strip()}")
