#!/usr/bin/env bash
# Entry of the buildbridge Bitbucket Pipe: maps the pipe's variables (pipe/pipe.yml) to the flags
# of `buildbridge run-build` and runs the CLI bundle. BUILDBRIDGE_CLI names the bundle (the
# image's copy by default), BUILDBRIDGE_NODE the Node.js binary (default: node on PATH).
set -euo pipefail

cli=${BUILDBRIDGE_CLI:-/opt/buildbridge/dist/cli/index.js}
node=${BUILDBRIDGE_NODE:-node}

fail() {
  echo "✖ $*" >&2
  exit 1
}

# true or false (any case); anything else is an error naming the variable.
boolean() {
  local name=$1 value=${2,,}
  case "$value" in
    true | false) echo "$value" ;;
    *) fail "$name must be true or false, not '$2'" ;;
  esac
}

[ -n "${PROJECT_NAME:-}" ] || fail "PROJECT_NAME is required: the name of the CodeBuild project to build"
wait_for_build=$(boolean WAIT "${WAIT:-true}")
logs=$(boolean LOGS "${LOGS:-true}")
debug=$(boolean DEBUG "${DEBUG:-false}")

args=(run-build --project-name "$PROJECT_NAME")
source_version=${SOURCE_VERSION:-${BITBUCKET_COMMIT:-}}
[ -z "$source_version" ] || args+=(--source-version "$source_version")
[ -z "${AWS_DEFAULT_REGION:-}" ] || args+=(--region "$AWS_DEFAULT_REGION")
[ -z "${BUILDSPEC_OVERRIDE:-}" ] || args+=(--buildspec-override "$BUILDSPEC_OVERRIDE")
[ -z "${STATUS_CONTEXT:-}" ] || args+=(--status-context "$STATUS_CONTEXT")
[ "$wait_for_build" = true ] || args+=(--no-wait)
[ "$logs" = true ] || args+=(--no-logs)
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  [ -z "${line//[[:space:]]/}" ] || args+=(--env-vars "$line")
done <<<"${ENV_VARS:-}"
if [ "$debug" = true ]; then
  export BUILDBRIDGE_DEBUG=true
  printf 'buildbridge pipe: %s' "$cli" >&2
  printf ' %q' "${args[@]}" >&2
  echo >&2
fi

# OIDC: the CLI itself writes the step's token to a private file for the AWS SDK and removes it
# at exit (src/cli/bitbucket-oidc.ts); the pipe only names the role and keeps static keys out.
if [ -n "${AWS_OIDC_ROLE_ARN:-}" ]; then
  [ -n "${BITBUCKET_STEP_OIDC_TOKEN:-}" ] ||
    fail "AWS_OIDC_ROLE_ARN is set but BITBUCKET_STEP_OIDC_TOKEN is not: add 'oidc: true' to the step"
  export AWS_ROLE_ARN="$AWS_OIDC_ROLE_ARN"
  unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_WEB_IDENTITY_TOKEN_FILE
fi

# exec: signals (a stopped step) reach the CLI, which stops the build and posts its status.
exec "$node" "$cli" "${args[@]}"
