#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8–3.10 only).
set -u
for candidate in "${PYTHON310:-}" python3.10 "$(command -v pyenv >/dev/null && pyenv root)/versions/"3.10*/bin/python3.10 /root/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "Python 3.10 not found: Rasa 3.6 needs Python 3.8-3.10. Install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10." >&2
exit 1
