/**
 * The shipped appspec/ templates, checked the way their users depend on: the EC2 hook scripts
 * run for real (`sh script`, as the CodeDeploy agent runs them) in a temporary root with the
 * agent's variables, a stand-in systemctl and a local HTTP target (healthy, failing, slow,
 * healthy after a few failures); every script shellcheck-clean; every hook file there and
 * executable; the ECS and Lambda appspecs consistent with their task definition and hooks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  EC2_REVISION,
  SCRIPT_TOOLS,
  SYSTEMCTL_STAND_IN,
  deploymentVariables,
  installRevision,
  pathWith,
  runHook,
  startHealthTarget,
  type HealthTarget,
} from '../helpers/appspec-hooks.js';
import { fileKinds } from '../../src/file-kinds.js';
import { lintPaths } from '../../src/lint/lint-engine.js';
import { shellcheckAvailable } from '../helpers/buildspec-shellcheck.js';
import { temporaryDirectory } from '../helpers/local-build.js';
import { createStandIns, type StandIns } from '../helpers/stand-ins.js';

const ROOT = join(import.meta.dirname, '..', '..');
const APPSPEC = join(ROOT, 'appspec');

interface Ec2AppSpec {
  files: { source: string; destination: string }[];
  hooks: Record<string, { location: string; timeout: number; runas: string }[]>;
}
const ec2Text = readFileSync(join(EC2_REVISION, 'appspec.yml'), 'utf8');
const ec2 = parse(ec2Text) as Ec2AppSpec;

function prefix(event: string, deploymentId: string): string {
  return `[${event}] shop/production ${deploymentId}: `;
}

/** One instance: a temporary root, a stand-in systemctl, and the variables every hook gets. */
function instance(): {
  root: string;
  systemctl: StandIns;
  env: (id: string) => Record<string, string>;
} {
  const root = temporaryDirectory('bb-appspec-root-');
  const systemctl = createStandIns({ systemctl: SYSTEMCTL_STAND_IN });
  return {
    root,
    systemctl,
    env: (id) => ({
      ...systemctl.env,
      ...deploymentVariables(id),
      HOME: root,
      DEPLOY_ROOT: root,
      SERVICE_USER: userInfo().username,
    }),
  };
}

function lastLine(output: string): string {
  return output.trimEnd().split('\n').at(-1) ?? '';
}

describe('appspec/ec2 hook scripts, run as the CodeDeploy agent runs them', () => {
  let target: HealthTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  it('install, start and validate one deployment; the next deployment ApplicationStop stops it', async () => {
    target = await startHealthTarget({ kind: 'healthy' });
    const { root, systemctl, env } = instance();
    const first = { ...env('d-FIRST0001'), HEALTH_URL: target.url };

    const stopFirst = await runHook('application-stop.sh', 'ApplicationStop', first);
    expect(stopFirst.code).toBe(0);
    const before = await runHook('before-install.sh', 'BeforeInstall', first);
    expect(before).toMatchObject({ code: 0 });
    installRevision(root);
    const after = await runHook('after-install.sh', 'AfterInstall', first);
    expect(after.code).toBe(0);
    const start = await runHook('application-start.sh', 'ApplicationStart', first);
    expect(start.code).toBe(0);
    const validate = await runHook('validate-service.sh', 'ValidateService', first);
    expect(validate.code).toBe(0);
    expect(lastLine(validate.output)).toMatch(
      new RegExp(
        `^\\[ValidateService\\] .*: healthy: ${target.url} answered 200 on attempt 1 after \\d+ s$`,
      ),
    );

    for (const [run, event] of [
      [stopFirst, 'ApplicationStop'],
      [before, 'BeforeInstall'],
      [after, 'AfterInstall'],
      [start, 'ApplicationStart'],
      [validate, 'ValidateService'],
    ] as const) {
      expect(run.lines.length).toBeGreaterThan(0);
      for (const line of run.lines)
        expect(line.startsWith(prefix(event, 'd-FIRST0001'))).toBe(true);
    }
    const deployment = readFileSync(join(root, 'opt/myapp/DEPLOYMENT'), 'utf8');
    expect(deployment).toContain('deployment_id=d-FIRST0001\n');
    expect(deployment).toContain('deployment_group_id=c5f1e0a2-1b2c-4d3e-9f00-1234567890ab\n');
    expect(systemctl.calls()).toEqual([
      'systemctl enable myapp',
      'systemctl restart myapp',
      'systemctl is-active --quiet myapp',
    ]);

    const stopNext = await runHook('application-stop.sh', 'ApplicationStop', env('d-SECOND002'));
    expect(stopNext.code).toBe(0);
    expect(stopNext.lines).toEqual([
      `${prefix('ApplicationStop', 'd-SECOND002')}stopping myapp`,
      `${prefix('ApplicationStop', 'd-SECOND002')}stopped myapp`,
    ]);
    expect(systemctl.calls().slice(3)).toEqual([
      'systemctl is-active --quiet myapp',
      'systemctl stop myapp',
      'systemctl is-active --quiet myapp',
    ]);
  });

  it('AfterInstall installs the unit the revision ships and reloads the service manager', async () => {
    const { root, systemctl, env } = instance();
    installRevision(root);
    const unit = '[Service]\nExecStart=/opt/myapp/bin/server\n';
    execFileSync('sh', [
      '-c',
      `printf '%s' "$1" > "$2"`,
      'sh',
      unit,
      join(root, 'opt/myapp/myapp.service'),
    ]);

    const run = await runHook('after-install.sh', 'AfterInstall', env('d-UNIT00001'));
    expect(run.code).toBe(0);
    expect(readFileSync(join(root, 'etc/systemd/system/myapp.service'), 'utf8')).toBe(unit);
    expect(systemctl.calls()).toEqual(['systemctl daemon-reload']);
  });

  describe('ApplicationStop exits 0 with a line saying why when there is nothing to stop', () => {
    it('on the first deployment, when nothing is installed', async () => {
      const { systemctl, env } = instance();
      const run = await runHook('application-stop.sh', 'ApplicationStop', env('d-FIRST0001'));
      expect(run.code).toBe(0);
      expect(run.lines).toEqual([
        expect.stringMatching(
          /^\[ApplicationStop\] shop\/production d-FIRST0001: nothing to stop: .*\/opt\/myapp does not exist \(first deployment to this instance\)$/,
        ),
      ]);
      expect(systemctl.calls()).toEqual([]);
    });

    it('when the service is installed but not running', async () => {
      const { root, systemctl, env } = instance();
      installRevision(root);
      const run = await runHook('application-stop.sh', 'ApplicationStop', env('d-AGAIN0001'));
      expect(run.code).toBe(0);
      expect(lastLine(run.output)).toBe(
        `${prefix('ApplicationStop', 'd-AGAIN0001')}nothing to stop: myapp is not running`,
      );
      expect(systemctl.calls()).toEqual(['systemctl is-active --quiet myapp']);
    });

    it('when the service manager is not installed', async () => {
      const { root, env } = instance();
      installRevision(root);
      const run = await runHook('application-stop.sh', 'ApplicationStop', {
        ...env('d-NOSYSD001'),
        SERVICE_MANAGER: 'no-such-service-manager',
      });
      expect(run.code).toBe(0);
      expect(lastLine(run.output)).toContain(
        'nothing to stop: no-such-service-manager not found, so myapp cannot be running under it',
      );
    });
  });

  it('ApplicationStart fails with a line saying so when the service is not active after start', async () => {
    const systemctl = createStandIns({ systemctl: 'case "$1" in is-active) exit 3 ;; esac' });
    const { env } = instance();
    const run = await runHook('application-start.sh', 'ApplicationStart', {
      ...env('d-NOSTART01'),
      ...systemctl.env,
    });
    expect(run.code).toBe(1);
    expect(lastLine(run.output)).toBe(
      `${prefix('ApplicationStart', 'd-NOSTART01')}FAILED: myapp is not active after systemctl restart (see: journalctl -u myapp)`,
    );
  });

  describe('ValidateService', () => {
    const fast = { HEALTH_INTERVAL_SECONDS: '1', HEALTH_REQUEST_TIMEOUT_SECONDS: '1' };

    it('passes once the service becomes healthy after a few failed attempts', async () => {
      target = await startHealthTarget({ kind: 'healthy-after', failures: 2 });
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-WARMUP001'),
        ...fast,
        HEALTH_URL: target.url,
        HEALTH_ATTEMPTS: '5',
      });
      expect(run.code).toBe(0);
      expect(target.requests()).toBe(3);
      expect(run.lines).toContain(
        `${prefix('ValidateService', 'd-WARMUP001')}attempt 1/5: HTTP 503 (expected 200)`,
      );
      expect(lastLine(run.output)).toMatch(/healthy: .* answered 200 on attempt 3 after \d+ s$/);
    });

    it('fails with one line naming the URL, the last status, the attempts and the time', async () => {
      target = await startHealthTarget({ kind: 'failing', status: 500 });
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-BROKEN001'),
        ...fast,
        HEALTH_URL: target.url,
        HEALTH_ATTEMPTS: '3',
      });
      expect(run.code).toBe(1);
      expect(target.requests()).toBe(3);
      expect(lastLine(run.output)).toMatch(
        new RegExp(
          `^\\[ValidateService\\] shop/production d-BROKEN001: FAILED: ${target.url} is not healthy after 3 attempts in \\d+ s \\(all 3 attempts used\\); last: HTTP 500 \\(expected 200\\)$`,
        ),
      );
    });

    it('names the connection error when nothing listens', async () => {
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-NOLISTEN1'),
        ...fast,
        HEALTH_URL: 'http://127.0.0.1:9/health',
        HEALTH_ATTEMPTS: '2',
      });
      expect(run.code).toBe(1);
      expect(lastLine(run.output)).toMatch(
        /FAILED: http:\/\/127\.0\.0\.1:9\/health is not healthy after 2 attempts in \d+ s \(all 2 attempts used\); last: no HTTP status: curl: \(7\) .*connect/i,
      );
    });

    it('gives up at its deadline when every answer is slower than the request timeout', async () => {
      target = await startHealthTarget({ kind: 'slow', delayMs: 5000 });
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-SLOWLY001'),
        ...fast,
        HEALTH_URL: target.url,
        HEALTH_ATTEMPTS: '100',
        HEALTH_DEADLINE_SECONDS: '3',
      });
      expect(run.code).toBe(1);
      expect(lastLine(run.output)).toMatch(
        /FAILED: .* is not healthy after \d+ attempts in \d+ s \(deadline of 3 s reached\); last: no HTTP status: curl: \(28\)/,
      );
      // deadline + one request timeout + start-up; generous slack for a loaded machine
      expect(run.seconds).toBeLessThan(3 + 1 + 5);
      expect(target.requests()).toBeLessThan(100);
    });

    it('uses wget when curl is not installed', async () => {
      target = await startHealthTarget({ kind: 'healthy-after', failures: 1 });
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-WGET00001'),
        ...fast,
        PATH: pathWith([...SCRIPT_TOOLS, 'wget']),
        HEALTH_URL: target.url,
        HEALTH_ATTEMPTS: '3',
      });
      expect(run.output).toContain(`checking ${target.url} with wget`);
      expect(run.lines).toContain(
        `${prefix('ValidateService', 'd-WGET00001')}attempt 1/3: HTTP 503 (expected 200)`,
      );
      expect(run.code).toBe(0);
    });

    it('says that neither curl nor wget is installed', async () => {
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-NOCLIENT1'),
        PATH: pathWith(SCRIPT_TOOLS),
      });
      expect(run.code).toBe(1);
      expect(lastLine(run.output)).toBe(
        `${prefix('ValidateService', 'd-NOCLIENT1')}FAILED: neither curl nor wget is installed: install one of them to check http://127.0.0.1:8080/health`,
      );
    });

    it('names a setting that is not a whole number', async () => {
      const { env } = instance();
      const run = await runHook('validate-service.sh', 'ValidateService', {
        ...env('d-BADVALUE1'),
        HEALTH_ATTEMPTS: 'three',
      });
      expect(run.code).toBe(1);
      expect(lastLine(run.output)).toContain(
        'FAILED: HEALTH_ATTEMPTS="three" is not a whole number of at least 1',
      );
    });

    it('its default deadline plus one request stays below the hook timeout in appspec.yml', () => {
      const script = readFileSync(join(EC2_REVISION, 'scripts/validate-service.sh'), 'utf8');
      const defaultOf = (name: string): number =>
        Number(new RegExp(`: "\\$\\{${name}:=(\\d+)\\}"`).exec(script)?.[1]);
      const timeout = ec2.hooks.ValidateService?.[0]?.timeout ?? 0;
      expect(defaultOf('HEALTH_DEADLINE_SECONDS')).toBe(240);
      expect(
        defaultOf('HEALTH_DEADLINE_SECONDS') + defaultOf('HEALTH_REQUEST_TIMEOUT_SECONDS'),
      ).toBeLessThan(timeout);
    });
  });

  it('BeforeInstall fails early, naming the service manager it cannot find', async () => {
    const { env } = instance();
    const run = await runHook('before-install.sh', 'BeforeInstall', {
      ...env('d-NOSYSD002'),
      SERVICE_MANAGER: 'no-such-service-manager',
    });
    expect(run.code).toBe(1);
    expect(lastLine(run.output)).toContain('FAILED: no-such-service-manager not found');
  });

  it('refuses an APP_DIR of / in every hook', async () => {
    const { env } = instance();
    for (const [script, event] of [
      ['application-stop.sh', 'ApplicationStop'],
      ['validate-service.sh', 'ValidateService'],
    ]) {
      const run = await runHook(script as string, event as string, {
        ...env('d-ROOTDIR01'),
        APP_DIR: '/',
      });
      expect(run.code).toBe(1);
      expect(lastLine(run.output)).toContain(
        'FAILED: APP_DIR="/" must be an absolute path other than /',
      );
    }
  });
});

describe('appspec/ec2/appspec.yml', () => {
  const events = [
    'ApplicationStop',
    'BeforeInstall',
    'AfterInstall',
    'ApplicationStart',
    'ValidateService',
  ];

  it('keeps version 0.0 unquoted and every mode quoted (the YAML 1.1 octal trap)', () => {
    expect(ec2Text).toMatch(/^version: 0\.0$/m);
    const modes = [...ec2Text.matchAll(/^\s*mode: (.*)$/gm)].map((match) => match[1]);
    expect(modes.length).toBeGreaterThan(0);
    for (const mode of modes) expect(mode).toMatch(/^(['"])0[0-7]{3}\1$/);
  });

  it('has hooks for every scripted event, whole-second timeouts, at most 3600 s per event, and runas', () => {
    expect(Object.keys(ec2.hooks)).toEqual(events);
    for (const event of events) {
      const hooks = ec2.hooks[event] ?? [];
      for (const hook of hooks) {
        expect(Number.isInteger(hook.timeout) && hook.timeout > 0).toBe(true);
        expect(hook.runas).toBe('root');
      }
      expect(hooks.reduce((sum, hook) => sum + hook.timeout, 0)).toBeLessThanOrEqual(3600);
    }
    for (const { destination } of ec2.files) expect(destination.startsWith('/')).toBe(true);
  });

  it('names hook scripts that exist and are executable, in the working tree and in git (100755)', () => {
    const locations = Object.values(ec2.hooks).flatMap((hooks) =>
      hooks.map((hook) => hook.location),
    );
    expect(locations.length).toBe(events.length);
    for (const location of locations) {
      const path = join(EC2_REVISION, location);
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).mode & 0o111).not.toBe(0);
      const staged = execFileSync('git', ['ls-files', '--stage', '--', relative(ROOT, path)], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect({ location, mode: staged.split(' ')[0] }).toEqual({ location, mode: '100755' });
    }
  });
});

describe('appspec/ecs and appspec/lambda', () => {
  interface EcsAppSpec {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>[];
    Hooks: Record<string, string>[];
  }
  const ecsText = readFileSync(join(APPSPEC, 'ecs/appspec.yaml'), 'utf8');
  const ecsSpec = parse(ecsText) as EcsAppSpec;
  const taskdef = JSON.parse(readFileSync(join(APPSPEC, 'ecs/taskdef.json'), 'utf8')) as {
    family: string;
    executionRoleArn: string;
    containerDefinitions: {
      name: string;
      image: string;
      portMappings: { containerPort: number }[];
      logConfiguration: { logDriver: string };
    }[];
  };
  const lambdaText = readFileSync(join(APPSPEC, 'lambda/appspec.yml'), 'utf8');
  const lambdaSpec = parse(lambdaText) as EcsAppSpec;

  it('ECS: TargetService with the <TASK_DEFINITION> placeholder and a container port taskdef.json maps', () => {
    expect(ecsText).toMatch(/^version: 0\.0$/m);
    const service = ecsSpec.Resources[0]?.TargetService;
    expect(service?.Type).toBe('AWS::ECS::Service');
    expect(service?.Properties.TaskDefinition).toBe('<TASK_DEFINITION>');
    const info = service?.Properties.LoadBalancerInfo as {
      ContainerName: string;
      ContainerPort: unknown;
    };
    expect(typeof info.ContainerPort).toBe('number');
    const container = taskdef.containerDefinitions.find(
      (entry) => entry.name === info.ContainerName,
    );
    expect(container?.image).toBe('<IMAGE1_NAME>');
    expect(container?.portMappings.map((mapping) => mapping.containerPort)).toContain(
      info.ContainerPort,
    );
    expect(container?.logConfiguration.logDriver).toBe('awslogs');
    expect(taskdef.family).not.toBe('');
    expect(taskdef.executionRoleArn).toMatch(/^arn:aws:iam::/);
  });

  it('ECS: every lifecycle event hooked, by CodeDeployHook_ functions', () => {
    const hooks = ecsSpec.Hooks.flatMap((entry) => Object.entries(entry));
    expect(hooks.map(([event]) => event)).toEqual([
      'BeforeInstall',
      'AfterInstall',
      'AfterAllowTestTraffic',
      'BeforeAllowTraffic',
      'AfterAllowTraffic',
    ]);
    for (const [, name] of hooks) expect(name).toMatch(/^CodeDeployHook_/);
    expect(ecsText).toContain('dist/codedeploy-hook/index.js');
  });

  it('Lambda: the function, alias and both versions, hooked by CodeDeployHook_ functions', () => {
    expect(lambdaText).toMatch(/^version: 0\.0$/m);
    const resource = Object.values(lambdaSpec.Resources[0] ?? {})[0];
    expect(resource?.Type).toBe('AWS::Lambda::Function');
    expect(Object.keys(resource?.Properties ?? {}).sort()).toEqual([
      'Alias',
      'CurrentVersion',
      'Name',
      'TargetVersion',
    ]);
    const hooks = lambdaSpec.Hooks.flatMap((entry) => Object.entries(entry));
    expect(hooks.map(([event]) => event)).toEqual(['BeforeAllowTraffic', 'AfterAllowTraffic']);
    for (const [, name] of hooks) expect(name).toMatch(/^CodeDeployHook_/);
    expect(lambdaText).toContain('dist/codedeploy-hook/index.js');
  });
});

function shellScripts(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return shellScripts(path);
    return entry.name.endsWith('.sh') ? [path] : [];
  });
}

const withShellcheck = shellcheckAvailable() || process.env.CI ? describe : describe.skip;
withShellcheck('every appspec/**/*.sh is shellcheck-clean as POSIX sh', () => {
  const scripts = shellScripts(APPSPEC).map((path) => relative(ROOT, path));

  it('finds the scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(6);
  });

  it.each(scripts)('%s', (script) => {
    // -x follows `. common.sh` (the scripts say source-path=SCRIPTDIR)
    const run = spawnSync(
      'shellcheck',
      ['--norc', '--shell', 'sh', '-x', '--format', 'gcc', script],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (run.error) throw run.error;
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('every hook script starts with #!/bin/sh and set -eu', () => {
    for (const script of scripts.filter((path) => !path.endsWith('common.sh'))) {
      const text = readFileSync(join(ROOT, script), 'utf8');
      expect({ script, shebang: text.split('\n')[0] }).toEqual({ script, shebang: '#!/bin/sh' });
      expect(text).toMatch(/^set -eu$/m);
    }
  });
});

describe('the shipped appspec/ lints clean', () => {
  it('buildbridge lint finds the three appspecs and reports nothing, not even a warning', async () => {
    const report = await lintPaths(['appspec'], fileKinds, ROOT);
    expect(report.files.map((file) => file.path).sort()).toEqual(
      expect.arrayContaining([
        'appspec/ec2/appspec.yml',
        'appspec/ecs/appspec.yaml',
        'appspec/lambda/appspec.yml',
      ]),
    );
    expect(report.findings).toEqual([]);
  });
});
