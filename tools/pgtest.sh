#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: started from the server binaries as the postgres
# user on a free loopback port, stopped afterwards. `start` also clears what a killed run left.
#   tools/pgtest.sh start   -> prints `export CTG_TEST_PG=...` lines into .pgtest/env
#   tools/pgtest.sh stop
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.pgtest"
cluster="/tmp/ctg-pgtest-$(echo "$root" | md5sum | cut -c1-8)"
bin="${PG_BIN:-}"

find_bin() {
  if [ -z "$bin" ]; then
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
}

install_postgres() {
  echo "pgtest: PostgreSQL server binaries not found, installing the postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

stop() {
  find_bin
  if [ -n "$bin" ] && [ -f "$cluster/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  # A killed run may leave a postmaster whose pid file is gone: end it by its data directory.
  pkill -f -- "-D $cluster/data" >/dev/null 2>&1 || true
  rm -rf "$cluster" "$state"
}

start() {
  stop
  find_bin
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then install_postgres; find_bin; fi
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
  mkdir -p "$cluster" "$state"
  chown postgres "$cluster"
  as_postgres "$bin/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  port="$(free_port)"
  as_postgres "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  cat > "$state/env" <<ENV
export CTG_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true"
ENV
  echo "pgtest: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
