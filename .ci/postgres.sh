#!/usr/bin/env bash
# Install (if needed) and start a throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
# Prints the admin URL for PMDESK_TEST_POSTGRES_URL on its last line.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ "${1:-}" != "stop" ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=120 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=${PMDESK_PG_DATA:-/tmp/pmdesk-ci-pg}
PORT=${PMDESK_PG_PORT:-55432}
if [ "${1:-}" = "stop" ]; then
  su postgres -c "$PGBIN/pg_ctl -D $DATA -m fast stop" >&2
  exit 0
fi
if [ -f "$DATA/postmaster.pid" ]; then
  su postgres -c "$PGBIN/pg_ctl -D $DATA -m immediate stop" >&2 || true
fi
rm -rf "$DATA"
mkdir -p "$DATA"
chown postgres:postgres "$DATA"
su postgres -c "$PGBIN/initdb -D $DATA -A trust -U postgres --no-instructions" >&2
su postgres -c "$PGBIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >&2
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
