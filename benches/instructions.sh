#!/usr/bin/env bash
# Instructions per call (success path; retry path: 5 failing attempts, zero waits), by valgrind's callgrind: the difference between
# 101,000 and 1,000 calls, divided by 100,000, so start-up costs cancel out.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt install valgrind)" >&2; exit 1; }
binary=$(cargo bench -p reattempt-benches --bench instructions --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys; [print(m["executable"]) for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "instructions"]' | tail -n 1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" "$1" "$2" 2>&1 | awk '/Collected/ {print $4}'
}
printf '%-32s %s\n' variant "instructions per call"
for variant in plain hand_loop retry_default retrying_default retry_budget retry_hooks_and_jitter hand_loop_policy retry_policy_static retry_policy_parameter \
  hand_loop_zero_wait hand_loop_zero_wait_cooperating retry_zero_wait retrying_zero_wait \
  hand_loop_policy_zero_wait retry_policy_static_zero_wait retry_policy_parameter_zero_wait; do
  small=$(count "$variant" 1000)
  large=$(count "$variant" 101000)
  printf '%-32s %s\n' "$variant" $(( (large - small) / 100000 ))
done
