#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests: on 127.0.0.1, a free port and a new
# temporary data folder, so two runs on one machine never meet.
#
#   bash .ci/postgres.sh              start one; prints its data folder, then (last line) its
#                                     admin URL for PMDESK_TEST_POSTGRES_URL
#   bash .ci/postgres.sh stop FOLDER  stop that server and delete its folder
#
# As root it installs PostgreSQL when it is missing and runs the server as the postgres
# user; a normal user needs PostgreSQL installed and runs it as themselves.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
MARK=.pmdesk-ci-postgres   # only a folder holding this file is ever deleted by `stop`

say() { echo "postgres.sh: $*" >&2; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ "${1:-}" = stop ]; then
  data=${2:?usage: bash .ci/postgres.sh stop FOLDER}
  if [ ! -f "$data/$MARK" ]; then
    say "$data is not a folder this script made; left alone"
    exit 1
  fi
  if [ -f "$data/cluster/postmaster.pid" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$data"
  exit 0
fi
if [ $# -gt 0 ]; then
  say "usage: bash .ci/postgres.sh | bash .ci/postgres.sh stop FOLDER"
  exit 2
fi

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" != 0 ]; then
    say "PostgreSQL is not installed: sudo apt-get install -y postgresql"
    exit 1
  fi
  say "installing PostgreSQL"
  apt-get -o DPkg::Lock::Timeout=120 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends postgresql >&2
fi
PGBIN=$(pg_bin)

data=$(mktemp -d "${TMPDIR:-/tmp}/pmdesk-pg.XXXXXX")
trap 'rm -rf "$data"' EXIT   # a start that fails half-way leaves nothing behind
touch "$data/$MARK"
if [ "$(id -u)" = 0 ]; then chown -R postgres: "$data"; fi
as_owner "$PGBIN/initdb" -D "$data/cluster" -A trust -U postgres -E UTF8 --locale=C \
  --no-instructions >/dev/null

# Another program can take the port between the probe and the server's bind: try again.
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if as_owner "$PGBIN/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 -o \
    "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
    trap - EXIT
    echo "$data"
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    exit 0
  fi
done
say "the server did not start; its log:"
cat "$data/server.log" >&2 || true
exit 1
