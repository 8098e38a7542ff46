#!/usr/bin/env bash
# Benchmark of the Javalin server as bin/dev starts it; prints measured numbers (not a test).
#
# For each variant (a checkout of the code, built, run with its own bin/dev and data folder), in rounds that
# alternate the order of the variants, so that every variant sees the same machine and the ratios hold while
# absolute numbers move with the load:
#   - start-up of bin/dev to /api/health 200;
#   - GET /api/tasks?limit=20 for one user owning 1,000 tasks, with a real bearer token, at each of CONNECTIONS;
#   - POST /api/tasks and PATCH /api/tasks/{id} (with the task's ETag in If-Match) at WRITE_CONNECTIONS;
#   and for each: requests/s, p50, p99, the CPU the JVM and PostgreSQL spent per request (all their threads and
#   processes, from /proc) and the bytes the JVM allocated per request (the JVM's own count of the bytes all its
#   threads allocated, read over a local JMX attach before and after: AllocatedBytes in the test sources).
# Then, against the last variant's PostgreSQL, in the same round:
#   - pgbench running the page's SELECT, the same SELECT inside begin/commit, the INSERT and the read plus UPDATE the
#     writes run, each in a transaction (the issue's yardstick) and alone (as the API runs them), at the same
#     concurrency (CPU per transaction: PostgreSQL plus the pgbench client);
#   - the ceiling: a minimal server on the same stack (CeilingServer: Javalin, HikariCP, the driver, Jackson; same
#     SELECT, same JSON), without and with an RS256 check of the token on every request.
#
# Variants: VARIANTS="name=folder[=java options] ...", folder relative to this repository's root. The java options
# replace bin/dev's (BIN_DEV_JAVA_OPTS); without them a variant runs as its bin/dev starts it. Default: "now=.".
# Example, the unchanged main against this branch (build main once: git worktree add --detach ../base main, then
# (cd ../base && bin/dev) until it is up, Ctrl-C):
#   VARIANTS="before=../base after=." adapter-javalin/scripts/benchmark.sh
#
# Needs wrk, pgbench, psql (apt-get install wrk postgresql-client) and a JDK. Every run is bounded:
# DURATION seconds per measurement (default 10) after WARMUP seconds of warm-up (default 20), ROUNDS rounds
# (default 2). Ports PORT and PORT+1 (default 8080)
# for the stacks, PORT+2 for the ceiling. Start it on a quiet machine; it prints the load average as it goes.
set -euo pipefail
set -m
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"

VARIANTS="${VARIANTS:-now=.}"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-20}"
CONNECTIONS="${CONNECTIONS:-8 64}"
WRITE_CONNECTIONS="${WRITE_CONNECTIONS:-8}"
PORT="${PORT:-8080}"
CEILING_PORT=$((PORT + 2))
API="http://localhost:$PORT/api"
USER_NAME="bench"
WORK="$(mktemp -d)"
TICKS="$(getconf CLK_TCK)"
stack_pid=""
ceiling_pid=""
cleanup() {
  [ -n "$ceiling_pid" ] && { kill -TERM "$ceiling_pid" 2>/dev/null || true; wait "$ceiling_pid" 2>/dev/null || true; }
  [ -n "$stack_pid" ] && { kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
for tool in wrk pgbench psql curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk postgresql-client curl)" >&2; exit 1; }
done
JAVA_HOME="$(bin/find-jdk)"
JAVAC="$JAVA_HOME/bin/javac"
JAVA="$JAVA_HOME/bin/java"

load() { cut -d' ' -f1-3 /proc/loadavg; }
# The machine's CPU ticks so far: "total niced steal" (niced: processes at a positive nice level, such as other
# work started with nice -n 19 beside the benchmark; steal: time the hypervisor gave to other guests).
cpu_reading() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $3, $9 }' /proc/stat; }
# Per cent of the machine's CPU that niced work and the hypervisor took between two readings: "niced/steal".
background_share() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1]
                                    printf "%.0f/%.0f", 100 * (y[2] - x[2]) / t, 100 * (y[3] - x[3]) / t }'
}
echo "== Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(load)"
# With the kernel's autogroup scheduling on, CPU is shared fairly between sessions (terminals, services) before nice
# levels count, so work at nice 19 in another session still takes half the cores from a benchmark at nice -10.
if [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo 0)" = 1 ]; then
  echo "   note: autogroup scheduling is on; nice levels do not keep other sessions' work off the benchmark's cores" \
       "(as root: echo 0 > /proc/sys/kernel/sched_autogroup_enabled)"
fi
echo "   rounds $ROUNDS, $DURATION s per measurement, list at $CONNECTIONS connections, writes at $WRITE_CONNECTIONS"

# --- CPU and allocation ------------------------------------------------------------------------------------------
# CPU ticks of a process, all its threads.
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU ticks of a PostgreSQL server: the postmaster, the children it has reaped, and its live children.
postgres_ticks() {
  local postmaster="$1" total child
  total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")"
  for child in $(pgrep -P "$postmaster" || true); do
    total=$((total + $(process_ticks "$child")))
  done
  echo "$total"
}
# Bytes the JVM has allocated so far, all threads (AllocatedBytes, compiled below); 0 if it cannot be read.
allocated_bytes() {
  "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$WORK/probe" dev.hexatask.javalin.benchmark.AllocatedBytes "$1" \
    2>/dev/null || echo 0
}

# --- one measurement with wrk --------------------------------------------------------------------------------------
# measure <label> <jvm pid> <postmaster pid> <connections> <url> [wrk script]; prints one table row.
measure() {
  local label="$1" jvm="$2" postmaster="$3" connections="$4" url="$5" script="${6:-}"
  local args=(-t2 -c"$connections" -d"${DURATION}s" --timeout 10s --latency -H "Authorization: Bearer $TOKEN")
  [ -n "$script" ] && args+=(-s "$script")
  local jvm_before pg_before bytes_before cpu_before
  bytes_before="$(allocated_bytes "$jvm")"
  cpu_before="$(cpu_reading)"
  jvm_before="$(process_ticks "$jvm")"
  pg_before="$(postgres_ticks "$postmaster")"
  wrk "${args[@]}" "$url" >"$WORK/wrk.txt"
  local kib jvm_after pg_after cpu_after
  jvm_after="$(process_ticks "$jvm")"
  pg_after="$(postgres_ticks "$postmaster")"
  cpu_after="$(cpu_reading)"
  kib="$(awk -v a="$bytes_before" -v b="$(allocated_bytes "$jvm")" 'BEGIN { printf "%.0f", (b - a) / 1024 }')"
  local requests rps p50 p99 errors
  requests="$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")"
  rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
  errors="$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.txt")"
  local statuses
  statuses="$(grep '^status ' "$WORK/wrk.txt" | tr '\n' ' ' || true)"
  awk -v l="$label" -v c="$connections" -v r="$rps" -v p50="$p50" -v p99="$p99" -v n="$requests" -v t="$TICKS" \
      -v j=$((jvm_after - jvm_before)) -v p=$((pg_after - pg_before)) -v k="$kib" -v e="${errors:-0}" -v la="$(load)" \
      -v st="$statuses" -v bg="$(background_share "$cpu_before" "$cpu_after")" \
      'BEGIN { jus = j * 1e6 / t / n; pus = p * 1e6 / t / n
               printf "%-26s %4d %10.0f %9s %9s %8.0f %8.0f %8.0f %8.1f %7s %6s  %s%s\n", l, c, r, p50, p99, jus, pus,
                      jus + pus, k / n, la, bg, (e > 0 ? "NON-2xx " e " " : ""), st }'
  echo "$label $connections $rps" >>"$WORK/results.txt"
}
header() {
  printf '%-26s %4s %10s %9s %9s %8s %8s %8s %8s %7s %6s\n' "$1" conn "req/s" p50 p99 "JVM us" "PG us" "CPU us" \
    "KiB/req" "load" "bg %"
}

# --- pgbench -------------------------------------------------------------------------------------------------------
# pgbench_row <label> <script file> <connections> <postmaster pid>
pgbench_row() {
  local label="$1" file="$2" connections="$3" postmaster="$4" pg_before pg_after client cpu_before
  cpu_before="$(cpu_reading)"
  pg_before="$(postgres_ticks "$postmaster")"
  rm -f "$WORK"/pgbench_log.*
  client="$( { TIMEFORMAT='%U %S'; time (cd "$WORK" && pgbench -n -c "$connections" -j 2 -T "$DURATION" -f "$file" \
    --log --log-prefix=pgbench_log >"$WORK/pgbench.txt" 2>&1); } 2>&1 | awk '{print $1 + $2}')"
  pg_after="$(postgres_ticks "$postmaster")"
  local tps transactions
  tps="$(awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]}' "$WORK/pgbench.txt")"
  transactions="$(awk -F': ' '/number of transactions actually processed/ {split($2, a, "/"); print a[1]}' \
    "$WORK/pgbench.txt")"
  cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n >"$WORK/latencies.txt"
  awk -v l="$label" -v c="$connections" -v r="$tps" -v n="$transactions" -v t="$TICKS" -v cl="$client" \
      -v p=$((pg_after - pg_before)) -v la="$(load)" -v bg="$(background_share "$cpu_before" "$(cpu_reading)")" '{a[NR] = $1}
      END { pus = p * 1e6 / t / n; cus = cl * 1e6 / n
            printf "%-26s %4d %10.0f %7.2fms %7.2fms %8.0f %8.0f %8.0f %8s %7s %6s\n", l, c, r, a[int(NR * 0.5)] / 1000,
                   a[int(NR * 0.99)] / 1000, cus, pus, cus + pus, "-", la, bg }' "$WORK/latencies.txt"
  echo "$label $connections $tps" >>"$WORK/results.txt"
}

# --- a variant's stack -----------------------------------------------------------------------------------------------
wait_healthy() {
  local url="$1" pid="$2"
  for _ in $(seq 1 2400); do
    curl -sf "$url" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the server exited before it was ready" >&2; return 1; }
    sleep 0.05
  done
  echo "the server did not answer in time" >&2
  return 1
}

# start_stack <folder> <java options or empty>: starts bin/dev there; sets stack_pid, postmaster, TOKEN, PG*.
start_stack() {
  local folder="$1" options="$2" started
  started=$(date +%s%N)
  if [ -n "$options" ]; then
    (cd "$folder" && PORT="$PORT" LOG_LEVEL=WARN FRONTEND_DIR="$WORK/no-frontend" BIN_DEV_JAVA_OPTS="$options" exec bin/dev) >"$WORK/stack.log" 2>&1 &
  else
    (cd "$folder" && PORT="$PORT" LOG_LEVEL=WARN FRONTEND_DIR="$WORK/no-frontend" exec bin/dev) >"$WORK/stack.log" 2>&1 &
  fi
  stack_pid=$!
  wait_healthy "$API/health" "$stack_pid" || { tail -n 20 "$WORK/stack.log" >&2; return 1; }
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  postmaster="$(head -n 1 "$folder/.data/postgres/postmaster.pid")"
  PGHOST=localhost
  PGPORT="$(sed -n 's/.*"jdbc:postgresql:\/\/localhost:\([0-9]*\)\/.*/\1/p' "$folder/.data/dev/stack.json")"
  PGDATABASE=hexatask PGUSER=hexatask PGPASSWORD=hexatask
  export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
  JWKS_URL="$(sed -n 's/.*"jwksUrl" *: *"\([^"]*\)".*/\1/p' "$folder/.data/dev/stack.json")"
  TOKEN=""
  for _ in 1 2 3 4 5; do
    TOKEN="$(cd "$folder" && bin/dev token "$USER_NAME" 2>/dev/null)" && break
    sleep 1
  done
  [ -n "$TOKEN" ] || { echo "no token from the stack in $folder" >&2; return 1; }
}

stop_stack() {
  kill -TERM "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  stack_pid=""
}

# The same 1,000 tasks in every variant's database; the writes' own rows are removed after each variant.
seed() {
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
drop table if exists benchmark_ids;
create table benchmark_ids as select row_number() over (order by created_at) as n, id from tasks
  where owner = '$USER_NAME';
alter table benchmark_ids add primary key (n);
vacuum analyze tasks;
SQL
  psql -At -c "select id from benchmark_ids order by n" >"$WORK/ids.txt"
}

unseed() {
  psql -q -c "delete from tasks where owner = '$USER_NAME'; drop table if exists benchmark_ids;"
}

# --- scripts -----------------------------------------------------------------------------------------------------------
cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"title":"Benchmark write","description":"Written by the benchmark","priority":"HIGH","tags":["bench"]}'
wrk.headers["Content-Type"] = "application/json"
LUA
# PATCH with the task's ETag, as a client sends it: each of wrk's two threads cycles through its own half of the
# tasks and counts their versions from 1 (reset_versions sets them so before each run).
cat >"$WORK/patch.lua" <<LUA
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end
-- Statuses other than 200, counted per thread and printed at the end (a wrong version would show as 412).
failures = {}
function response(status, headers, body)
  if status ~= 200 then failures[status] = (failures[status] or 0) + 1 end
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("failures")) do io.write("status ", status, ": ", count, "\n") end
  end
end
local ids, versions, at = {}, {}, 0
function init(args)
  local i = 0
  for line in io.lines("$WORK/ids.txt") do
    if i % 2 == tid then ids[#ids + 1] = line end
    i = i + 1
  end
end
function request()
  at = at % #ids + 1
  local id = ids[at]
  local version = versions[id] or 1
  versions[id] = version + 1
  -- Headers given to wrk.format replace wrk's own (the -H Authorization among them): copied first.
  local headers = { ["Content-Type"] = "application/json", ["If-Match"] = '"' .. version .. '"' }
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format("PATCH", "/api/tasks/" .. id, headers, '{"title":"Renamed ' .. version .. '"}')
end
LUA
reset_versions() { psql -q -c "update tasks set version = 1 where owner = '$USER_NAME'"; }
COLUMNS="id, owner, title, description, status, priority_rank, due_date, tags, version, created_at, updated_at, completed_at"
PAGE_SQL="select $COLUMNS from tasks where owner = '$USER_NAME' order by created_at desc, id desc limit 21;"
echo "$PAGE_SQL" >"$WORK/list.sql"
printf 'begin;\n%s\ncommit;\n' "$PAGE_SQL" >"$WORK/list-transaction.sql"
# The issue's yardstick for POST /tasks: the same INSERT in a transaction. The API runs it without one (a create
# without an Idempotency-Key is one statement, see TaskService), so the INSERT alone is measured too.
INSERT_SQL="insert into tasks ($COLUMNS) values (gen_random_uuid(), '$USER_NAME', 'Benchmark write',
  'Written by the benchmark', 'TODO', 2, null, array['bench'], 1, now(), now(), null);"
printf 'begin;\n%s\ncommit;\n' "$INSERT_SQL" >"$WORK/insert.sql"
echo "$INSERT_SQL" >"$WORK/insert-alone.sql"
# The yardstick for PATCH /tasks/{id} with one ETag: the task read, then the versioned update, in a transaction;
# and the two alone, as the API runs them. pgbench picks the task by a number (benchmark_ids), which adds a
# primary-key lookup to each statement that the API does not pay.
READ_AND_UPDATE_SQL="select $COLUMNS from tasks where owner = '$USER_NAME' and id = (select id from benchmark_ids where n = :i);
update tasks set title = 'Renamed ' || :i, version = version + 1, updated_at = now()
  where owner = '$USER_NAME' and id = (select id from benchmark_ids where n = :i);"
printf '\\set i random(1, 1000)\nbegin;\n%s\ncommit;\n' "$READ_AND_UPDATE_SQL" >"$WORK/update.sql"
printf '\\set i random(1, 1000)\n%s\n' "$READ_AND_UPDATE_SQL" >"$WORK/update-alone.sql"

# The allocation probe (JDK only) and the ceiling server, compiled against the built server's class path.
mkdir -p "$WORK/probe"
"$JAVAC" -d "$WORK/probe" adapter-javalin/src/test/java/dev/hexatask/javalin/benchmark/AllocatedBytes.java
# The ceiling server, compiled against the built server's class path.
CLASSPATH_FILE="adapter-javalin/target/runtime-classpath.txt"
[ -f "$CLASSPATH_FILE" ] || { echo "build first: bin/dev (or ./mvnw -pl adapter-javalin -am package)" >&2; exit 1; }
mkdir -p "$WORK/ceiling"
"$JAVAC" -q -d "$WORK/ceiling" -cp "$(cat "$CLASSPATH_FILE")" \
  adapter-javalin/src/test/java/dev/hexatask/javalin/benchmark/CeilingServer.java 2>/dev/null \
  || "$JAVAC" -d "$WORK/ceiling" -cp "$(cat "$CLASSPATH_FILE")" \
    adapter-javalin/src/test/java/dev/hexatask/javalin/benchmark/CeilingServer.java

# start_ceiling [jwks url]: the ceiling on CEILING_PORT against the running stack's PostgreSQL.
start_ceiling() {
  DATABASE_URL="jdbc:postgresql://localhost:$PGPORT/hexatask?user=hexatask&password=hexatask" PORT="$CEILING_PORT" \
    OWNER="$USER_NAME" JWKS_URL="${1:-}" "$JAVA" -XX:+UseParallelGC -Dhexatask.logLevel=WARN \
    -Dlogback.configurationFile="$ROOT/adapter-javalin/src/main/resources/logback.xml" \
    -cp "$WORK/ceiling:$(cat "$CLASSPATH_FILE")" dev.hexatask.javalin.benchmark.CeilingServer >"$WORK/ceiling.log" 2>&1 &
  ceiling_pid=$!
  wait_healthy "http://localhost:$CEILING_PORT/api/health" "$ceiling_pid" || { tail -n 20 "$WORK/ceiling.log" >&2; return 1; }
}
stop_ceiling() {
  kill -TERM "$ceiling_pid" 2>/dev/null || true
  wait "$ceiling_pid" 2>/dev/null || true
  ceiling_pid=""
}

read -r -a variants <<<"$VARIANTS"
for round in $(seq 1 "$ROUNDS"); do
  order=("${variants[@]}")
  if [ $((round % 2)) -eq 0 ]; then
    order=()
    for ((i = ${#variants[@]} - 1; i >= 0; i--)); do order+=("${variants[i]}"); done
  fi
  echo
  echo "== Round $round of $ROUNDS (load average $(load))"
  header "variant"
  for variant in "${order[@]}"; do
    name="${variant%%=*}"
    rest="${variant#*=}"
    folder="${rest%%=*}"
    options=""
    [ "$rest" != "$folder" ] && options="${rest#*=}"
    start_stack "$folder" "$options"
    seed
    check="$(curl -sf "$API/tasks?limit=20" -H "Authorization: Bearer $TOKEN" | grep -o '"id"' | wc -l)"
    [ "$check" -eq 20 ] || { echo "variant $name: a page holds $check tasks, not 20" >&2; exit 1; }
    # Warm-up: the JIT compiles the request path (C2 as well, when it runs).
    wrk -t2 -c32 -d"${WARMUP}s" --timeout 10s -H "Authorization: Bearer $TOKEN" "$API/tasks?limit=20" >/dev/null
    reset_versions
    wrk -t2 -c8 -d5s --timeout 10s -H "Authorization: Bearer $TOKEN" -s "$WORK/post.lua" "$API/tasks" >/dev/null
    wrk -t2 -c8 -d5s --timeout 10s -H "Authorization: Bearer $TOKEN" -s "$WORK/patch.lua" "$API/tasks" >/dev/null
    # The warm-up's writes leave dead rows; vacuumed now, so that no autovacuum worker runs (and counts as the
    # database's CPU) in the middle of a measurement.
    psql -q -c "vacuum analyze tasks, task_counts"
    for connections in $CONNECTIONS; do
      measure "$name list" "$stack_pid" "$postmaster" "$connections" "$API/tasks?limit=20"
    done
    for connections in $WRITE_CONNECTIONS; do
      measure "$name POST" "$stack_pid" "$postmaster" "$connections" "$API/tasks" "$WORK/post.lua"
      reset_versions
      measure "$name PATCH" "$stack_pid" "$postmaster" "$connections" "$API/tasks" "$WORK/patch.lua"
    done
    echo "$name startup $startup_ms" >>"$WORK/results.txt"
    if [ "$variant" != "${order[${#order[@]} - 1]}" ]; then
      unseed
      stop_stack
    fi
  done
  # Against the last variant's PostgreSQL, still running, with its data.
  psql -q -c "delete from tasks where owner = '$USER_NAME' and title = 'Benchmark write'" -c "vacuum analyze tasks, task_counts"
  for connections in $CONNECTIONS; do
    pgbench_row "pgbench SELECT" list.sql "$connections" "$postmaster"
    pgbench_row "pgbench begin;SELECT;commit" list-transaction.sql "$connections" "$postmaster"
  done
  for connections in $WRITE_CONNECTIONS; do
    pgbench_row "pgbench INSERT txn" insert.sql "$connections" "$postmaster"
    pgbench_row "pgbench INSERT alone" insert-alone.sql "$connections" "$postmaster"
    pgbench_row "pgbench read+UPDATE txn" update.sql "$connections" "$postmaster"
    pgbench_row "pgbench read;UPDATE alone" update-alone.sql "$connections" "$postmaster"
  done
  psql -q -c "delete from tasks where owner = '$USER_NAME' and title = 'Benchmark write'" -c "vacuum analyze tasks, task_counts"
  for jwks in "" "$JWKS_URL"; do
    start_ceiling "$jwks"
    label="ceiling"
    [ -n "$jwks" ] && label="ceiling + RS256"
    wrk -t2 -c32 -d"${WARMUP}s" --timeout 10s -H "Authorization: Bearer $TOKEN" \
      "http://localhost:$CEILING_PORT/api/tasks" >/dev/null
    for connections in $CONNECTIONS; do
      measure "$label" "$ceiling_pid" "$postmaster" "$connections" "http://localhost:$CEILING_PORT/api/tasks"
    done
    stop_ceiling
  done
  unseed
  stop_stack
done

echo
echo "== Medians over the rounds (requests or transactions per second); start-up in ms"
awk '{ key = $1; for (i = 2; i < NF - 1; i++) key = key " " $i; key = key " @" $(NF - 1); v[key] = v[key] " " $NF }
     END { for (k in v) print k ":" v[k] }' "$WORK/results.txt" | sort | while IFS=: read -r key values; do
  median="$(tr ' ' '\n' <<<"$values" | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  printf '%-40s %10s   (%s)\n' "$key" "$median" "$(xargs <<<"$values")"
done
echo "Stack: $(grep -o 'PostgreSQL [0-9.]* (embedded)' "$WORK/stack.log" | head -n 1); $(grep -o 'Java .*' "$WORK/stack.log" | head -n 1); load average now $(load)"
