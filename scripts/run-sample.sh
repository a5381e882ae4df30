#!/usr/bin/env bash
# Builds the modules the sample e-commerce app needs (`package` only: nothing is installed into ~/.m2) and
# runs sample-order-app on its H2 database in ./data (delete ./data to start over).
# Extra arguments go to the app, e.g. `scripts/run-sample.sh --orders.payment-timeout=20s`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v mvn >/dev/null 2>&1; then
  echo "Maven is not installed: sudo apt-get install -y maven" >&2; exit 1
fi
mvn -B -q -DskipTests -pl sample-order-app -am package
exec java -jar sample-order-app/target/sample-order-app-0.1.0-SNAPSHOT.jar "$@"
