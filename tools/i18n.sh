#!/usr/bin/env bash
# Refresh the message catalogues after changing texts in web/: extract, update, list what is
# left to translate in Turkish, compile. Fill in the empty msgstr of tr/.../messages.po by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 -o web/translations/messages.pot --no-location --sort-output .
.venv/bin/pybabel update -i web/translations/messages.pot -d web/translations -N
.venv/bin/python - <<'PY'
from babel.messages.pofile import read_po
with open("web/translations/tr/LC_MESSAGES/messages.po", "rb") as fh:
    todo = [m.id for m in read_po(fh) if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
print("\n".join(f"untranslated (tr): {t!r}" for t in todo) or "every message is translated")
PY
.venv/bin/pybabel compile -d web/translations
