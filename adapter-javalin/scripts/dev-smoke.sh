#!/usr/bin/env bash
# Smoke test of bin/dev as a developer uses it: start, tokens for two users, isolation, 401 without a token, a
# second bin/dev refused, Ctrl-C (SIGINT) leaves no process, port or lock file. Not part of ./mvnw verify: it builds
# and starts the whole stack (about a minute, more on the first run). Run from anywhere: adapter-javalin/scripts/dev-smoke.sh
set -euo pipefail
set -m  # background jobs get their own process group and keep SIGINT, as in a terminal
cd "$(dirname "$0")/../.."

PORT="${PORT:-8080}"
API="http://localhost:$PORT/api"
LOG="$(mktemp)"
failures=0
passes=0
check() {  # check <description> <command...>
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; passes=$((passes + 1)); else echo "FAIL $what"; failures=$((failures + 1)); fi
}

if [ -f .data/dev/dev.lock ] && bin/dev token nobody >/dev/null 2>&1; then
  echo "a stack is already running here; stop it first" >&2
  exit 1
fi

PORT="$PORT" bin/dev >"$LOG" 2>&1 &
DEV_PID=$!
trap 'kill -TERM "$DEV_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 600); do
  curl -sf "$API/health" >/dev/null 2>&1 && break
  kill -0 "$DEV_PID" 2>/dev/null || { cat "$LOG"; echo "bin/dev exited before it was ready" >&2; exit 1; }
  sleep 0.5
done
check "health answers 200" curl -sf "$API/health" -o /dev/null
check "the banner names the API, the storage folder and how to get a token" \
  grep -q "Token      curl" "$LOG"

ALICE="$(bin/dev token alice)"
BOB="$(bin/dev token bob)"
created="$(curl -sf -X POST "$API/tasks" -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
  -d '{"title":"Smoke test task of alice"}')"
id="$(echo "$created" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')"
check "alice creates a task" test -n "$id"
check "alice lists her task" sh -c "curl -sf '$API/tasks' -H 'Authorization: Bearer $ALICE' | grep -q '$id'"
check "bob does not see alice's task in his list" \
  sh -c "! curl -sf '$API/tasks' -H 'Authorization: Bearer $BOB' | grep -q '$id'"
check "bob gets 404 for alice's task" \
  test "$(curl -s -o /dev/null -w '%{http_code}' "$API/tasks/$id" -H "Authorization: Bearer $BOB")" = 404
check "no token gets 401" test "$(curl -s -o /dev/null -w '%{http_code}' "$API/tasks")" = 401
check "a second bin/dev is refused" sh -c "! bin/dev >/dev/null 2>&1"

PG_PORT="$(sed -n 's/.*localhost:\([0-9]*\)\/hexatask.*/\1/p' .data/dev/stack.json | head -n 1)"
kill -INT "$DEV_PID"
wait "$DEV_PID" || true
trap - EXIT
check "the stack's Java process is gone" sh -c "! kill -0 $DEV_PID 2>/dev/null"
check "no PostgreSQL runs on the data folder" sh -c "! pgrep -f '[b]in/postgres -D .data/postgres' >/dev/null"
check "ports $PORT, $((PORT + 1)) and ${PG_PORT:-?} are free" sh -c \
  "! (ss -ltn | grep -qE ':($PORT|$((PORT + 1))|${PG_PORT:-0})\\b')"
check "no lock, pid or stack file is left" sh -c \
  "[ ! -e .data/dev/dev.lock ] && [ ! -e .data/dev/stack.json ] && [ ! -e .data/postgres/postmaster.pid ] && [ ! -e .data/postgres/epg-lock ]"
rm -f "$LOG"
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
