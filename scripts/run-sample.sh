#!/usr/bin/env bash
# Builds Kairos and runs the sample e-commerce app (sample-order-app) on its embedded H2 database.
# Extra arguments go to the app, e.g. `scripts/run-sample.sh --orders.payment-timeout=20s`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v mvn >/dev/null 2>&1; then
  echo "Maven is not installed: sudo apt-get install -y maven" >&2; exit 1
fi
if [ ! -d sample-order-app/src/main/java/io/kairos/sample/order ] || \
   ! ls sample-order-app/src/main/java/io/kairos/sample/order/*Application.java >/dev/null 2>&1; then
  echo "The sample app is not built yet (issue 'sample-order-app' is still open)." >&2
  exit 2
fi
mvn -B -q -DskipTests -pl sample-order-app -am package
exec java -jar sample-order-app/target/sample-order-app-0.1.0-SNAPSHOT.jar "$@"
