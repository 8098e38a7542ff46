#!/usr/bin/env bash
# Benchmarks of the Javalin server and the local stack; prints measured numbers (not a test).
#  1. Start-up: bin/dev from nothing running to /api/health answering 200, with an existing build and data folder
#     (median of RUNS starts).
#  2. Throughput: GET /api/tasks?limit=20 for one user with 1,000 tasks, with wrk at 8, 32 and 64 connections,
#     and in the same run pgbench running the same SELECT at the same concurrency against the same database.
# Needs wrk and pgbench (apt-get install wrk postgresql-client). Each measurement runs DURATION seconds.
set -euo pipefail
set -m
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-3}"
DURATION="${DURATION:-10}"
PORT="${PORT:-8080}"
API="http://localhost:$PORT/api"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
command -v wrk >/dev/null && command -v pgbench >/dev/null || { echo "needs wrk and pgbench" >&2; exit 1; }

wait_healthy() {
  for _ in $(seq 1 1200); do
    curl -sf "$API/health" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "the stack did not answer in time" >&2
  return 1
}

stop_stack() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

echo "== Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Build (and create the data folder) once, outside the measurement.
bin/dev >"$WORK/first.log" 2>&1 &
pid=$!
wait_healthy
stop_stack "$pid"

echo "== Start-up of bin/dev to /api/health 200 (existing build and data), $RUNS runs"
times=()
for _ in $(seq 1 "$RUNS"); do
  started=$(date +%s%N)
  bin/dev >"$WORK/start.log" 2>&1 &
  pid=$!
  wait_healthy
  times+=($(( ($(date +%s%N) - started) / 1000000 )))
  stop_stack "$pid"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "start-up ms: min %d, median %d, max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'

echo "== Throughput: GET /api/tasks?limit=20, one user with 1,000 tasks"
BIN_DEV_JAVA_OPTS="-XX:+UseParallelGC" LOG_LEVEL=WARN bin/dev >"$WORK/stack.log" 2>&1 &
pid=$!
wait_healthy
trap 'stop_stack "$pid"; rm -rf "$WORK"' EXIT
PGHOST=localhost
PGPORT="$(sed -n 's/.*"jdbc:postgresql:\/\/localhost:\([0-9]*\)\/.*/\1/p' .data/dev/stack.json)"
PGDATABASE=hexatask PGUSER=hexatask PGPASSWORD=hexatask
export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD

USER_NAME="bench"
psql -q -v ON_ERROR_STOP=1 <<SQL
delete from tasks where owner = '$USER_NAME';
insert into tasks (id, owner, title, description, status, priority_rank, due_date, tags, version, created_at,
                   updated_at, completed_at)
select gen_random_uuid(), '$USER_NAME', 'Benchmark task ' || i, 'Description of task ' || i,
       case when i % 3 = 0 then 'DONE' when i % 3 = 1 then 'TODO' else 'IN_PROGRESS' end, i % 3,
       current_date + (i % 60), array['bench', 'tag' || (i % 7)], 1,
       now() - i * interval '1 minute', now() - i * interval '1 minute',
       case when i % 3 = 0 then now() - i * interval '1 minute' end
from generate_series(1, 1000) as i;
analyze tasks;
SQL
TOKEN="$(bin/dev token "$USER_NAME")"
echo "select id, owner, title, description, status, priority_rank, due_date, tags, version, created_at, updated_at, completed_at from tasks where owner = '$USER_NAME' order by created_at desc, id desc limit 21;" >"$WORK/list.sql"
# What the API does for that request, as one transaction: the page (the caller's time zone is read only when the
# request filters on overdue tasks).
{
  echo "begin;"
  cat "$WORK/list.sql"
  echo "commit;"
} >"$WORK/transaction.sql"
check="$(curl -sf "$API/tasks?limit=20" -H "Authorization: Bearer $TOKEN" | grep -o '"id"' | wc -l)"
echo "a page holds $check tasks"

# Warm the JIT before measuring.
wrk -t2 -c32 -d5s -H "Authorization: Bearer $TOKEN" "$API/tasks?limit=20" >/dev/null

printf '%-12s %10s %9s %9s | %12s %9s %9s %6s | %12s %6s\n' connections "API req/s" "API p50" "API p99" \
  "SELECT tps" "p50" "p99" ratio "txn tps" ratio
for connections in 8 32 64; do
  wrk -t2 -c"$connections" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$API/tasks?limit=20" \
    >"$WORK/wrk.txt"
  api_rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
  api_p50="$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")"
  api_p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -n -c "$connections" -j 2 -T "$DURATION" -f list.sql --log --log-prefix=pgbench_log \
    >"$WORK/pgbench.txt" 2>&1)
  pg_tps="$(awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]}' "$WORK/pgbench.txt")"
  cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n >"$WORK/latencies.txt"
  pg_p50="$(awk '{a[NR]=$1} END {printf "%.2fms", a[int(NR*0.50)]/1000}' "$WORK/latencies.txt")"
  pg_p99="$(awk '{a[NR]=$1} END {printf "%.2fms", a[int(NR*0.99)]/1000}' "$WORK/latencies.txt")"
  ratio="$(awk -v a="$api_rps" -v p="$pg_tps" 'BEGIN {printf "%.0f%%", 100 * a / p}')"
  (cd "$WORK" && pgbench -n -c "$connections" -j 2 -T "$DURATION" -f transaction.sql >"$WORK/pgbench-txn.txt" 2>&1)
  txn_tps="$(awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]}' "$WORK/pgbench-txn.txt")"
  txn_ratio="$(awk -v a="$api_rps" -v p="$txn_tps" 'BEGIN {printf "%.0f%%", 100 * a / p}')"
  printf '%-12s %10s %9s %9s | %12.0f %9s %9s %6s | %12.0f %6s\n' "$connections" "$api_rps" "$api_p50" \
    "$api_p99" "$pg_tps" "$pg_p50" "$pg_p99" "$ratio" "$txn_tps" "$txn_ratio"
done
echo "Stack: $(grep -o 'PostgreSQL [0-9.]* (embedded)' "$WORK/stack.log" | head -n 1); $(grep -o 'Java .*' "$WORK/stack.log" | head -n 1); pool of 10 connections; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
