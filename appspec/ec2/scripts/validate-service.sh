#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# ValidateService: GETs HEALTH_URL until it answers HEALTH_EXPECT_STATUS, with curl (or wget when
# curl is not installed). Gives up after HEALTH_ATTEMPTS attempts or HEALTH_DEADLINE_SECONDS,
# whichever comes first, with one line saying what failed: the URL, the last status or
# connection error, the attempts and the time taken.
#
# The deadline (240 s) stays below the hook's timeout in appspec.yml (300 s) so that this
# script, not the agent, says why: a hook the agent kills leaves only "ScriptTimedOut".
# Keep HEALTH_DEADLINE_SECONDS + HEALTH_REQUEST_TIMEOUT_SECONDS below that timeout.
#
# Reads: APPLICATION_NAME, DEPLOYMENT_ID, DEPLOYMENT_GROUP_NAME, LIFECYCLE_EVENT (CodeDeploy);
#   HEALTH_URL                     (http://127.0.0.1:8080/health)
#   HEALTH_EXPECT_STATUS           (200)
#   HEALTH_ATTEMPTS                (30)
#   HEALTH_DEADLINE_SECONDS        (240)
#   HEALTH_INTERVAL_SECONDS        (5)  pause between attempts
#   HEALTH_REQUEST_TIMEOUT_SECONDS (5)  per request
# and APP_DIR, DEPLOY_ROOT (common.sh).
set -eu
# Run by hand, the script still says which event it stands for.
: "${LIFECYCLE_EVENT:=ValidateService}"
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

: "${HEALTH_URL:=http://127.0.0.1:8080/health}"
: "${HEALTH_EXPECT_STATUS:=200}"
: "${HEALTH_ATTEMPTS:=30}"
: "${HEALTH_DEADLINE_SECONDS:=240}"
: "${HEALTH_INTERVAL_SECONDS:=5}"
: "${HEALTH_REQUEST_TIMEOUT_SECONDS:=5}"
require_whole_number HEALTH_EXPECT_STATUS "$HEALTH_EXPECT_STATUS"
require_whole_number HEALTH_ATTEMPTS "$HEALTH_ATTEMPTS"
require_whole_number HEALTH_DEADLINE_SECONDS "$HEALTH_DEADLINE_SECONDS"
require_whole_number HEALTH_INTERVAL_SECONDS "$HEALTH_INTERVAL_SECONDS"
require_whole_number HEALTH_REQUEST_TIMEOUT_SECONDS "$HEALTH_REQUEST_TIMEOUT_SECONDS"

if command -v curl >/dev/null 2>&1; then
  client=curl
elif command -v wget >/dev/null 2>&1; then
  client=wget
else
  fail "neither curl nor wget is installed: install one of them to check $HEALTH_URL"
fi

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

# One GET with a time limit of $1 seconds. Sets $status to the HTTP status, or to "" with
# $problem saying why no status came back.
probe() {
  status=''
  problem=''
  if [ "$client" = curl ]; then
    status=$(curl --silent --show-error --output /dev/null --write-out '%{http_code}' \
      --max-time "$1" "$HEALTH_URL" 2>"$errors") || true
    [ "$status" = 000 ] && status=''
  else
    wget --server-response --quiet --output-document=/dev/null --timeout="$1" --tries=1 \
      "$HEALTH_URL" 2>"$errors" || true
    status=$(sed -n 's/^ *HTTP\/[0-9.]* \([0-9][0-9][0-9]\).*/\1/p' "$errors" | tail -n 1)
  fi
  if [ -z "$status" ]; then
    problem=$(grep -v '^ ' "$errors" | tail -n 1)
    [ -n "$problem" ] || problem="no answer within $1 s"
  fi
}

started=$(date +%s)
attempt=0
log "checking $HEALTH_URL with $client: up to $HEALTH_ATTEMPTS attempts within $HEALTH_DEADLINE_SECONDS s"
while :; do
  attempt=$((attempt + 1))
  remaining=$((started + HEALTH_DEADLINE_SECONDS - $(date +%s)))
  limit=$HEALTH_REQUEST_TIMEOUT_SECONDS
  [ "$remaining" -lt "$limit" ] && limit=$remaining
  [ "$limit" -lt 1 ] && limit=1
  probe "$limit"
  elapsed=$(($(date +%s) - started))
  if [ "$status" = "$HEALTH_EXPECT_STATUS" ]; then
    log "healthy: $HEALTH_URL answered $status on attempt $attempt after ${elapsed} s"
    exit 0
  fi
  if [ -n "$status" ]; then
    last="HTTP $status (expected $HEALTH_EXPECT_STATUS)"
  else
    last="no HTTP status: $problem"
  fi
  log "attempt $attempt/$HEALTH_ATTEMPTS: $last"

  remaining=$((started + HEALTH_DEADLINE_SECONDS - $(date +%s)))
  if [ "$attempt" -ge "$HEALTH_ATTEMPTS" ] || [ "$remaining" -le 0 ]; then
    if [ "$attempt" -ge "$HEALTH_ATTEMPTS" ]; then
      why="all $HEALTH_ATTEMPTS attempts used"
    else
      why="deadline of $HEALTH_DEADLINE_SECONDS s reached"
    fi
    fail "$HEALTH_URL is not healthy after $attempt attempts in ${elapsed} s ($why); last: $last"
  fi
  pause=$HEALTH_INTERVAL_SECONDS
  [ "$remaining" -lt "$pause" ] && pause=$remaining
  sleep "$pause"
done
