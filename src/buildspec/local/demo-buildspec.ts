/**
 * The buildspec `run-build --local` runs when it is given none and finds no buildspec.yml: a
 * small build that shows the phases, variables carried between commands, exported variables,
 * an artifact and a JUnit report, with nothing but a POSIX shell (no network, no Docker).
 */
export const DEMO_BUILDSPEC_NAME = 'embedded demo buildspec';

export const DEMO_BUILDSPEC = String.raw`# The embedded demo of "buildbridge run-build --local". Copy it as a starting point.
version: 0.2

env:
  variables:
    APP_NAME: demo-app
  exported-variables:
    - APP_VERSION
    - TESTS_PASSED

phases:
  install:
    commands:
      - echo "Demo build $CODEBUILD_BUILD_NUMBER of $APP_NAME in $CODEBUILD_SRC_DIR"
      - mkdir -p src dist reports
  pre_build:
    commands:
      # A plain assignment carries over to later commands and phases, as in CodeBuild.
      - APP_VERSION="1.0.$CODEBUILD_BUILD_NUMBER"
      - printf '#!/bin/sh\necho "Hello from %s %s"\n' "$APP_NAME" "$APP_VERSION" > src/hello.sh
      # So does the working directory.
      - cd src || exit 1
  build:
    commands:
      - echo "Building $APP_NAME $APP_VERSION in $(pwd)"
      - sh hello.sh > ../dist/hello.txt
      - cp hello.sh ../dist/hello.sh
      - cd ..
      - |
        set -eu
        passed=0
        failed=0
        cases=""
        check() {
          name=$1
          shift
          if "$@" > /dev/null 2>&1; then
            passed=$((passed + 1))
            cases="$cases<testcase classname=\"demo\" name=\"$name\"/>"
          else
            failed=$((failed + 1))
            cases="$cases<testcase classname=\"demo\" name=\"$name\"><failure message=\"failed\"/></testcase>"
          fi
        }
        check "hello.txt greets with the app name" grep -q "Hello from $APP_NAME" dist/hello.txt
        check "hello.sh is part of the artifact" test -s dist/hello.sh
        printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="demo" tests="%d" failures="%d">%s</testsuite>\n' \
          "$((passed + failed))" "$failed" "$cases" > reports/junit.xml
        TESTS_PASSED=$passed
        echo "$passed passed, $failed failed"
        test "$failed" -eq 0
  post_build:
    commands:
      - echo "CODEBUILD_BUILD_SUCCEEDING is $CODEBUILD_BUILD_SUCCEEDING"
      - printf '%s\n' "$APP_VERSION" > dist/VERSION

reports:
  demo-tests:
    files:
      - junit.xml
    base-directory: reports
    file-format: JUNITXML

artifacts:
  name: demo-app
  files:
    - '**/*'
  base-directory: dist
`;
