#!/usr/bin/env bash
# Runs each argument as a shell command at the same time, then prints each one's output whole, in
# the order given, and fails if any failed. For `npm test`'s steps that leave a core idle (the build,
# type-checks, lint; levitate and the browser tests), so CI stays well within its 15 minutes.
#   bash scripts/parallel.sh 'npm run build && npm run typecheck' 'npm run lint'
set -uo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/parallel.sh '<command>' ['<command>' ...]" >&2
  exit 2
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pids=()
for i in $(seq 1 $#); do
  bash -c "${!i}" >"$out/$i" 2>&1 &
  pids+=($!)
done

failed=0
for i in $(seq 1 $#); do
  if wait "${pids[$((i - 1))]}"; then status=ok; else status=FAILED; failed=1; fi
  echo "── [$status] ${!i}"
  cat "$out/$i"
done
exit $failed
