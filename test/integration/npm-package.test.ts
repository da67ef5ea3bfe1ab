/**
 * The npm package as `npm pack` builds it: extracted into a folder with no node_modules around,
 * its CLI runs (--version, --help, run-build --local with the embedded demo), it declares no
 * runtime dependencies and holds only what the CLI needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-bundle.js';

interface PackedFile {
  path: string;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'npm-package-'));
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  expect(pack.status).toBe(0);
  const [packed] = JSON.parse(pack.stdout) as [{ filename: string; files: PackedFile[] }];
  files = packed.files.map((file) => file.path);
  const untar = spawnSync('tar', ['-xzf', join(dir, packed.filename), '-C', dir], {
    encoding: 'utf8',
  });
  expect(untar.status).toBe(0);
}, 30_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], cwd = dir) {
  return spawnSync(process.execPath, [join(dir, 'package', manifest.bin.buildbridge!), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' },
    timeout: 20_000,
  });
}

describe('the npm package', () => {
  it('is named as the README tells people to install it', () => {
    expect(manifest.name).toBe('@buildbridge/cli');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(
      `npx --yes ${manifest.name}@${manifest.version}`,
    );
  });

  it('holds only the CLI bundle, the README, the licence and package.json', () => {
    expect(files).toContain('dist/cli/index.js');
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(
      files.filter(
        (file) =>
          !file.startsWith('dist/cli/') && !/^(README\.md|LICENSE|package\.json)$/.test(file),
      ),
    ).toEqual([]);
    expect(readdirSync(join(dir, 'package')).sort()).not.toContain('node_modules');
  });

  it('declares no runtime dependencies', () => {
    const packed = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(packed.private).toBeUndefined();
    expect(packed.dependencies ?? {}).toEqual({});
    expect(packed.peerDependencies ?? {}).toEqual({});
    expect(packed.optionalDependencies ?? {}).toEqual({});
    expect(packed.bin).toEqual({ buildbridge: 'dist/cli/index.js' });
  });

  it('runs --version and --help with nothing installed', () => {
    const version = cli(['--version']);
    expect(version.stderr).toBe('');
    expect(version.status).toBe(0);
    expect(version.stdout).toContain(manifest.version);
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('run-build');
  });

  it('runs run-build --local with the embedded demo buildspec', () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    const run = cli(['run-build', '--local'], work);
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    expect(run.stdout.length).toBeGreaterThan(0);
  }, 30_000);
});
