#!/usr/bin/env bash
# Sustained load on the server as bin/dev starts it (part 3 of the reliability suite); prints measured numbers, not
# a test.
#
# Starts bin/dev on its own data folder and ports, seeds one user with 1,000 tasks, then for MINUTES slices of one
# minute each (default 10) sends a fixed rate of requests: GET /api/tasks?limit=20 at READ_RATE per second and
# POST /api/tasks at WRITE_RATE per second (defaults 1,200 and 300), each over CONNECTIONS connections, with a real
# bearer token from the local sign-in server. The load comes from autocannon (npm, fixed-rate mode), run on the
# project's pinned Node. After every slice it prints p50 and p99 of both, the statuses other than 2xx, the server's
# heap after a full collection, its resident memory, open file descriptors and threads, and the connections
# PostgreSQL holds for the application (pg_stat_activity). Aims: no error, memory, descriptors and threads flat, never
# more connections than the pool (10).
#
# Needs psql (apt-get install postgresql-client) and a JDK's jcmd and jstat. Every part is bounded: MINUTES slices of
# 60 s, then the stack is stopped. Ports PORT and PORT+1 (default 8280).
set -euo pipefail
set -m
cd "$(dirname "$0")/../.."

MINUTES="${MINUTES:-10}"
READ_RATE="${READ_RATE:-1200}"
WRITE_RATE="${WRITE_RATE:-300}"
CONNECTIONS="${CONNECTIONS:-8}"
PORT="${PORT:-8280}"
AUTOCANNON_VERSION="9.0.0"
API="http://localhost:$PORT/api"
WORK="$(mktemp -d)"
stack_pid=""
cleanup() {
  [ -n "$stack_pid" ] && { kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }
JAVA_HOME="$(bin/find-jdk)"
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(load)"
echo "   $MINUTES slices of 60 s: GET at $READ_RATE/s and POST at $WRITE_RATE/s, $CONNECTIONS connections each"
bin/node exec npm install --silent --no-audit --no-fund --prefix "$WORK/tools" "autocannon@$AUTOCANNON_VERSION" >/dev/null
AUTOCANNON="$WORK/tools/node_modules/.bin/autocannon"

export HEXATASK_DATA_DIR="$WORK/data"
(PORT="$PORT" LOG_LEVEL=WARN FRONTEND_DIR="$WORK/no-frontend" exec bin/dev) >"$WORK/stack.log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 1200); do
  curl -sf "$API/health" >/dev/null 2>&1 && break
  kill -0 "$stack_pid" 2>/dev/null || { tail -n 20 "$WORK/stack.log" >&2; exit 1; }
  sleep 0.1
done
curl -sf "$API/health" >/dev/null || { echo "the stack did not come up" >&2; exit 1; }
# bin/dev replaces itself with the server's JVM.
jvm="$stack_pid"
[ "$(cat "/proc/$jvm/comm")" = java ] || { echo "process $jvm is not the server's JVM" >&2; exit 1; }
PGHOST=localhost
PGPORT="$(sed -n 's/.*"jdbc:postgresql:\/\/localhost:\([0-9]*\)\/.*/\1/p' "$WORK/data/dev/stack.json")"
PGDATABASE=hexatask PGUSER=hexatask PGPASSWORD=hexatask
export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
TOKEN="$(bin/dev token sustained)"
psql -q -v ON_ERROR_STOP=1 <<SQL
insert into tasks (id, owner, title, description, status, priority_rank, due_date, tags, version, created_at,
                   updated_at, completed_at)
select gen_random_uuid(), 'sustained', 'Sustained task ' || i, 'Description of task ' || i, 'TODO', i % 3,
       current_date + (i % 60), array['sustained'], 1, now() - i * interval '1 minute', now() - i * interval '1 minute', null
from generate_series(1, 1000) as i;
vacuum analyze tasks;
SQL

# One autocannon run's figures as "p50 p99 requests non2xx errors timeouts".
figures() {
  bin/node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log([r.latency.p50, r.latency.p99, r.requests.total, r.non2xx, r.errors, r.timeouts].join(" "));
  ' "$1"
}
resources() {
  "$JAVA_HOME/bin/jcmd" "$jvm" GC.run >/dev/null
  local heap rss fds threads connections
  heap="$("$JAVA_HOME/bin/jstat" -gc "$jvm" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR == 2 { printf "%.0f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }')"
  rss="$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$jvm/status")"
  threads="$(awk '/Threads/ {print $2}' "/proc/$jvm/status")"
  fds="$(find "/proc/$jvm/fd" -mindepth 1 -maxdepth 1 | wc -l)"
  connections="$(psql -At -c "select count(*) from pg_stat_activity where application_name = 'hexatask'")"
  echo "$heap $rss $fds $threads $connections"
}
BODY='{"title":"Sustained write","description":"Written by the sustained run","tags":["sustained"]}'
printf '%-6s %8s %8s %8s %8s %8s %8s %9s %8s %5s %8s %6s %7s\n' minute "GET n" "GET p50" "GET p99" "POST n" \
  "POST p50" "POST p99" "not 2xx" "heap MiB" "RSS" fds threads "db conn"
read -r heap rss fds threads connections <<<"$(resources)"
printf '%-6s %8s %8s %8s %8s %8s %8s %9s %8s %5s %8s %6s %7s\n' start - - - - - - - "$heap" "$rss" "$fds" "$threads" \
  "$connections"
failures=0
for minute in $(seq 1 "$MINUTES"); do
  "$AUTOCANNON" -j -c "$CONNECTIONS" -R "$READ_RATE" -d 60 -t 10 -H "Authorization=Bearer $TOKEN" \
    "$API/tasks?limit=20" >"$WORK/get.json" 2>/dev/null &
  reads=$!
  "$AUTOCANNON" -j -c "$CONNECTIONS" -R "$WRITE_RATE" -d 60 -t 10 -m POST -H "Authorization=Bearer $TOKEN" \
    -H "Content-Type=application/json" -b "$BODY" "$API/tasks" >"$WORK/post.json" 2>/dev/null &
  writes=$!
  wait "$reads" "$writes"
  read -r g50 g99 gn gbad gerr gto <<<"$(figures "$WORK/get.json")"
  read -r p50 p99 pn pbad perr pto <<<"$(figures "$WORK/post.json")"
  read -r heap rss fds threads connections <<<"$(resources)"
  bad=$((gbad + gerr + gto + pbad + perr + pto))
  failures=$((failures + bad))
  printf '%-6s %8s %6s ms %6s ms %8s %6s ms %6s ms %9s %8s %5s %8s %6s %7s  load %s\n' "$minute" "$gn" "$g50" "$g99" \
    "$pn" "$p50" "$p99" "$bad" "$heap" "$rss" "$fds" "$threads" "$connections" "$(load)"
done
echo "requests that did not get a 2xx (non-2xx, errors, timeouts) over the run: $failures"
echo "rows written: $(psql -At -c "select count(*) from tasks where owner = 'sustained' and title = 'Sustained write'")"
