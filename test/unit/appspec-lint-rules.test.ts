/**
 * AppSpec rules on small files: the YAML 1.1 traps read from the source text, platform
 * detection (JSON too), recognition by content, --kind appspec and ignore comments.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildspecFileKind } from '../../src/buildspec/lint/buildspec-file-kind.js';
import { appspecFileKind, createAppspecFileKind } from '../../src/codedeploy/appspec-file-kind.js';
import { appspecView } from '../../src/codedeploy/lint/appspec-view.js';
import { nodeRevisionFiles } from '../../src/codedeploy/lint/revision-files.js';
import { fileKinds } from '../../src/file-kinds.js';
import { discoverFiles } from '../../src/lint/discovery.js';
import { lintPaths, lintText } from '../../src/lint/lint-engine.js';
import { parseYamlSource } from '../../src/lint/yaml-source.js';
import { yaml } from './lint-test-helpers.js';

const kind = createAppspecFileKind();
const lint = (text: string, path = 'appspec.yml') =>
  lintText(path, text, kind).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`);

const EC2 = 'os: linux\nfiles:\n  - source: /\n    destination: /srv/app\n';

describe('appspec version', () => {
  it.each([
    ['version: 0.0', []],
    ['version: "0.0"', ['1:10 error appspec/version']],
    ["version: '0.0'", ['1:10 error appspec/version']],
    ['version: 1.0', ['1:10 error appspec/version']],
    ['version: 1', ['1:10 error appspec/version']],
    ['version: 0', ['1:10 warning appspec/version']],
  ])('%s', (line, expected) => {
    expect(lint(`${line}\n${EC2}`)).toEqual(expected);
  });

  it('reports a missing version at the first key', () => {
    expect(lint(EC2)).toEqual(['1:1 error appspec/version']);
  });
});

describe('permissions mode, read from the source text', () => {
  const withMode = (mode: string) =>
    `version: 0.0\n${EC2}permissions:\n  - object: /srv/app\n    mode: ${mode}\n`;

  it.each(['644', '755', '"0644"', "'0755'", '4755'])('accepts mode %s', (mode) => {
    expect(lint(withMode(mode))).toEqual([]);
  });

  it('explains that an unquoted 0644 is octal 420 to the agent and how to fix it', () => {
    const found = lintText('appspec.yml', withMode('0644'), kind);
    expect(found.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual([
      '8:11 appspec/permission-mode',
    ]);
    expect(found[0]?.message).toContain('the number 420, and applies mode 420 instead of 644');
    expect(found[0]?.message).toContain(`quote it: "mode: '0644'"`);
  });

  it.each(['0755', '888', '75', '75555', 'rwxr-xr-x'])('rejects mode %s', (mode) => {
    expect(lint(withMode(mode))).toEqual(['8:11 error appspec/permission-mode']);
  });
});

describe('platform detection', () => {
  const platform = (text: string, path = 'appspec.yml') =>
    appspecView(parseYamlSource(path, text)).platform;

  it('tells EC2/on-premises, ECS and Lambda appspecs apart, in YAML and JSON', () => {
    expect(platform(`version: 0.0\n${EC2}`)).toBe('ec2');
    expect(platform('version: 0.0\nhooks:\n  ApplicationStart: []\n')).toBe('ec2');
    expect(
      platform('version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n'),
    ).toBe('ecs');
    expect(
      platform(
        '{"version": 0.0, "Resources": [{"fn": {"Type": "AWS::Lambda::Function"}}]}',
        'appspec.json',
      ),
    ).toBe('lambda');
    expect(platform('version: 0.0\n')).toBe('unknown');
  });

  it('checks hook names against the platform: ApplicationStart is not an ECS event', () => {
    const text = yaml`
      version: 0.0
      Resources:
        - TargetService:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: <TASK_DEFINITION>
              LoadBalancerInfo: { ContainerName: web, ContainerPort: 8080 }
      Hooks:
        - AfterAllowTestTraffic: CodeDeployHook_Test
        - applicationStart: CodeDeployHook_Start
    `;
    const found = lintText('appspec.yml', text, kind);
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(['10 appspec/hook-name']);
  });

  it('suggests the right case for a hook event', () => {
    const found = lintText(
      'appspec.yml',
      `version: 0.0\n${EC2}hooks:\n  applicationStart:\n    - location: start.sh\n`,
      kind,
    );
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('Did you mean ApplicationStart?'),
    ]);
  });
});

describe('recognising appspecs by content', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'appspec-discovery-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds appspecs with other names and leaves buildspecs, CloudFormation and other YAML alone', async () => {
    write('deploy/appspec-prod.yml', `version: 0.0\n${EC2}`);
    write(
      'deploy/ecs/appspec-staging.yaml',
      'version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: <TASK_DEFINITION>\n',
    );
    write('deploy/lambda.yml', 'Resources:\n  - fn:\n      Type: AWS::Lambda::Function\n');
    write('ci/build.yml', 'version: 0.2\nphases:\n  build:\n    commands: [make]\n');
    write(
      'infra/template.yml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Service:\n    Type: AWS::ECS::Service\n  Fn:\n    Type: AWS::Lambda::Function\n',
    );
    write(
      'infra/sam.yaml',
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  - Fn:\n      Type: AWS::Serverless::Function\n',
    );
    write('docker-compose.yml', "version: '3.8'\nservices:\n  web:\n    image: nginx\n");
    write('tool.yml', 'version: 2\nos: [ubuntu]\nfiles:\n  - a.txt\nhooks:\n  pre-commit: lint\n');

    const found = (await discoverFiles(['.'], fileKinds, root)).files;
    expect(found.map((file) => `${file.path} ${file.kind.name}`)).toEqual([
      'ci/build.yml buildspec',
      'deploy/appspec-prod.yml appspec',
      'deploy/ecs/appspec-staging.yaml appspec',
      'deploy/lambda.yml appspec',
    ]);
  });

  it('lints any named file as an appspec with --kind appspec', async () => {
    write('templates/deploy.txt', 'version: "0.0"\nos: linux\n');
    const report = await lintPaths(['templates/deploy.txt'], fileKinds, root, {
      kind: appspecFileKind,
    });
    expect(report.files).toEqual([{ path: 'templates/deploy.txt', kind: 'appspec' }]);
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual([
      '1:10 appspec/version',
    ]);
  });

  it('lints a named file whose content says appspec without --kind', async () => {
    write('deploy/prod.yml', `version: 1.0\n${EC2}`);
    const report = await lintPaths(['deploy/prod.yml'], fileKinds, root);
    expect(report.findings.map((f) => f.rule)).toEqual(['appspec/version']);
  });

  it('checks hook scripts next to the appspec, found from the lint command’s folder', async () => {
    write(
      'app/appspec.yml',
      `version: 0.0\n${EC2}hooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n`,
    );
    write('app/scripts/stop.sh', '#!/bin/sh\n');
    const withFiles = [
      buildspecFileKind,
      createAppspecFileKind({
        revisionFiles: nodeRevisionFiles(root),
      }),
    ];
    const report = await lintPaths(['app'], withFiles, root);
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual([
      '8:17 error appspec/hook-script',
    ]);
    // Without a way to find the file (standard input, another folder), scripts are not checked.
    expect(
      lintText(
        'app/appspec.yml',
        `version: 0.0\n${EC2}hooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n`,
        kind,
      ),
    ).toEqual([]);
  });

  it('finds a Windows hook script written with backslashes, as the Windows agent does', async () => {
    write(
      'win/appspec.yml',
      'version: 0.0\nos: windows\nfiles:\n  - source: /\n    destination: C:\\inetpub\\wwwroot\nhooks:\n  AfterInstall:\n    - location: .\\scripts\\Install.ps1\n    - location: scripts\\Missing.ps1\n',
    );
    write('win/scripts/Install.ps1', 'Write-Host ok\n');
    const withFiles = [
      buildspecFileKind,
      createAppspecFileKind({ revisionFiles: nodeRevisionFiles(root) }),
    ];
    const report = await lintPaths(['win'], withFiles, root);
    expect(report.findings.map((f) => `${f.line} ${f.severity} ${f.rule}`)).toEqual([
      '9 error appspec/hook-script',
    ]);
  });
});

describe('ignore comments', () => {
  it('silence AppSpec rules as they do buildspec rules, on their line and the next', () => {
    const text = yaml`
      version: "0.0" # buildbridge-lint-ignore appspec/version (checked by our own tooling)
      os: linux
      files:
        - source: /
          destination: /srv/app
      permissions:
        - object: /srv/app
          # buildbridge-lint-ignore appspec/permission-mode
          mode: 0644
        - object: /srv/data
          mode: 0640 # buildbridge-lint-ignore
        - object: /srv/logs
          mode: 0600 # buildbridge-lint-ignore appspec/unknown-key
    `;
    expect(lint(text)).toEqual(['13:11 error appspec/permission-mode']);
  });
});
