#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# ApplicationStop: stops SERVICE_NAME with SERVICE_MANAGER when it runs. Idempotent: exits 0
# with a line saying why when there is nothing to stop (first deployment: no APP_DIR yet, no
# service manager, or the service not running).
#
# CodeDeploy runs this hook from the *previous* revision, and on the first deployment to an
# instance not at all. A failing ApplicationStop blocks every later deployment to the instance
# until it is deployed with --ignore-application-stop-failures, so only a stop that really
# fails fails here.
#
# Reads: APPLICATION_NAME, DEPLOYMENT_ID, DEPLOYMENT_GROUP_NAME, LIFECYCLE_EVENT (CodeDeploy);
# APP_DIR, SERVICE_NAME, SERVICE_MANAGER, DEPLOY_ROOT (common.sh).
set -eu
# Run by hand, the script still says which event it stands for.
: "${LIFECYCLE_EVENT:=ApplicationStop}"
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

if [ ! -d "$app_path" ]; then
  log "nothing to stop: $app_path does not exist (first deployment to this instance)"
  exit 0
fi
if ! command -v "$SERVICE_MANAGER" >/dev/null 2>&1; then
  log "nothing to stop: $SERVICE_MANAGER not found, so $SERVICE_NAME cannot be running under it"
  exit 0
fi
if ! "$SERVICE_MANAGER" is-active --quiet "$SERVICE_NAME"; then
  log "nothing to stop: $SERVICE_NAME is not running"
  exit 0
fi

log "stopping $SERVICE_NAME"
"$SERVICE_MANAGER" stop "$SERVICE_NAME" || fail "$SERVICE_MANAGER stop $SERVICE_NAME exited with $?"
if "$SERVICE_MANAGER" is-active --quiet "$SERVICE_NAME"; then
  fail "$SERVICE_NAME is still active after $SERVICE_MANAGER stop"
fi
log "stopped $SERVICE_NAME"
