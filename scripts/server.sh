#!/usr/bin/env bash
# Start, stop or ask about the background Zope server of `make start`.
set -euo pipefail
action=$1; ini=$2; pidfile=$3; url=${4:-}; credentials=${5:-}
clockpid=${pidfile%.pid}-clock.pid
running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
# One clock loop per instance, also after a crash (kill -9 of the server
# leaves the loop running): clock.sh holds a lock on $clockpid.lock while it
# lives and writes its own pid, so a second one exits at once.
start_clock() {
  [[ -n $credentials ]] || return 0
  nohup bash scripts/clock.sh "$url" "$credentials" "$clockpid" >/dev/null 2>&1 &
}
stop_clock() {
  if [[ -f $clockpid ]]; then
    pkill -P "$(cat "$clockpid")" 2>/dev/null || true
    kill "$(cat "$clockpid")" 2>/dev/null || true
  fi
  rm -f "$clockpid"
}
case $action in
  start)
    if running; then echo "Already running (pid $(cat "$pidfile"))."; exit 0; fi
    mkdir -p "$(dirname "$pidfile")" var/log
    nohup .venv/bin/runwsgi "$ini" >var/log/server.out 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 180); do
      if .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$url" 2>/dev/null; then start_clock; exit 0; fi
      if ! running; then echo "The server died; see var/log/server.out:"; tail -20 var/log/server.out; exit 1; fi
      sleep 1
    done
    echo "No answer from $url after 180 s; see var/log/server.out"; exit 1 ;;
  stop)
    stop_clock
    if running; then
      kill "$(cat "$pidfile")"
      for _ in $(seq 1 30); do running || break; sleep 1; done
      if running; then kill -9 "$(cat "$pidfile")"; sleep 1; fi
    fi
    rm -f "$pidfile"; echo "Stopped." ;;
  status)
    if running; then echo "Running (pid $(cat "$pidfile"))."; else echo "Not running."; exit 1; fi ;;
esac
