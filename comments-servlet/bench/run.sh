#!/usr/bin/env bash
# Runs the servlet's wrk benchmarks on loopback: a cached 50-comment thread through the servlet (Jetty 12)
# against nginx serving the same bytes, then posting throughput. Needs wrk and nginx (apt-get install -y wrk nginx).
# Usage: comments-servlet/bench/run.sh [duration, default 20s]
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-20s}
JPORT=18181 NPORT=18182
WORK=$(mktemp -d)
drop_bench_tables() { # the PostgreSQL run's tables, prefixed tbbench_<n>_
  local t
  t=$(psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE tablename LIKE 'tbbench\_%'" 2>/dev/null || true)
  [ -n "$t" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP TABLE $t CASCADE" || true
}
chmod 755 "$WORK"
mvn -B -q -pl comments-servlet -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
CP="comments-servlet/target/test-classes:comments-servlet/target/classes:$(cat "$WORK/cp")"
java -Xmx512m -cp "$CP" dev.talkback.comments.servlet.bench.BenchServer $JPORT "$WORK/www" > "$WORK/server.log" 2>&1 &
JPID=$!
trap 'kill $JPID 2>/dev/null || true; drop_bench_tables; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 60); do grep -q READY "$WORK/server.log" 2>/dev/null && break; sleep 1; done
grep READY "$WORK/server.log"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NPORT;
    location = /thread.json { root $WORK/www; default_type application/json; }
  }
}
NGINX
chmod -R a+rX "$WORK"
nginx -c "$WORK/nginx.conf"
sleep 1
J="http://127.0.0.1:$JPORT/comments/api/thread?thread=bench"
N="http://127.0.0.1:$NPORT/thread.json"
cmp <(curl -s "$J") <(curl -s "$N") && echo "same bytes: $(curl -s "$N" | wc -c)"
echo "== warm-up"; wrk -t2 -c32 -d10s "$J" > /dev/null; wrk -t2 -c32 -d5s "$N" > /dev/null
for round in 1 2; do
  echo "== round $round: servlet (Jetty 12, cached thread)"; wrk -t2 -c32 -d"$DUR" --latency "$J"
  echo "== round $round: nginx (same bytes, static file)"; wrk -t2 -c32 -d"$DUR" --latency "$N"
done
echo "== posting into the in-memory store"
wrk -t2 -c8 -d"$DUR" -s comments-servlet/bench/post.lua "http://127.0.0.1:$JPORT/comments/api/comments"
kill $JPID; wait $JPID 2>/dev/null || true
for store in h2 pg; do
  java -Xmx512m -cp "$CP" dev.talkback.comments.servlet.bench.BenchServer $JPORT "$WORK/www-$store" $store > "$WORK/server-$store.log" 2>&1 &
  JPID=$!
  for _ in $(seq 120); do grep -q READY "$WORK/server-$store.log" 2>/dev/null && break; sleep 1; done
  grep READY "$WORK/server-$store.log"
  echo "== posting into $store (JDBI store, HikariCP pool of 8)"
  wrk -t2 -c8 -d"$DUR" -s comments-servlet/bench/post.lua "http://127.0.0.1:$JPORT/comments/api/comments"
  kill $JPID; wait $JPID 2>/dev/null || true
done
