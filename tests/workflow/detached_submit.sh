#!/usr/bin/env bash
# Stands in for a batch system's submit command (qsub, sbatch, bsub) in tests: starts the job
# script (the last argument) as a separate detached process, in its own session with no
# terminal, and prints a job id, as a batch system would. Each submission is noted in
# $SUBMIT_LOG when set.
set -euo pipefail
jobscript="${!#}"
setsid bash "$jobscript" </dev/null >>"${SUBMIT_LOG:-/dev/null}.out" 2>&1 &
if [ -n "${SUBMIT_LOG:-}" ]; then echo "$! $jobscript" >>"$SUBMIT_LOG"; fi
echo "$!"
