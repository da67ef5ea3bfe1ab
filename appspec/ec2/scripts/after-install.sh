#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# AfterInstall: records which deployment installed APP_DIR (APP_DIR/DEPLOYMENT, read by people
# and by ValidateService's log), and installs the systemd unit when the revision ships one
# (APP_DIR/${SERVICE_NAME}.service → UNIT_DIR), then has the service manager reload it.
#
# Reads: APPLICATION_NAME, DEPLOYMENT_ID, DEPLOYMENT_GROUP_NAME, DEPLOYMENT_GROUP_ID,
# LIFECYCLE_EVENT (CodeDeploy); APP_DIR, SERVICE_NAME, SERVICE_MANAGER, UNIT_DIR, DEPLOY_ROOT
# (common.sh).
set -eu
# Run by hand, the script still says which event it stands for.
: "${LIFECYCLE_EVENT:=AfterInstall}"
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

[ -d "$app_path" ] || fail "$app_path does not exist: check the files section of appspec.yml"

{
  printf 'application=%s\n' "${APPLICATION_NAME:-}"
  printf 'deployment_group=%s\n' "${DEPLOYMENT_GROUP_NAME:-}"
  printf 'deployment_group_id=%s\n' "${DEPLOYMENT_GROUP_ID:-}"
  printf 'deployment_id=%s\n' "${DEPLOYMENT_ID:-}"
  printf 'installed_at=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$app_path/DEPLOYMENT"
log "wrote $app_path/DEPLOYMENT"

unit_source=$app_path/$SERVICE_NAME.service
if [ -f "$unit_source" ]; then
  mkdir -p "$(dirname "$unit_path")"
  cp "$unit_source" "$unit_path"
  "$SERVICE_MANAGER" daemon-reload || fail "$SERVICE_MANAGER daemon-reload exited with $?"
  log "installed $unit_path"
else
  log "no $SERVICE_NAME.service in the revision: using the unit already on the instance"
fi
