#!/usr/bin/env bash
# The clock for `make start`: POST <site>/@clock every minute, so discussion
# groups open and close on schedule and mail leaves. In production use cron
# or a systemd timer with the same request (see docs/deployment.md).
# One loop per instance: the loop holds an exclusive lock on <pidfile>.lock
# for its whole life (flock, released by the kernel when it dies, also on
# kill -9), so a second loop started beside it exits at once.
set -u
site_url=$1; credentials=$2; pidfile=${3:-}
if [[ -n $pidfile ]]; then
  exec 9>"$pidfile.lock"
  # Wait a moment: `make status` probes the lock by taking it an instant.
  if ! flock -w 2 9; then echo "A clock already runs for this instance." >&2; exit 0; fi
  echo $$ >"$pidfile"
fi
while true; do
  .venv/bin/python - "$site_url/@clock" "$credentials" <<'PY' 9>&- || true
import base64, sys, urllib.request
url, credentials = sys.argv[1], sys.argv[2]
request = urllib.request.Request(url, method="POST", headers={
    "Accept": "application/json",
    "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
})
urllib.request.urlopen(request, timeout=60).read()
PY
  sleep "${CLOCK_INTERVAL:-60}" 9>&-
done
