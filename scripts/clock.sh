#!/usr/bin/env bash
# The forum clock for `make start`: POST <site>/@forum-clock every minute,
# so discussion groups open and close on schedule. In production use cron
# or a systemd timer with the same request (see docs/deployment.md).
set -u
site_url=$1; credentials=$2
while true; do
  .venv/bin/python - "$site_url/@forum-clock" "$credentials" <<'PY' || true
import base64, sys, urllib.request
url, credentials = sys.argv[1], sys.argv[2]
request = urllib.request.Request(url, method="POST", headers={
    "Accept": "application/json",
    "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
})
urllib.request.urlopen(request, timeout=60).read()
PY
  sleep "${CLOCK_INTERVAL:-60}"
done
