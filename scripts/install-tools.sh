#!/usr/bin/env bash
# Debian/Ubuntu packages that checks and the benchmark use, never the build itself:
# LibreOffice (the Word files' page checks and the .docx tests, the route compared in `make bench`)
# and poppler-utils (pdftoppm, to look at PDF pages as images). Needs root or password-less sudo.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then
  exit 0
fi
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils
