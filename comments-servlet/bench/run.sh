#!/usr/bin/env bash
# Runs the servlet's wrk benchmarks on loopback: a cached 50-comment thread through the servlet (Jetty 12)
# against a plain Jetty 12 servlet writing the same bytes from memory (PlainServer, the JVM's ceiling) and
# nginx serving them as a static file, in alternating rounds; then the same thread gzipped (the servlet's
# pre-gzipped variant against nginx's gzip_static on a .gz of the same JSON); then posting throughput.
# Needs wrk and nginx (apt-get install -y wrk nginx).
# Usage: comments-servlet/bench/run.sh [duration, default 20s] [rounds, default 2]
#   SKIP_BUILD=1  use the classes compiled before;  OFFLINE=1  build with mvn -o
#   SKIP_POSTS=1  stop after the reads;  JFR=file.jfr  record a flight recording of the servlet's JVM
#   BASE=dir      also run a servlet built before a change (dir holds its classes/, test-classes/ and
#                 bench-classpath, copied from comments-servlet/target) in the same rounds
#   JVM_OPTS=...  heap flags for every JVM (default -Xmx512m)
# After the sequential rounds come paired rounds: the servlet and the plain servlet (and BASE) under wrk at
# the same moment, whose CPU per request is the item-1 ratio on a shared machine; then the servlet beside the
# plain servlet sending the same headers through the same mapping, which leaves the comment servlet's own work;
# then pinned rounds: each server alone on CPU 1 with wrk on CPU 0, whose throughput ratio is the item-1 figure
# on a machine with nothing else running (it needs taskset, from util-linux, and two CPUs).
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-20s}
ROUNDS=${2:-2}
JPORT=18181 NPORT=18182 PPORT=18183 BPORT=18186
# the same heap for every JVM; JVM_OPTS="-Xms512m -Xmx512m -Xmn256m" fixes the young generation, which G1 otherwise
# sizes from pause times that a loaded machine stretches (one JVM gets a 25 MB eden, the next 220 MB)
JVM_OPTS=${JVM_OPTS:--Xmx512m}
WORK=$(mktemp -d)
PIDS=()
drop_bench_tables() { # the PostgreSQL run's tables, prefixed tbbench_<this script's pid>_
  local t
  t=$(psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE tablename LIKE 'tbbench\_$$\_%'" 2>/dev/null || true)
  [ -n "$t" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP TABLE $t CASCADE" || true
}
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  drop_bench_tables
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT
wait_ready() { for _ in $(seq 120); do grep -q READY "$1" 2>/dev/null && break; sleep 1; done; grep READY "$1"; }
chmod 755 "$WORK"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q ${OFFLINE:+-o} -pl comments-servlet -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/comments-servlet/target/bench-classpath" -Dmdep.includeScope=test
fi
CP="comments-servlet/target/test-classes:comments-servlet/target/classes:$(cat comments-servlet/target/bench-classpath)"
JFR_OPT=()
[ -n "${JFR:-}" ] && JFR_OPT=("-XX:StartFlightRecording=filename=$JFR,settings=profile")
java $JVM_OPTS "${JFR_OPT[@]}" -cp "$CP" dev.talkback.comments.servlet.bench.BenchServer $JPORT "$WORK/www" > "$WORK/server.log" 2>&1 &
JPID=$!; PIDS+=("$JPID")
wait_ready "$WORK/server.log"
java $JVM_OPTS -cp "$CP" dev.talkback.comments.servlet.bench.PlainServer $PPORT "$WORK/www/thread.json" > "$WORK/plain.log" 2>&1 &
PIDS+=("$!")
wait_ready "$WORK/plain.log"
if [ -n "${BASE:-}" ]; then
  java $JVM_OPTS -cp "$BASE/test-classes:$BASE/classes:$(cat "$BASE/bench-classpath")" dev.talkback.comments.servlet.bench.BenchServer \
    $BPORT "$WORK/www-base" > "$WORK/base.log" 2>&1 &
  PIDS+=("$!")
  wait_ready "$WORK/base.log"
fi
gzip -9 -k -n "$WORK/www/thread.json"    # thread.json.gz, for nginx's gzip_static
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
    location = /thread.json { root $WORK/www; default_type application/json; gzip_static on; }
  }
}
NGINX
chmod -R a+rX "$WORK"
nginx -c "$WORK/nginx.conf"
sleep 1
J="http://127.0.0.1:$JPORT/comments/api/thread?thread=bench"
P="http://127.0.0.1:$PPORT/thread.json"
PH="http://127.0.0.1:$PPORT/thread-headers.json"
PM="http://127.0.0.1:$PPORT/plain/api/thread?thread=bench"   # the same, mapped by prefix and asked as the servlet is
B="http://127.0.0.1:$BPORT/comments/api/thread?thread=bench"
N="http://127.0.0.1:$NPORT/thread.json"
cmp <(curl -s "$J") <(curl -s "$P") && cmp <(curl -s "$J") <(curl -s "$N") && echo "same bytes: $(curl -s "$N" | wc -c)"
GZ=(-H "Accept-Encoding: gzip")
cmp <(curl -s "${GZ[@]}" "$J" | gzip -dc) <(curl -s "$N") && cmp <(curl -s "${GZ[@]}" "$N" | gzip -dc) <(curl -s "$N") \
  && echo "same bytes gunzipped; gzip on the wire: servlet $(curl -s "${GZ[@]}" "$J" | wc -c), nginx gzip_static (gzip -9) $(curl -s "${GZ[@]}" "$N" | wc -c)"
echo "== headers"; for u in "$J" "$P" "$PH" "$N"; do curl -s -o /dev/null -D - "$u" | tr -d '\r' | grep -v '^$' | sed 's/^/  /'; echo; done
echo "== warm-up"; wrk -t2 -c32 -d10s "$J" > /dev/null; wrk -t2 -c32 -d10s "$P" > /dev/null; wrk -t2 -c32 -d5s "$N" > /dev/null
wrk -t2 -c32 -d5s "${GZ[@]}" "$J" > /dev/null; wrk -t2 -c32 -d5s "$PH" > /dev/null
[ -n "${BASE:-}" ] && wrk -t2 -c32 -d10s "$B" > /dev/null
# Each wrk run also measures the CPU time the server spent (its processes' utime + stime from /proc) per
# request: on a machine shared with other jobs, throughput swings with their load, CPU per request much less.
TICK=$(getconf CLK_TCK)
NGINX_PIDS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
# run NAME FILE URL PID... [-- wrk options]: wrk -t2 -c32 on URL, prints req/s, p99 and CPU µs per request
run() {
  local name=$1 out=$2 url=$3; shift 3
  local pids=() opts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do pids+=("$1"); shift; done
  [ "${1:-}" = -- ] && { shift; opts=("$@"); }
  local t0 t1; t0=$(ticks "${pids[@]}")
  wrk -t2 -c32 -d"$DUR" --latency "${opts[@]}" "$url" > "$out"
  t1=$(ticks "${pids[@]}")
  local req; req=$(awk '/requests in/ {print $1}' "$out")
  echo "cpu_us $(echo "scale=2; ($t1 - $t0) * 1000000 / $TICK / $req" | bc)" >> "$out"
  awk -v what="$name" '/Requests\/sec/ {r=$2} / 99%/ {p=$2} /^cpu_us/ {c=$2} END {printf "  %-36s %10s req/s  p99 %8s  server CPU %6s us/request\n", what, r, p, c}' "$out"
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
cpu() { awk '/^cpu_us/ {print $2}' "$1"; }
PPID_PLAIN=${PIDS[1]}
for round in $(seq "$ROUNDS"); do
  echo "== round $round (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  run "servlet (Jetty 12, cached thread)" "$WORK/r$round-servlet.txt" "$J" "$JPID"
  run "plain servlet (same bytes)" "$WORK/r$round-plain.txt" "$P" "$PPID_PLAIN"
  run "plain servlet + the servlet's headers" "$WORK/r$round-plainh.txt" "$PH" "$PPID_PLAIN"
  run "  ... and its mapping (/plain/*?query)" "$WORK/r$round-plainm.txt" "$PM" "$PPID_PLAIN"
  run "nginx (same bytes, static file)" "$WORK/r$round-nginx.txt" "$N" $NGINX_PIDS
  if [ -n "${BASE:-}" ]; then
    run "servlet before (BASE)" "$WORK/r$round-base.txt" "$B" "${PIDS[2]}"
  fi
  R=$WORK/r$round
  echo "  servlet / plain servlet: throughput $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-plain.txt")" | bc)," \
    "CPU per request $(echo "scale=3; $(cpu "$R-plain.txt") / $(cpu "$R-servlet.txt")" | bc) (plain's / servlet's);" \
    "servlet / plain with the same headers: $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-plainh.txt")" | bc)," \
    "and the same mapping: $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-plainm.txt")" | bc)" \
    "(CPU $(echo "scale=3; $(cpu "$R-plainm.txt") / $(cpu "$R-servlet.txt")" | bc));" \
    "servlet / nginx: $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-nginx.txt")" | bc)"
  if [ -n "${BASE:-}" ]; then
    echo "  before / plain servlet: throughput $(echo "scale=3; $(rps "$R-base.txt") / $(rps "$R-plain.txt")" | bc)," \
      "CPU per request $(echo "scale=3; $(cpu "$R-plain.txt") / $(cpu "$R-base.txt")" | bc);" \
      "after / before: throughput $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-base.txt")" | bc)," \
      "CPU per request $(echo "scale=3; $(cpu "$R-base.txt") / $(cpu "$R-servlet.txt")" | bc)"
  fi
done
# Paired rounds: the servlet and the plain servlet (and BASE's servlet) under wrk at the same moment, one wrk
# each (-t1 -c16), so that both meet the same load from the machine's other jobs; the ratio of their CPU per
# request within one paired round is the item-1 figure on a shared machine (sequential runs 15 s apart see
# different loads: their ratios swing by +-15 %).
paired() { # paired NAME URL PID...: starts wrk on URL in the background, in $WORK/$NAME.txt, ticks in $WORK/$NAME.t0
  local name=$1 url=$2; shift 2
  ticks "$@" > "$WORK/$name.t0"
  echo "$*" > "$WORK/$name.pids"
  wrk -t1 -c16 -d"$DUR" --latency "$url" > "$WORK/$name.txt" &
  WRKS+=("$!")
}
paired_done() { # paired_done NAME: appends cpu_us to $WORK/$NAME.txt (after wait)
  local name=$1 t1 req
  # shellcheck disable=SC2046
  t1=$(ticks $(cat "$WORK/$name.pids"))
  req=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  echo "cpu_us $(echo "scale=2; ($t1 - $(cat "$WORK/$name.t0")) * 1000000 / $TICK / $req" | bc)" >> "$WORK/$name.txt"
  awk -v what="$2" '/Requests\/sec/ {r=$2} / 99%/ {p=$2} /^cpu_us/ {c=$2} END {printf "  %-36s %10s req/s  p99 %8s  server CPU %6s us/request\n", what, r, p, c}' "$WORK/$name.txt"
}
for round in $(seq "$ROUNDS"); do
  echo "== paired round $round (servlet and plain servlet at once; load: $(cut -d' ' -f1-3 /proc/loadavg))"
  WRKS=()
  paired "q$round-servlet" "$J" "$JPID"
  paired "q$round-plain" "$P" "$PPID_PLAIN"
  [ -n "${BASE:-}" ] && paired "q$round-base" "$B" "${PIDS[2]}"
  wait "${WRKS[@]}"
  paired_done "q$round-servlet" "servlet (Jetty 12, cached thread)"
  paired_done "q$round-plain" "plain servlet (same bytes)"
  [ -n "${BASE:-}" ] && paired_done "q$round-base" "servlet before (BASE)"
  Q=$WORK/q$round
  echo "  paired servlet / plain servlet: throughput $(echo "scale=3; $(rps "$Q-servlet.txt") / $(rps "$Q-plain.txt")" | bc)," \
    "CPU per request $(echo "scale=3; $(cpu "$Q-plain.txt") / $(cpu "$Q-servlet.txt")" | bc) (plain's / servlet's)"
  if [ -n "${BASE:-}" ]; then
    echo "  paired before / plain servlet: CPU per request $(echo "scale=3; $(cpu "$Q-plain.txt") / $(cpu "$Q-base.txt")" | bc);" \
      "after / before: CPU per request $(echo "scale=3; $(cpu "$Q-base.txt") / $(cpu "$Q-servlet.txt")" | bc)"
  fi
  # then the servlet beside the plain servlet sending its headers through its mapping: what is left is the comment
  # servlet's own work; what the plain servlet pays for those headers and that request line is Jetty's
  WRKS=()
  paired "q$round-servlet2" "$J" "$JPID"
  paired "q$round-plainm" "$PM" "$PPID_PLAIN"
  wait "${WRKS[@]}"
  paired_done "q$round-servlet2" "servlet (Jetty 12, cached thread)"
  paired_done "q$round-plainm" "plain + headers + mapping"
  echo "  paired servlet / plain servlet with the same headers and mapping: throughput" \
    "$(echo "scale=3; $(rps "$Q-servlet2.txt") / $(rps "$Q-plainm.txt")" | bc)," \
    "CPU per request $(echo "scale=3; $(cpu "$Q-plainm.txt") / $(cpu "$Q-servlet2.txt")" | bc)"
done
# Pinned rounds: every server JVM on CPU 1 and wrk on CPU 0, one server at a time, in alternating order. A
# server then has a core to itself and wrk another, so its throughput is its own ceiling on one core, which is
# what item 1 compares (unpinned, the server competes with wrk for both cores and throughput says as much about
# wrk's share as about the server). Each line gives the server core's use during the run: near 100 % means wrk
# kept it busy; well below, the round measured wrk and its ratio says nothing.
if [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
  SERVER_PIDS=("$JPID" "$PPID_PLAIN"); [ -n "${BASE:-}" ] && SERVER_PIDS+=("${PIDS[2]}")
  for p in "${SERVER_PIDS[@]}"; do taskset -a -p -c 1 "$p" > /dev/null; done
  pinned() { # pinned NAME FILE URL PID: wrk -t1 -c16 on CPU 0 against a server pinned to CPU 1
    local name=$1 out=$2 url=$3 pid=$4 t0 t1 s0 s1 req
    t0=$(ticks "$pid"); s0=$(date +%s%N)
    taskset -c 0 wrk -t1 -c16 -d"$DUR" --latency "$url" > "$out"
    t1=$(ticks "$pid"); s1=$(date +%s%N)
    req=$(awk '/requests in/ {print $1}' "$out")
    echo "cpu_us $(echo "scale=2; ($t1 - $t0) * 1000000 / $TICK / $req" | bc)" >> "$out"
    echo "core_use $(echo "scale=0; ($t1 - $t0) * 100 * 1000000000 / $TICK / ($s1 - $s0)" | bc)" >> "$out"
    awk -v what="$name" '/Requests\/sec/ {r=$2} / 99%/ {p=$2} /^core_use/ {u=$2} END {printf "  %-36s %10s req/s  p99 %8s  server core %4s %%\n", what, r, p, u}' "$out"
  }
  : > "$WORK/pinned-ratios"
  for round in $(seq "$ROUNDS"); do
    echo "== pinned round $round (servers on CPU 1, wrk on CPU 0; load: $(cut -d' ' -f1-3 /proc/loadavg))"
    R=$WORK/k$round
    if [ $((round % 2)) = 1 ]; then
      pinned "servlet (Jetty 12, cached thread)" "$R-servlet.txt" "$J" "$JPID"
      pinned "plain servlet (same bytes)" "$R-plain.txt" "$P" "$PPID_PLAIN"
      pinned "plain + headers + mapping" "$R-plainm.txt" "$PM" "$PPID_PLAIN"
    else
      pinned "plain + headers + mapping" "$R-plainm.txt" "$PM" "$PPID_PLAIN"
      pinned "plain servlet (same bytes)" "$R-plain.txt" "$P" "$PPID_PLAIN"
      pinned "servlet (Jetty 12, cached thread)" "$R-servlet.txt" "$J" "$JPID"
    fi
    [ -n "${BASE:-}" ] && pinned "servlet before (BASE)" "$R-base.txt" "$B" "${PIDS[2]}"
    ratio=$(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-plain.txt")" | bc)
    echo "$ratio" >> "$WORK/pinned-ratios"
    echo "  pinned servlet / plain servlet: throughput $ratio;" \
      "servlet / plain with the same headers and mapping: $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-plainm.txt")" | bc)" \
      ${BASE:+"; after / before: $(echo "scale=3; $(rps "$R-servlet.txt") / $(rps "$R-base.txt")" | bc)"}
  done
  echo "  pinned servlet / plain servlet over $ROUNDS rounds: median $(sort -n "$WORK/pinned-ratios" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')," \
    "range $(sort -n "$WORK/pinned-ratios" | head -1)-$(sort -n "$WORK/pinned-ratios" | tail -1)"
  for p in "${SERVER_PIDS[@]}"; do taskset -a -p -c "0-$(($(nproc) - 1))" "$p" > /dev/null; done
fi
for round in $(seq "$ROUNDS"); do
  echo "== gzip round $round (Accept-Encoding: gzip; load: $(cut -d' ' -f1-3 /proc/loadavg))"
  run "servlet, pre-gzipped" "$WORK/g$round-servlet.txt" "$J" "$JPID" -- "${GZ[@]}"
  run "nginx gzip_static" "$WORK/g$round-nginx.txt" "$N" $NGINX_PIDS -- "${GZ[@]}"
  echo "  servlet / nginx (gzip): throughput $(echo "scale=3; $(rps "$WORK/g$round-servlet.txt") / $(rps "$WORK/g$round-nginx.txt")" | bc)," \
    "CPU per request $(echo "scale=3; $(cpu "$WORK/g$round-nginx.txt") / $(cpu "$WORK/g$round-servlet.txt")" | bc) (nginx's / servlet's)"
done
echo "wrk output: $WORK"
[ "${SKIP_POSTS:-}" = 1 ] && exit 0
echo "== posting into the in-memory store"
wrk -t2 -c8 -d"$DUR" -s comments-servlet/bench/post.lua "http://127.0.0.1:$JPORT/comments/api/comments"
kill $JPID; wait $JPID 2>/dev/null || true
for store in h2 pg; do
  java $JVM_OPTS -Dbench.prefix="tbbench_$$_" -cp "$CP" dev.talkback.comments.servlet.bench.BenchServer $JPORT "$WORK/www-$store" $store > "$WORK/server-$store.log" 2>&1 &
  JPID=$!; PIDS+=("$JPID")
  wait_ready "$WORK/server-$store.log"
  echo "== posting into $store (JDBI store, HikariCP pool of 8)"
  wrk -t2 -c8 -d"$DUR" -s comments-servlet/bench/post.lua "http://127.0.0.1:$JPORT/comments/api/comments"
  kill $JPID; wait $JPID 2>/dev/null || true
done
