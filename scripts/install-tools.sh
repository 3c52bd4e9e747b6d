#!/usr/bin/env bash
# Debian/Ubuntu packages the project uses where the machine has them, installed here, never assumed:
# - LibreOffice Writer and Calc (the Word files' page checks and the .docx tests, the route compared in
#   `make bench`; Calc saves the blank workbook as .ods in its test) and poppler-utils (pdftoppm, to look at PDF pages as images): checks and the benchmark only;
# - libharfbuzz-subset0: WeasyPrint subsets the PDF's fonts with HarfBuzz when it finds this library,
#   10-12 % faster per report (bench/RESULTS.md); without it, it falls back to fontTools, same-looking files.
# Needs root or password-less sudo.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
has_harfbuzz_subset() { ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0'; }
has_calc() { ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1 || ! command -v apt-get >/dev/null; }
if command -v soffice >/dev/null && command -v pdftoppm >/dev/null && has_harfbuzz_subset && has_calc; then
  exit 0
fi
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils libharfbuzz-subset0
