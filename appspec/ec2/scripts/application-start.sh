#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# ApplicationStart: enables and (re)starts SERVICE_NAME with SERVICE_MANAGER, and fails when the
# service is not active right after. Whether it serves is ValidateService's question.
#
# Reads: APPLICATION_NAME, DEPLOYMENT_ID, DEPLOYMENT_GROUP_NAME, LIFECYCLE_EVENT (CodeDeploy);
# SERVICE_NAME, SERVICE_MANAGER, APP_DIR, DEPLOY_ROOT (common.sh).
set -eu
# Run by hand, the script still says which event it stands for.
: "${LIFECYCLE_EVENT:=ApplicationStart}"
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

command -v "$SERVICE_MANAGER" >/dev/null 2>&1 || fail "$SERVICE_MANAGER not found"
"$SERVICE_MANAGER" enable "$SERVICE_NAME" || fail "$SERVICE_MANAGER enable $SERVICE_NAME exited with $?"
log "starting $SERVICE_NAME"
# restart, not start: on a first deployment ApplicationStop did not run, and a unit the image
# already runs would go on serving the old code.
"$SERVICE_MANAGER" restart "$SERVICE_NAME" || fail "$SERVICE_MANAGER restart $SERVICE_NAME exited with $?"
"$SERVICE_MANAGER" is-active --quiet "$SERVICE_NAME" ||
  fail "$SERVICE_NAME is not active after $SERVICE_MANAGER restart (see: journalctl -u $SERVICE_NAME)"
log "started $SERVICE_NAME"
