/**
 * Benchmark: lint 1,000 buildspecs (discovery + parse + every rule), target ≤ 2 s. The files are
 * generated into a temporary directory from varied, realistic templates — named and unnamed
 * buildspecs, `|` blocks, reports, caches, a few with findings — among unrelated YAML that
 * content detection has to look at and skip.
 *
 * Alone: npx tsc -p tsconfig.bench.json && node .bench/js/bench/lint.js
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileKinds } from '../src/file-kinds.js';
import { lintPaths } from '../src/lint/lint-engine.js';

const FILES = 1000;
const PER_DIRECTORY = 20;

type Template = (i: number) => string;

const templates: readonly Template[] = [
  (i) => `version: 0.2
env:
  variables:
    NODE_ENV: test
    SERVICE: svc-${i}
phases:
  install:
    runtime-versions:
      nodejs: 20
    commands:
      - npm ci
  build:
    commands:
      - npm run lint
      - npm test -- --coverage
reports:
  unit-${i}:
    files: [junit.xml]
    base-directory: reports
    file-format: JUNITXML
cache:
  key: npm-$(codebuild-hash-files package-lock.json)
  fallback-keys: [npm-]
  paths: ['/root/.npm/**/*']
`,
  (i) => `version: 0.2
env:
  variables:
    IMAGE_REPO_NAME: app-${i}
  exported-variables: [IMAGE_URI]
phases:
  pre_build:
    commands:
      - ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
      - REGISTRY="$ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com"
      - aws ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY"
      - IMAGE_URI="$REGISTRY/$IMAGE_REPO_NAME:$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-7)"
  build:
    commands:
      - docker build --tag "$IMAGE_URI" .
  post_build:
    commands:
      - docker push "$IMAGE_URI"
      - printf '[{"name":"%s","imageUri":"%s"}]' "$IMAGE_REPO_NAME" "$IMAGE_URI" > imagedefinitions.json
artifacts:
  files: [imagedefinitions.json]
`,
  (i) => `version: 0.2
env:
  shell: bash
  parameter-store:
    PYPI_TOKEN: /ci/pypi-token-${i}
phases:
  install:
    runtime-versions:
      python: "3.12"
    commands:
      - python -m venv .venv
  build:
    on-failure: RETRY-2
    commands:
      - |
        set -euo pipefail
        source .venv/bin/activate
        for test_dir in tests/unit tests/integration; do
          if [[ -d "$test_dir" ]]; then
            pytest "$test_dir" --junitxml="reports/$(basename "$test_dir").xml"
          fi
        done
`,
  (i) => `version: 0.2
phases:
  pre_build:
    commands:
      - docker compose -f ci/services-${i}.yml up --detach --wait
  build:
    commands:
      - npm run test:integration
    finally:
      - docker compose -f ci/services-${i}.yml down --volumes
artifacts:
  files: ['**/*']
  base-directory: dist
  discard-paths: yes
`,
  // A legacy buildspec with findings, so that reporting is part of the measurement.
  (i) => `version: 0.2
env:
  variables:
    DEPLOY: yes
    GO_VERSION: 1.20
phases:
  prebuild:
    commands:
      - $(aws ecr get-login --no-include-email)
  build:
    commands:
      - echo Build ${i} started on: today
      - if [[ -f Makefile ]]; then make; fi
      - |
        go vet ./...
        go test ./...
`,
];

const NOISE = `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`;

function generate(root: string): void {
  for (let i = 0; i < FILES; i++) {
    const directory = join(root, `service-${Math.floor(i / PER_DIRECTORY)}`);
    if (i % PER_DIRECTORY === 0) {
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, 'workflow.yml'), NOISE);
    }
    const template = templates[i % templates.length] as Template;
    // Every third buildspec is named freely and found by its content.
    const name = i % 3 === 0 ? `pipeline-${i}.yml` : `buildspec-${i}.yml`;
    writeFileSync(join(directory, name), template(i));
  }
}

export async function benchLint(): Promise<{ files: number; ms: number }> {
  const root = mkdtempSync(join(tmpdir(), 'bench-lint-'));
  try {
    generate(root);
    const started = performance.now();
    const report = await lintPaths(['.'], fileKinds, root);
    const ms = Math.round(performance.now() - started);
    if (report.files.length !== FILES)
      throw new Error(`expected ${FILES} buildspecs, linted ${report.files.length}`);
    return { files: report.files.length, ms };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { files, ms } = await benchLint();
  console.log(`lint: ${files} buildspecs in ${ms} ms (target ≤ 2000 ms)`);
}
