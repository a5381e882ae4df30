#!/usr/bin/env bash
# End-to-end comparisons of Kairos with its peers (see README.md in this folder). Each (workload, peer) runs in its
# own JVM; rows are appended to a TSV file and printed as a Markdown table at the end.
#
#   scheduler-benchmarks/run.sh                 # everything (~15 min on 2 cores)
#   scheduler-benchmarks/run.sh W1 W3-pg        # selected workloads
#   scheduler-benchmarks/run.sh W3-stores       # the W3 burst on Kairos's JDBC, Redis, MongoDB and ZooKeeper stores
#   scheduler-benchmarks/run.sh W3-stores-quick # the same with 1 measured rep and a short warm-up (<= 15 min)
#   PEERS="kairos-mem spring-tps" scheduler-benchmarks/run.sh W1   # selected peers
#
# Workloads: W1 (memory burst), W2 (memory capacity), LAT-mem (lateness, memory, 500/s), W3-pg (PostgreSQL burst,
# 1 and 2 instances), W3-redis (Redis burst), W3-stores (the W3 burst on Kairos's JDBC, Redis, MongoDB and ZooKeeper
# stores; MongoDB is mongo-java-server and ZooKeeper Curator's TestingServer, each in a child JVM), W3-stores-quick
# (W3-stores with 1 measured rep instead of 3 and a warm-up of 1 round and 5 s of bursts, at most 30 s, instead of 3
# rounds and 15 s, at most 300 s; rows labelled W3-stores-quick, reps = 1), LAT-pg (lateness, PostgreSQL, jobs added on another instance),
# OUTAGE (lateness of PostgreSQL-store jobs while the same scheduler's Redis store is killed for 15 s; needs redis-server),
# W5 (scale, issue 21: backgrounds of 0, 10k, 100k, 300k, 1M and again 0 pending jobs after an unreported warm-up, on
# kairos-jdbc, kairos-redis, kairos-mariadb; ~10 min; fewer sizes: JAVA_OPTS="... -Dbench.backgrounds=0,100000,0").
# Environment: JAVA_OPTS (default -Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch), SKIP_BUILD=1, OUT (TSV path).
set -u
cd "$(dirname "$0")/.."
ALL="W1 W2 LAT-mem W3-pg W3-redis LAT-pg OUTAGE"
WORKLOADS="${*:-$ALL}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package -pl scheduler-benchmarks -am || { echo "build failed" >&2; exit 1; }
fi
mkdir -p scheduler-benchmarks/results
# run from a copy, so a rebuild during the run cannot swap classes under it
JAR=$(mktemp /tmp/kairos-benchmarks-XXXXXX.jar)
cp scheduler-benchmarks/target/benchmarks.jar "$JAR"
trap 'rm -f "$JAR"' EXIT
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT="${OUT:-scheduler-benchmarks/results/results-$STAMP.tsv}"
JAVA_OPTS="${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch}"
LOG="${OUT%.tsv}.log"
FAILURES=0
START=$(date +%s)

peers_for() {
  case "$1" in
    W1|W2|LAT-mem) echo "baseline-mem spring-tps quartz-ram kairos-mem" ;;
    W3-pg)         echo "baseline-pg kairos-jdbc dbsched-lock quartz-jdbc" ;;
    W3-redis)      echo "baseline-redis kairos-redis" ;;
    W3-stores|W3-stores-quick) echo "kairos-jdbc kairos-redis kairos-mongo kairos-zk" ;;
    LAT-pg)        echo "kairos-jdbc dbsched-lock baseline-pg baseline-pg@10ms" ;;
    OUTAGE)        echo "kairos" ;;
    W5)            echo "kairos-jdbc kairos-redis kairos-mariadb" ;;
  esac
}

run() { # workload peer[@pollms] [extra -D...]
  local w=$1 p=$2; shift 2
  local extra=("$@")
  case "$p" in *@*ms) local poll=${p#*@}; extra+=("-Dbench.poll.ms=${poll%ms}"); p=${p%@*} ;; esac
  if [ "$w" = W3-pg ] && [ "$p" = quartz-jdbc ]; then
    extra+=(-Dbench.n="${QUARTZ_JDBC_N:-2000}" -Dbench.reps=1 -Dbench.warmup.n=500 -Dbench.warmup.rounds=1 -Dbench.warmup.s=0)
  fi
  if [ "$w" = W3-stores-quick ]; then
    extra+=(-Dbench.reps=1 -Dbench.warmup.rounds=1 -Dbench.warmup.s=5 -Dbench.warmup.max.s=30)
  fi
  echo "== $w $p (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$LOG"
  local began=$(date +%s)
  # shellcheck disable=SC2086
  if ! timeout 900 java $JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.out="$OUT" "${extra[@]}" \
      -cp "$JAR" io.kairos.scheduler.benchmarks.e2e.BenchMain "$w" "$p" >>"$LOG" 2>&1; then
    echo "   FAILED: $w $p (see $LOG)" | tee -a "$LOG"
    FAILURES=$((FAILURES + 1))
  fi
  echo "   $w $p took $(( $(date +%s) - began )) s" | tee -a "$LOG"
}

pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || echo "warning: PostgreSQL on 127.0.0.1:5432 is not ready" >&2
for w in $WORKLOADS; do
  for p in ${PEERS:-$(peers_for "$w")}; do
    run "$w" "$p"
  done
done
# leftovers of interrupted runs (every adapter drops its own on close)
psql -h 127.0.0.1 -U postgres -d test -qc "DROP TABLE IF EXISTS bench_jobs, bench_scheduled_tasks, bench_kairos_jobs, \
  bench_qrtz_fired_triggers, bench_qrtz_paused_trigger_grps, bench_qrtz_scheduler_state, bench_qrtz_locks, \
  bench_qrtz_simple_triggers, bench_qrtz_cron_triggers, bench_qrtz_simprop_triggers, bench_qrtz_blob_triggers, \
  bench_qrtz_triggers, bench_qrtz_job_details, bench_qrtz_calendars, bench_kairos_jobs_runs" \
  >/dev/null 2>&1 || true

echo
echo "Results: $OUT ($(uname -m), $(java -version 2>&1 | head -1))"
echo "Summary: ($(( $(date +%s) - START )) s, $FAILURES failures, load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
[ -f "$OUT" ] && java -cp "$JAR" io.kairos.scheduler.benchmarks.e2e.Report "$OUT"
exit $(( FAILURES > 0 ))
