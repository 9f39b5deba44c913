#!/usr/bin/env bash
# Soak (issue 14): mixed reads and posts against the servlet (Jetty 12) on PostgreSQL for a long time, with
# the server's memory sampled every 30 s: heap after a full GC (jcmd GC.run, then GC.heap_info), RSS
# (/proc/<pid>/status) and the load average. wrk (soak.lua) paces each connection with a delay so the soak
# is a steady blog-like load, not a saturation test. The server is wired as one of several nodes
# (SOAK_NODES=true, the default: PostgresInvalidationBus listening, rate limit buckets in the database, set
# unlimited). Needs wrk, jcmd and PostgreSQL at 127.0.0.1:5432 (db test, user postgres); the server's tables
# (prefix tbsoak_<pid>_, which run.sh's cleanup of tbbench_* does not touch) are dropped at the end.
# Usage: comments-servlet/bench/soak.sh [minutes, default 30] [connections, default 4] [delay ms, default 20]
# Writes $WORK/memory.tsv and wrk's summary to stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
MIN=${1:-30}
CONN=${2:-4}
export SOAK_DELAY_MS=${3:-20}
PORT=${SOAK_PORT:-18184}
WORK=${SOAK_WORK:-$(mktemp -d)}
mkdir -p "$WORK"
echo "work dir $WORK; commit $(git rev-parse --short HEAD); $(nproc) cores; uptime: $(uptime)"
# SOAK_SKIP_BUILD=1 uses classes compiled before and a class path already in $WORK/cp (on a busy machine a
# build can take longer than the soak).
[ -n "${SOAK_SKIP_BUILD:-}" ] || ./mvnw -B -q -o -pl comments-servlet -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
# Copy the compiled classes, so rebuilding the worktree during a long soak cannot change the running server.
CP="" i=0
for e in comments-servlet/target/test-classes comments-servlet/target/classes $(tr ':' ' ' < "$WORK/cp"); do
  if [ -d "$e" ]; then i=$((i + 1)); cp -r "$e" "$WORK/classes-$i"; e="$WORK/classes-$i"; fi
  CP="$CP${CP:+:}$e"
done
PREFIX="tbsoak_$$_"
drop_tables() {
  local t
  t=$(psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE left(tablename, length('$PREFIX')) = '$PREFIX'" 2>/dev/null || true)
  [ -n "$t" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP TABLE $t CASCADE" || true
  psql -h 127.0.0.1 -U postgres -d test -qc "DROP FUNCTION IF EXISTS ${PREFIX}notify_changes() CASCADE" 2>/dev/null || true
}
java -Xmx256m -Xms64m -XX:+UseG1GC -Dbench.prefix="$PREFIX" -Dbench.nodes="${SOAK_NODES:-true}" -cp "$CP" \
  dev.talkback.comments.servlet.bench.BenchServer $PORT "$WORK/www" pg > "$WORK/server.log" 2>&1 &
SPID=$!
WPID=""
trap 'kill $WPID 2>/dev/null || true; kill $SPID 2>/dev/null || true; wait $SPID 2>/dev/null || true; drop_tables' EXIT
for _ in $(seq 120); do grep -q READY "$WORK/server.log" 2>/dev/null && break; sleep 1; done
grep READY "$WORK/server.log"
sample() { # seconds since start, heap used after a full GC (KiB), RSS (KiB), load average
  jcmd "$SPID" GC.run > /dev/null
  local heap rss
  heap=$(jcmd "$SPID" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K", "", $(i + 1)); print $(i + 1) } }')
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$SPID/status")
  printf '%s\t%s\t%s\t%s\n' "$1" "$heap" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/memory.tsv"
}
printf 'seconds\theap_after_gc_kib\trss_kib\tloadavg\n' | tee "$WORK/memory.tsv"
wrk -t2 -c"$CONN" -d"${MIN}m" --timeout 10s --latency -s comments-servlet/bench/soak.lua "http://127.0.0.1:$PORT" > "$WORK/wrk.txt" 2> "$WORK/wrk-errors.txt" &
WPID=$!
START=$(date +%s)
sample 0
while kill -0 "$WPID" 2>/dev/null; do
  sleep 30
  kill -0 "$SPID" || { echo "server died"; exit 1; }
  sample $(( $(date +%s) - START ))
done
wait "$WPID" || true
WPID=""
cat "$WORK/wrk.txt"; echo "first errors (if any):"; head -5 "$WORK/wrk-errors.txt"
echo "comments stored: $(psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT count(*) FROM ${PREFIX}comments" 2>/dev/null || echo '?')"
echo "server log: $(grep -c ' ERROR ' "$WORK/server.log" || true) ERROR lines, $(grep -c ' WARN ' "$WORK/server.log" || true) WARN lines"
echo "uptime at the end: $(uptime)"
