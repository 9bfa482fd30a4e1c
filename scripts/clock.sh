#!/usr/bin/env bash
# The forum clock for `make start`: POST <site>/@forum-clock every minute,
# so discussion groups open and close on schedule. In production use cron
# or a systemd timer with the same request (see docs/deployment.md).
set -u
site_url=$1; credentials=$2
while true; do
  curl -fs -o /dev/null -X POST -u "$credentials" \
    -H 'Accept: application/json' "$site_url/@forum-clock" || true
  sleep "${CLOCK_INTERVAL:-60}"
done
