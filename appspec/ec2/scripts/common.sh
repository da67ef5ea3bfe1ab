# shellcheck shell=sh
# Sourced by every hook script in this folder (not a hook itself): the settings with their
# defaults, the log line format and the checks the hooks share.
#
# CodeDeploy gives hook scripts APPLICATION_NAME, DEPLOYMENT_ID, DEPLOYMENT_GROUP_NAME,
# DEPLOYMENT_GROUP_ID and LIFECYCLE_EVENT, and nothing else: the agent does not pass other
# variables through. So the settings below are adapted by editing their defaults here (one
# place for all hooks); setting them in the environment is for tests and for running a hook by
# hand.
#
#   APP_DIR          where appspec.yml's files section installs the revision (/opt/myapp)
#   SERVICE_NAME     the service the hooks stop, start and check (myapp)
#   SERVICE_USER     the user the service runs as; BeforeInstall creates it when missing (myapp)
#   SERVICE_MANAGER  the command that runs `start`, `stop`, `is-active`, `enable` and
#                    `daemon-reload` for SERVICE_NAME (systemctl)
#   UNIT_DIR         where AfterInstall installs ${SERVICE_NAME}.service when the revision
#                    ships one (/etc/systemd/system)
#   DEPLOY_ROOT      prefix for every absolute path above (empty): tests run the hooks in a
#                    temporary root with it.
# ValidateService reads HEALTH_* as well (see validate-service.sh).

: "${APP_DIR:=/opt/myapp}"
: "${SERVICE_NAME:=myapp}"
: "${SERVICE_USER:=myapp}"
: "${SERVICE_MANAGER:=systemctl}"
: "${UNIT_DIR:=/etc/systemd/system}"
: "${DEPLOY_ROOT:=}"

# Used by the scripts that source this file.
# shellcheck disable=SC2034
app_path=${DEPLOY_ROOT}${APP_DIR}
# shellcheck disable=SC2034
unit_path=${DEPLOY_ROOT}${UNIT_DIR}/${SERVICE_NAME}.service

# One line per step, naming the event and the deployment, so that a line in the agent's log
# (/opt/codedeploy-agent/deployment-root/deployment-logs) says which deployment wrote it.
log() {
  printf '[%s] %s/%s %s: %s\n' "$LIFECYCLE_EVENT" "${APPLICATION_NAME:-?}" \
    "${DEPLOYMENT_GROUP_NAME:-?}" "${DEPLOYMENT_ID:-?}" "$*"
}

# The last line a failing hook prints: CodeDeploy shows the tail of the script's output.
fail() {
  log "FAILED: $*" >&2
  exit 1
}

# require_whole_number NAME VALUE: fails unless VALUE is a whole number of at least 1.
require_whole_number() {
  case $2 in
    '' | *[!0-9]* | 0*) fail "$1=\"$2\" is not a whole number of at least 1" ;;
  esac
}

# An APP_DIR of "" or "/" would point the hooks at the whole machine.
case $APP_DIR in
  /?*) ;;
  *) fail "APP_DIR=\"$APP_DIR\" must be an absolute path other than /" ;;
esac
