# shellcheck shell=bash
# bounded_swift_test ARGS... — `swift test ARGS...`, line-buffered, so a log cut short ends at the
# test that was running, and bounded by $DMUX_TEST_TIMEOUT seconds (default 2700), so a hung
# test fails the run with its name (the last "started" line) instead of outliving CI's limit.
# Returns swift test's status (124 or 137 when the time ran out).
bounded_swift_test() {
  local limit=${DMUX_TEST_TIMEOUT:-2700} status=0 foreground=()
  [[ -t 0 ]] && foreground=(--foreground) # at a terminal, Ctrl-C must still reach the tests
  timeout "${foreground[@]}" --kill-after=30 "$limit" stdbuf -oL -eL swift test "$@" || status=$?
  if ((status == 124 || status == 137)); then
    echo "swift test did not finish within ${limit}s (DMUX_TEST_TIMEOUT); still running:" >&2
    ps -eo pid,ppid,etime,args --forest | grep -E 'dmux|docker|tmux|swift' | grep -v grep | cut -c1-200 >&2 || true
  fi
  return "$status"
}
