#!/usr/bin/env bash
# Debian/Ubuntu packages the benchmark and some checks use, never the build itself:
# LibreOffice (the route compared in `make bench`, and a test that opens .docx files) and
# poppler-utils (pdftoppm, to look at PDF pages as images).
set -euo pipefail
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
sudo_if_needed apt-get update -qq
sudo_if_needed apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils
