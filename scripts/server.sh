#!/usr/bin/env bash
# Start, stop or ask about the background Zope server of `make start` and
# its clock loop, each on its own: `start` starts whichever of the two is
# missing, `status` reports both (exit 1 unless both run).
set -euo pipefail
action=$1; ini=$2; pidfile=$3; url=${4:-}; credentials=${5:-}
clockpid=${pidfile%.pid}-clock.pid
# The server runs if its pid is alive and not a zombie: a server killed
# with kill -9 stays a zombie until its parent reaps it (about 2 s), and
# `kill -0` still succeeds for it.
running() {
  [[ -f $pidfile ]] || return 1
  local pid state
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  [[ -n $state && $state != Z* ]]
}
# One clock loop per instance, also after a crash (kill -9 of the server
# leaves the loop running): clock.sh holds a lock on $clockpid.lock while it
# lives (the kernel releases it when it dies, also on kill -9) and writes
# its own pid, so a second one exits at once. The lock, not the pid file,
# says whether a loop lives.
clock_running() {
  [[ -f $clockpid.lock ]] || return 1
  ! flock -n "$clockpid.lock" true 2>/dev/null
}
start_clock() {
  [[ -n $credentials ]] || return 0
  nohup bash scripts/clock.sh "$url" "$credentials" "$clockpid" >/dev/null 2>&1 &
  for _ in $(seq 1 100); do clock_running && return 0; sleep 0.1; done
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
    if running; then
      echo "Server already running (pid $(cat "$pidfile"))."
      if clock_running; then echo "Clock already running."; else
        start_clock; echo "The clock loop was not running: started."; fi
      exit 0
    fi
    mkdir -p "$(dirname "$pidfile")" var/log
    nohup .venv/bin/runwsgi "$ini" >var/log/server.out 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 180); do
      if .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$url" 2>/dev/null; then
        clock_running || start_clock
        exit 0
      fi
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
  running)
    running ;;
  status)
    missing=0
    if running; then echo "Server: running (pid $(cat "$pidfile"))."; else echo "Server: not running."; missing=1; fi
    if clock_running; then echo "Clock: running (pid $(cat "$clockpid" 2>/dev/null || echo '?'))."; else echo "Clock: not running."; missing=1; fi
    exit $missing ;;
esac
