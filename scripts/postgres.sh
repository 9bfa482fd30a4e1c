#!/usr/bin/env bash
# A project-local PostgreSQL (Debian's packages) for STORAGE=postgres:
# data in var/postgres, listening on 127.0.0.1:${PGPORT:-5433}, role and
# database "collab" (password "collab"). PostgreSQL refuses to run as root,
# so as root the cluster belongs to the "postgres" system user.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PGPORT:-5433}
# As root the cluster belongs to "postgres", who may not enter /root: keep
# its data outside the checkout then.
if [[ $(id -u) -eq 0 ]]; then
  data=${PGDATA_DIR:-/var/lib/collab-portal/postgres-$(echo "$PWD" | md5sum | cut -c1-8)}
else
  data=${PGDATA_DIR:-$PWD/var/postgres}
fi
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case ${1:-start} in
  start)
    bash scripts/system-deps.sh
    bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
    if [[ ! -f $data/PG_VERSION ]]; then
      mkdir -p "$data"; if [[ $(id -u) -eq 0 ]]; then chown postgres: "$data"; fi
      as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w start \
        -o "-h 127.0.0.1 -p $port -k $data" >/dev/null
    fi
    psql=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -Atq)
    [[ $(as_pg "${psql[@]}" -c "select 1 from pg_roles where rolname='collab'") == 1 ]] \
      || as_pg "${psql[@]}" -c "create user collab password 'collab'"
    [[ $(as_pg "${psql[@]}" -c "select 1 from pg_database where datname='collab'") == 1 ]] \
      || as_pg "${psql[@]}" -c "create database collab owner collab"
    echo "PostgreSQL on 127.0.0.1:$port, database collab (data in $data)" ;;
  stop)
    bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
    as_pg "$bindir/pg_ctl" -D "$data" -m fast stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
