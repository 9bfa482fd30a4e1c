#!/usr/bin/env bash
# The local mail catcher of `make start MAIL=catch`: aiosmtpd on
# localhost:<port>, every message it receives kept in the maildir <dir>
# (`make mail` lists them). Nothing is relayed anywhere.
set -euo pipefail
action=$1; pidfile=$2; dir=${3:-}; port=${4:-}
running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
case $action in
  start)
    if running; then echo "Mail catcher already running (pid $(cat "$pidfile"))."; exit 0; fi
    # A maildir: mailbox.Maildir does not complete an existing empty folder.
    mkdir -p "$dir/cur" "$dir/new" "$dir/tmp" "$(dirname "$pidfile")"
    nohup .venv/bin/python -m aiosmtpd -n -l "localhost:$port" \
      -c aiosmtpd.handlers.Mailbox "$dir" >"${pidfile%.pid}.out" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 50); do
      if .venv/bin/python -c 'import socket, sys; socket.create_connection(("localhost", int(sys.argv[1])), 1).close()' "$port" 2>/dev/null; then
        echo "Mail catcher: smtp://localhost:$port, mail kept in $dir (make mail)"; exit 0
      fi
      if ! running; then echo "The mail catcher died:"; cat "${pidfile%.pid}.out"; exit 1; fi
      sleep 0.2
    done
    echo "The mail catcher does not answer on localhost:$port"; exit 1 ;;
  stop)
    if running; then kill "$(cat "$pidfile")"; fi
    rm -f "$pidfile" ;;
esac
