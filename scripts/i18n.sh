#!/usr/bin/env bash
# Extract the collab.portal messages and sync the es and fr catalogues.
set -euo pipefail
cd "$(dirname "$0")/.."
domain=collab.portal
locales=src/collab/portal/locales
i18ndude=.venv/bin/i18ndude
$i18ndude rebuild-pot --pot "$locales/$domain.pot" --create "$domain" src/collab/portal
for lang in es fr; do
  mkdir -p "$locales/$lang/LC_MESSAGES"
  po="$locales/$lang/LC_MESSAGES/$domain.po"
  [[ -f $po ]] || touch "$po"
  $i18ndude sync --pot "$locales/$domain.pot" "$po"
done
# Untranslated messages fail `make test` (tests/setup/test_i18n.py); list them here too.
for lang in es fr; do
  echo "$lang: $(grep -c '^msgstr ""$' "$locales/$lang/LC_MESSAGES/$domain.po" || true) empty msgstr (the header counts 1)"
done
