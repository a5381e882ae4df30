#!/usr/bin/env bash
# Builds the modules the sample e-commerce app needs (`package` only: nothing is installed into ~/.m2) and
# runs sample-order-app on its H2 database in ./data (delete ./data to start over).
# Extra arguments go to the app, e.g. `scripts/run-sample.sh --orders.payment-timeout=20s`.
# The build prints one line per module as it goes; its whole log is kept in target/run-sample-build.log and
# shown when the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[run-sample] %s\n' "$*"; }
if ! command -v mvn >/dev/null 2>&1; then
  echo "Maven is not installed: sudo apt-get install -y maven" >&2; exit 1
fi
mkdir -p target
build_log=target/run-sample-build.log
say "building sample-order-app and the modules it needs (tests skipped; about a minute the first time)"
started=$SECONDS
set +e
# -Dstyle.color=never and the sed: no colour codes in the output (Maven 3.8 prints some even in batch mode)
mvn -B -ntp -Dstyle.color=never -DskipTests -pl sample-order-app -am package 2>&1 \
  | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$build_log" \
  | sed -un -e '/^\[INFO\] Building [a-z]*: /d' -e 's/  */ /g' -e 's/^\[INFO\] Building \(.*\)$/[run-sample]   building \1/p'
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  say "the build failed (exit $status); the end of $build_log:" >&2
  tail -n 40 "$build_log" >&2
  exit "$status"
fi
say "built in $((SECONDS - started)) s; starting the shop on http://localhost:8080 (Ctrl-C stops it)"
exec java -jar sample-order-app/target/sample-order-app-0.1.0-SNAPSHOT.jar "$@"
