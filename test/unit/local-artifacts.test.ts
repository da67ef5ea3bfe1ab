import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { globToRegExp } from '../../src/buildspec/local/file-glob.js';
import {
  phaseStatuses,
  runBuildspec,
  temporaryDirectory,
  writeFiles,
} from '../helpers/local-build.js';

const SOURCE = {
  'dist/app.js': 'app',
  'dist/lib/util.js': 'util',
  'dist/lib/util.js.map': 'map',
  'dist/.hidden': 'dot',
  'dist/tmp/scratch.txt': 'scratch',
  'README.md': 'readme',
};

function withArtifacts(lines: string[]): string {
  return [
    'version: 0.2',
    'env:',
    '  variables:',
    '    APP: shop',
    'phases:',
    '  build:',
    '    commands:',
    '      - echo build',
    'artifacts:',
    ...lines,
    '',
  ].join('\n');
}

describe('globToRegExp', () => {
  it.each([
    ['**/*', 'a.txt', true],
    ['**/*', 'deep/er/a.txt', true],
    ['**/*', '.hidden', true],
    ['dist/**/*', 'dist/a.js', true],
    ['dist/**/*', 'dist/x/y/a.js', true],
    ['dist/**/*', 'src/a.js', false],
    ['*.js', 'a.js', true],
    ['*.js', 'lib/a.js', false],
    ['**/*.js', 'lib/a.js', true],
    ['**/*.js', 'a.js', true],
    ['lib/*.js', 'lib/a.js.map', false],
    ['./dist/app.js', 'dist/app.js', true],
    ['dist/**', 'dist/x/y', true],
    ['report-?.xml', 'report-1.xml', true],
    ['report-[0-9].xml', 'report-a.xml', false],
    ['a+b(c).txt', 'a+b(c).txt', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });
});

describe('artifacts of a local build', () => {
  it('copies the files matched under base-directory into <output>/<name>, keeping their paths', async () => {
    const { result } = await runBuildspec(
      withArtifacts(['  name: web', '  base-directory: dist', '  files:', "    - '**/*'"]),
      { files: SOURCE },
    );
    expect(result.artifacts).toHaveLength(1);
    const [artifact] = result.artifacts;
    expect(artifact?.identifier).toBe('primary');
    expect(artifact?.directory).toBe(join(result.outputDir, 'web'));
    expect(artifact?.files).toEqual([
      '.hidden',
      'app.js',
      'lib/util.js',
      'lib/util.js.map',
      'tmp/scratch.txt',
    ]);
    expect(readFileSync(join(artifact!.directory, 'lib/util.js'), 'utf8')).toBe('util');
  });

  it('flattens paths with discard-paths and leaves out exclude-paths', async () => {
    const { result } = await runBuildspec(
      withArtifacts([
        '  base-directory: dist',
        '  discard-paths: yes',
        '  files:',
        "    - '**/*.js'",
        '  exclude-paths:',
        "    - 'tmp/**/*'",
        "    - '**/*.map'",
      ]),
      { files: { ...SOURCE, 'dist/tmp/skip.js': 'skip' } },
    );
    expect(result.artifacts[0]?.files).toEqual(['app.js', 'util.js']);
    expect(result.artifacts[0]?.directory).toBe(join(result.outputDir, 'primary'));
  });

  it('expands variables in the artifact name', async () => {
    const { result } = await runBuildspec(
      withArtifacts(['  name: $APP-${CODEBUILD_BUILD_NUMBER}', '  files:', '    - README.md']),
      { files: SOURCE },
    );
    expect(result.artifacts[0]?.directory).toBe(join(result.outputDir, 'shop-7'));
  });

  it('copies secondary artifacts into folders named by their identifiers', async () => {
    const { result } = await runBuildspec(
      withArtifacts([
        '  files:',
        '    - README.md',
        '  secondary-artifacts:',
        '    bundle:',
        '      base-directory: dist',
        '      files:',
        '        - app.js',
        '    docs:',
        '      files:',
        '        - README.md',
      ]),
      { files: SOURCE },
    );
    expect(
      result.artifacts.map((artifact) => [artifact.identifier, artifact.directory, artifact.files]),
    ).toEqual([
      ['primary', join(result.outputDir, 'primary'), ['README.md']],
      ['bundle', join(result.outputDir, 'bundle'), ['app.js']],
      ['docs', join(result.outputDir, 'docs'), ['README.md']],
    ]);
  });

  it('fails UPLOAD_ARTIFACTS with CLIENT_ERROR when no file matches, and the build with it', async () => {
    const { result, logger } = await runBuildspec(
      withArtifacts(['  files:', '    - missing/*.zip']),
      { files: SOURCE },
    );
    expect(phaseStatuses(result)).toContain('UPLOAD_ARTIFACTS: FAILED');
    expect(
      result.build.phases?.find((phase) => phase.phaseType === 'UPLOAD_ARTIFACTS')?.contexts,
    ).toEqual([{ statusCode: 'CLIENT_ERROR', message: 'no matching artifact paths found' }]);
    expect(logger.plainLines).toContain(
      'Phase context status code: CLIENT_ERROR Message: no matching artifact paths found',
    );
    expect(result.build.buildStatus).toBe('FAILED');
  });

  it('fails UPLOAD_ARTIFACTS when the base directory does not exist', async () => {
    const { result } = await runBuildspec(
      withArtifacts(['  base-directory: build/out', '  files:', "    - '**/*'"]),
      { files: SOURCE },
    );
    expect(
      result.build.phases?.find((phase) => phase.phaseType === 'UPLOAD_ARTIFACTS')?.contexts,
    ).toEqual([
      {
        statusCode: 'CLIENT_ERROR',
        message: 'no matching base directory path found for build/out',
      },
    ]);
  });

  it('never copies the output folder into itself and replaces an artifact folder left by an earlier run', async () => {
    const sourceDir = temporaryDirectory();
    const spec = withArtifacts(['  name: all', '  files:', "    - '**/*'"]);
    await runBuildspec(spec, { sourceDir, files: SOURCE });
    writeFileSync(join(sourceDir, '.buildbridge/artifacts/all/stale.txt'), 'stale');
    const { result } = await runBuildspec(spec, { sourceDir });
    expect(result.artifacts[0]?.files.filter((file) => file.includes('.buildbridge'))).toEqual([]);
    expect(result.artifacts[0]?.files).toContain('buildspec.yml');
    expect(existsSync(join(sourceDir, '.buildbridge/artifacts/all/stale.txt'))).toBe(false);
  });

  it('copies what a symbolic link points to, or the link itself with enable-symlinks', async () => {
    const sourceDir = temporaryDirectory();
    writeFiles(sourceDir, { 'out/real.txt': 'real' });
    symlinkSync('real.txt', join(sourceDir, 'out/link.txt'));
    const followed = await runBuildspec(
      withArtifacts(['  name: followed', '  base-directory: out', '  files:', "    - '*'"]),
      { sourceDir },
    );
    const followedLink = join(followed.result.outputDir, 'followed', 'link.txt');
    expect(lstatSync(followedLink).isSymbolicLink()).toBe(false);
    expect(readFileSync(followedLink, 'utf8')).toBe('real');
    const kept = await runBuildspec(
      withArtifacts([
        '  name: kept',
        '  base-directory: out',
        '  enable-symlinks: yes',
        '  files:',
        "    - '*'",
      ]),
      { sourceDir },
    );
    expect(readlinkSync(join(kept.result.outputDir, 'kept', 'link.txt'))).toBe('real.txt');
  });
});
