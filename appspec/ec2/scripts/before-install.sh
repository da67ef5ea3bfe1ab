#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# BeforeInstall: checks that what the later hooks need is there, before any file is copied, so
# that a missing tool fails the deployment early with a line naming it: SERVICE_MANAGER, and
# curl or wget for ValidateService. Creates SERVICE_USER (a system user, no login) when missing,
# since the permissions section of appspec.yml gives the files to it, and the parent of APP_DIR.
#
# Reads: APPLICATION_NAME, DEPLOYMENT_ID, DEPLOYMENT_GROUP_NAME, LIFECYCLE_EVENT (CodeDeploy);
# APP_DIR, SERVICE_USER, SERVICE_MANAGER, DEPLOY_ROOT (common.sh).
set -eu
# Run by hand, the script still says which event it stands for.
: "${LIFECYCLE_EVENT:=BeforeInstall}"
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

command -v "$SERVICE_MANAGER" >/dev/null 2>&1 ||
  fail "$SERVICE_MANAGER not found: ApplicationStart needs it to start the service (set SERVICE_MANAGER in common.sh)"
if ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
  fail "neither curl nor wget is installed: ValidateService needs one of them for the health check"
fi

if id "$SERVICE_USER" >/dev/null 2>&1; then
  log "user $SERVICE_USER exists"
else
  command -v useradd >/dev/null 2>&1 || fail "user $SERVICE_USER does not exist and useradd is not installed"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER" ||
    fail "could not create user $SERVICE_USER (useradd exited with $?)"
  log "created system user $SERVICE_USER"
fi

mkdir -p "$(dirname "$app_path")"
log "ready to install into $app_path"
