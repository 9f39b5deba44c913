#!/usr/bin/env bash
# Waline (npm @waline/vercel) beside Talkback, on the same local PostgreSQL and the same thread shape: installs
# Waline once, creates its own database (waline_bench) from Waline's documented schema, seeds a thread of
# 50 comments (10 top-level, 4 replies each) through Waline's own API, starts Talkback's BenchServer on
# PostgreSQL with the same thread, and runs wrk reads and posts against both in alternating rounds, printing
# the ratios. The database and Talkback's tables are dropped at the end.
# Needs node and npm (apt-get install -y nodejs npm), wrk, nginx, psql, python3, and PostgreSQL at
# 127.0.0.1:5432 (user postgres, trust).
# Usage: comments-servlet/bench/peers/waline.sh [duration, default 15s] [rounds, default 2]
#   WALINE_VERSION (default 1.39.3)   WALINE_DIR where it is installed (default ~/.cache/talkback-bench/waline-<v>)
#   WALINE_PGSQL  Waline's PostgreSQL schema, assets/waline.pgsql of the walinejs/waline repository at that
#                 version (default: <WALINE_DIR>/waline.pgsql, downloaded from the repository if missing)
#   SKIP_BUILD=1  use the Talkback classes compiled before (bench/run.sh builds them); OFFLINE=1  mvn -o
set -euo pipefail
cd "$(dirname "$0")/../../.."
DUR=${1:-15s}
ROUNDS=${2:-2}
VERSION=${WALINE_VERSION:-1.39.3}
WDIR=${WALINE_DIR:-$HOME/.cache/talkback-bench/waline-$VERSION}
PGSQL=${WALINE_PGSQL:-$WDIR/waline.pgsql}
DB=waline_bench
WPORT=18184 TPORT=18185 OPORT=18187
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
for tool in node npm wrk nginx psql python3 curl; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install -y nodejs npm wrk nginx postgresql-client python3 curl)"; exit 1; }
done
WORK=$(mktemp -d)
PIDS=()
PREFIX="tbpeer_$$_"
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  sleep 1
  "${PSQL[@]}" -d test -c "DROP DATABASE IF EXISTS $DB" || true
  local t
  t=$("${PSQL[@]}" -d test -tAc "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE tablename LIKE '${PREFIX//_/\\_}%'" || true)
  [ -n "$t" ] && "${PSQL[@]}" -d test -c "DROP TABLE $t CASCADE" || true
}
trap cleanup EXIT

echo "== Waline $VERSION in $WDIR"
if [ ! -f "$WDIR/node_modules/@waline/vercel/vanilla.js" ]; then
  mkdir -p "$WDIR"
  (cd "$WDIR" && { [ -f package.json ] || npm init -y > /dev/null; } && npm install --no-audit --no-fund "@waline/vercel@$VERSION")
fi
if [ ! -s "$PGSQL" ]; then
  curl -fsS -m 30 -o "$PGSQL" "https://raw.githubusercontent.com/walinejs/waline/v$VERSION/assets/waline.pgsql" \
    || curl -fsS -m 30 -o "$PGSQL" "https://raw.githubusercontent.com/walinejs/waline/main/assets/waline.pgsql" \
    || { rm -f "$PGSQL"; echo "cannot download Waline's schema: put assets/waline.pgsql of walinejs/waline at $PGSQL (or set WALINE_PGSQL)"; exit 1; }
fi
"${PSQL[@]}" -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" -f "$PGSQL"
echo "schema: $("${PSQL[@]}" -d "$DB" -tAc "SELECT string_agg(tablename, ', ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")"

# Waline asks its OAuth service (OAUTH_URL, by default a public host) for the list of login providers on
# every request, and answers 500 when that fails: a local nginx answers it here with an empty list, so
# Waline works offline and the figures do not include an Internet round trip (they would in production).
mkdir -p "$WORK/oauth"
echo '{"services":[]}' > "$WORK/oauth/services.json"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$OPORT; location = /services.json { root $WORK/oauth; default_type application/json; } }
}
NGINX
chmod -R a+rX "$WORK"
nginx -c "$WORK/nginx.conf"
# Waline as its docs run it standalone (node vanilla.js: ThinkJS, one worker per core), with its per-IP
# posting interval (IPQPS, 60 s by default) and Akismet (an outside service) off, like Talkback's rate limits.
(cd "$WDIR/node_modules/@waline/vercel" && exec env PG_DB=$DB PG_USER=postgres PG_HOST=127.0.0.1 PG_PORT=5432 \
  IPQPS=0 AKISMET_KEY=false OAUTH_URL="http://127.0.0.1:$OPORT/services.json" node vanilla.js $WPORT) \
  > "$WORK/waline.log" 2>&1 &
PIDS+=("$!")
W="http://127.0.0.1:$WPORT"
for _ in $(seq 60); do curl -fs "$W/api/comment?path=/none" > /dev/null 2>&1 && break; sleep 1; done
wpost() { # url comment nick [pid rid at] -> the new comment's id
  python3 - "$W/api/comment" "$@" <<'PY'
import json, sys, urllib.request
url, path, text, nick = sys.argv[1:5]
body = {"url": path, "comment": text, "nick": nick, "ua": "seed"}
if len(sys.argv) > 5:
    body.update(pid=int(sys.argv[5]), rid=int(sys.argv[6]), at=sys.argv[7])
req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
r = json.load(urllib.request.urlopen(req, timeout=30))
if r.get("errno", 0) != 0:
    sys.exit("Waline refused a seed comment: %s" % r)
print(r["data"]["objectId"])
PY
}
for i in $(seq 0 9); do
  top=$(wpost /bench "Top-level comment number $i: a paragraph of ordinary length, with a link https://example.org/$i and a little more text so the thread weighs what a real one does." "Reader $i")
  for j in $(seq 0 3); do
    wpost /bench "Reply $j to comment $i. Agreed, mostly; here is why, in two sentences." "Replier $j" "$top" "$top" "Reader $i" > /dev/null
  done
done
WR="$W/api/comment?path=%2Fbench&page=1&pageSize=10&sortBy=insertedAt_asc&lang=en"
curl -fs "$WR" > "$WORK/waline-thread.json"
python3 - "$WORK/waline-thread.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["data"]
n = len(d["data"]) + sum(len(c.get("children", [])) for c in d["data"])
print("Waline thread: %d comments shown (%d top-level), %d bytes" % (n, len(d["data"]), len(open(sys.argv[1], "rb").read())))
PY

if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q ${OFFLINE:+-o} -pl comments-servlet -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/comments-servlet/target/bench-classpath" -Dmdep.includeScope=test
fi
CP="comments-servlet/target/test-classes:comments-servlet/target/classes:$(cat comments-servlet/target/bench-classpath)"
java -Xmx512m -Dbench.prefix="$PREFIX" -cp "$CP" dev.talkback.comments.servlet.bench.BenchServer $TPORT "$WORK/www" pg > "$WORK/talkback.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 120); do grep -q READY "$WORK/talkback.log" 2>/dev/null && break; sleep 1; done
echo "Talkback thread: $(grep READY "$WORK/talkback.log")"
T="http://127.0.0.1:$TPORT/comments/api/thread?thread=bench"

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
summary() { awk -v what="$1" '/Requests\/sec/ {r=$2} / 99%/ {p=$2} /Non-2xx/ {e=$NF} /Socket errors/ {s=$0} END {printf "%s %s req/s, p99 %s, non-2xx %s %s\n", what, r, p, e ? e : 0, s}'; }
echo "== warm-up"; wrk -t2 -c8 -d5s "$T" > /dev/null; wrk -t2 -c8 -d5s "$WR" > /dev/null
for round in $(seq "$ROUNDS"); do
  echo "== reads, round $round (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c32 -d"$DUR" --timeout 30s --latency "$T" | tee "$WORK/read-t$round.txt" | summary "  Talkback (cached page, PostgreSQL):"
  wrk -t2 -c32 -d"$DUR" --timeout 30s --latency "$WR" | tee "$WORK/read-w$round.txt" | summary "  Waline (PostgreSQL):               "
  echo "  Talkback / Waline = $(echo "scale=1; $(rate "$WORK/read-t$round.txt") / $(rate "$WORK/read-w$round.txt")" | bc)"
  echo "== posts, round $round (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c8 -d"$DUR" --timeout 30s --latency -s comments-servlet/bench/post.lua "http://127.0.0.1:$TPORT/comments/api/comments" \
    | tee "$WORK/post-t$round.txt" | summary "  Talkback (JDBI, PostgreSQL):       "
  before=$("${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM wl_comment")
  wrk -t2 -c8 -d"$DUR" --timeout 30s --latency -s comments-servlet/bench/peers/waline-post.lua "$W/api/comment" \
    | tee "$WORK/post-w$round.txt" | summary "  Waline (PostgreSQL):               "
  # Waline answers a refused comment with 200 and an errno: count what it stored
  echo "  Waline stored $(( $("${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM wl_comment") - before )) comments of $(awk '/requests in/ {print $1}' "$WORK/post-w$round.txt") answered"
  echo "  Talkback / Waline = $(echo "scale=2; $(rate "$WORK/post-t$round.txt") / $(rate "$WORK/post-w$round.txt")" | bc)"
done
echo "Waline comments stored: $("${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM wl_comment")"
echo "wrk output and logs: $WORK"
