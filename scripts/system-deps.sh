#!/usr/bin/env bash
# Debian packages the project needs beyond Python 3.11: Chromium and its
# driver for the browser tests, PostgreSQL for the scale-out tests, gettext
# for msgfmt. Installs only what is missing; needs root (or sudo).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v curl >/dev/null || need+=(curl)
command -v msgfmt >/dev/null || need+=(gettext)
[[ ${#need[@]} -eq 0 ]] && exit 0
sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "Installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian package starts a system cluster we do not use; tests run their own.
