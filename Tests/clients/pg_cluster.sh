#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests: its data, socket and log live in one folder, it listens on
# a free loopback port and on a Unix socket in that folder, and it has a `coach` role (password auth) that owns a
# `coach_test` database.
#
#   Tests/clients/pg_cluster.sh up DIR       initdb in DIR (when new), start, create the role and the database
#   Tests/clients/pg_cluster.sh env DIR      print the shell exports: COACH_TEST_POSTGRES_URL, PGPASSWORD, ...
#   Tests/clients/pg_cluster.sh stop DIR     stop the server, keep the data (a database that went away)
#   Tests/clients/pg_cluster.sh start DIR    start it again on the same port
#   Tests/clients/pg_cluster.sh down DIR     stop the server and delete DIR
#   Tests/clients/pg_cluster.sh available    exit 0 when PostgreSQL's server programs are installed
#
# initdb refuses to run as root, so as root the server runs as the `postgres` user (created by Debian's package).
set -euo pipefail

find_bindir() {
    if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
        echo "$PG_BINDIR"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return 0
    fi
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ]; then
            echo "$candidate"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# Runs a server program as the cluster's owner: the current user, or `postgres` when we are root.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts the server on the cluster's port. Tests run with fsync off (they kill workers, never the machine);
# PG_CLUSTER_FSYNC=on keeps PostgreSQL's durable default, as the benchmarks do.
start_server() {
    local port
    port="$(cat "$dir/port")"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_CLUSTER_FSYNC:-off} -c max_connections=200" \
        start >/dev/null
}

command="${1:-}"
if [ "$command" = available ]; then
    find_bindir >/dev/null
    exit $?
fi
dir="${2:?usage: pg_cluster.sh up|env|stop|start|down DIR}"
bindir="$(find_bindir)" || {
    echo "pg_cluster.sh: PostgreSQL's server programs (initdb, pg_ctl) are not installed; apt-get install postgresql" >&2
    exit 3
}
password="coach-test-password"

case "$command" in
up)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        chown postgres "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --no-sync --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            exit 1
        }
        # The admin role connects through the socket without a password; everyone else (the tests' `coach` role)
        # gives one, over the socket as over TCP, so a wrong password is refused as it would be in production.
        as_owner sh -c "cat >'$dir/data/pg_hba.conf'" <<'EOF'
local   all   postgres                 trust
local   all   all                      scram-sha-256
host    all   all        127.0.0.1/32  scram-sha-256
EOF
        free_port >"$dir/port"
    fi
    start_server
    port="$(cat "$dir/port")"
    psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres)
    if [ "$(as_owner "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'coach'")" != 1 ]; then
        as_owner "${psql[@]}" -c "CREATE ROLE coach LOGIN PASSWORD '$password'"
        as_owner "${psql[@]}" -c "CREATE DATABASE coach_test OWNER coach"
    fi
    ;;
env)
    dir="$(cd "$dir" && pwd)"
    port="$(cat "$dir/port")"
    echo "export COACH_TEST_POSTGRES_URL='postgres://coach@127.0.0.1:$port/coach_test'"
    echo "export COACH_TEST_POSTGRES_SOCKET_URL='postgres://coach@/coach_test?host=$dir&port=$port'"
    echo "export COACH_TEST_POSTGRES_DIR='$dir'"
    echo "export PGPASSWORD='$password'"
    ;;
stop)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
start)
    dir="$(cd "$dir" && pwd)"
    start_server
    ;;
down)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg_cluster.sh up|env|stop|start|down DIR, or pg_cluster.sh available" >&2
    exit 2
    ;;
esac
