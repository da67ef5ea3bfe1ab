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

if [ -z "${AWS_OIDC_ROLE_ARN:-}" ]; then
  exec "$node" "$cli" "${args[@]}"
fi

# OIDC: the step's token in a private file, read by the AWS SDK's web identity credentials, and
# removed when the CLI exits. The CLI runs as a child so that the file can be removed; TERM and
# INT are passed on to it, so a stopped step still stops the build.
[ -n "${BITBUCKET_STEP_OIDC_TOKEN:-}" ] ||
  fail "AWS_OIDC_ROLE_ARN is set but BITBUCKET_STEP_OIDC_TOKEN is not: add 'oidc: true' to the step"
token_dir=$(mktemp -d)
token_file="$token_dir/web-identity-token"
trap 'rm -rf "$token_dir"' EXIT
(umask 077 && printf '%s' "$BITBUCKET_STEP_OIDC_TOKEN" >"$token_file")
export AWS_ROLE_ARN="$AWS_OIDC_ROLE_ARN" AWS_WEB_IDENTITY_TOKEN_FILE="$token_file"
export AWS_ROLE_SESSION_NAME="${AWS_ROLE_SESSION_NAME:-buildbridge-pipe}"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

"$node" "$cli" "${args[@]}" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM
trap 'kill -INT "$child" 2>/dev/null || true' INT
status=0
wait "$child" || status=$?
while kill -0 "$child" 2>/dev/null; do
  status=0
  wait "$child" || status=$?
done
exit "$status"
