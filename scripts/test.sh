#!/usr/bin/env bash
# Runs the whole Kairos test suite against real PostgreSQL, MariaDB and Redis on loopback.
# Makes sure the three servers (and Chromium with chromedriver, for the dashboard's browser tests) are installed and running (installing them from the distribution's
# packages on a fresh Debian/Ubuntu machine, starting them when they are down), then runs `mvn -B verify`.
# Extra arguments are passed to Maven, e.g. `scripts/test.sh -pl scheduler-core`.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test.sh] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
install_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "cannot install $*: apt-get not found; install them by hand"; return 1
  fi
  if [ "$apt_updated" = false ]; then as_root apt-get update -qq; apt_updated=true; fi
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do port_open "$port" && return 0; sleep 1; done
  log "$name did not open port $port"; return 1
}

ensure_postgres() {
  if port_open 5432; then return 0; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then install_packages postgresql postgresql-client; fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_port 5432 PostgreSQL
  # trust auth for loopback and a database `test`, as the tests expect
  local hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! as_root grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 \
    || as_root su postgres -c "createdb test"
}

ensure_mariadb() {
  if port_open 3306; then return 0; fi
  if [ ! -x /usr/sbin/mariadbd ]; then install_packages mariadb-server; fi
  log "starting MariaDB"
  as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  wait_port 3306 MariaDB
  as_root mariadb -uroot -e "CREATE DATABASE IF NOT EXISTS test" 2>/dev/null || true
  # root over TCP with an empty password, as the tests expect
  as_root mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); \
    CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; \
    FLUSH PRIVILEGES" 2>/dev/null || true
}

ensure_redis() {
  if port_open 6379; then return 0; fi
  if ! command -v redis-server >/dev/null 2>&1; then install_packages redis-server; fi
  log "starting Redis"
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  wait_port 6379 Redis
}

ensure_chromium() {
  # the dashboard's browser tests drive Debian's Chromium through its chromedriver
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return 0; fi
  install_packages chromium chromium-driver
}

ensure_maven() {
  if ! command -v mvn >/dev/null 2>&1; then install_packages maven; fi
}

report_java21() {
  local jdk=/usr/lib/jvm/temurin-25-jdk-amd64
  if [ -x "$jdk/bin/java" ]; then
    log "virtual-thread tests (*Java21Tests) run on $("$jdk/bin/java" -version 2>&1 | head -n 1)"
  else
    log "no JDK 21+ at $jdk: the virtual-thread tests (*Java21Tests) are skipped (the build says so too)"
  fi
}

ensure_postgres
ensure_mariadb
ensure_redis
ensure_chromium
ensure_maven
report_java21
log "PostgreSQL, MariaDB and Redis are up; running mvn -B verify"
exec mvn -B verify "$@"
