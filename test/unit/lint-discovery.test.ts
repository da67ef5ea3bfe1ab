import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverFiles } from '../../src/lint/discovery.js';
import { fileKinds } from '../../src/file-kinds.js';

const BUILDSPEC = 'version: 0.2\nphases:\n  build:\n    commands: [make]\n';
let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lint-discovery-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('finding files to lint', () => {
  it('finds buildspecs and appspecs by name and buildspecs by content, recursively and sorted', async () => {
    write('buildspec.yml', BUILDSPEC);
    write('ci/buildspec-release.yaml', BUILDSPEC);
    write('ci/integration.yml', BUILDSPEC);
    write('deploy/appspec.yml', 'version: 0.0\nos: linux\n');
    write('deploy/lambda/appspec.json', '{"version": 0.0}');
    write('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    write('k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\n');
    write('README.md', '# phases:\nversion: 1\n');

    const found = (await discoverFiles(['.'], fileKinds, root)).files;
    expect(found.map((file) => `${file.path} ${file.kind.name}`)).toEqual([
      'buildspec.yml buildspec',
      'ci/buildspec-release.yaml buildspec',
      'ci/integration.yml buildspec',
      'deploy/appspec.yml appspec',
      'deploy/lambda/appspec.json appspec',
    ]);
  });

  it('skips node_modules and .git', async () => {
    write('node_modules/pkg/buildspec.yml', BUILDSPEC);
    write('.git/buildspec.yml', BUILDSPEC);
    write('app/buildspec.yml', BUILDSPEC);
    expect((await discoverFiles(['.'], fileKinds, root)).files.map((file) => file.path)).toEqual([
      'app/buildspec.yml',
    ]);
  });

  it('does not take a YAML file with version but no phases for a buildspec', async () => {
    write('docker-compose.yml', "version: '3.8'\nservices:\n  db:\n    image: postgres\n");
    expect((await discoverFiles(['.'], fileKinds, root)).files).toEqual([]);
  });

  it('lints an explicitly named file that looks like a buildspec even when it does not parse', async () => {
    write(
      'pipeline/build.yml',
      'version: 0.2\nphases:\n  build:\n    commands:\n      - "unclosed\n',
    );
    const { files } = await discoverFiles(['pipeline/build.yml'], fileKinds, root);
    expect(files.map((file) => file.path)).toEqual(['pipeline/build.yml']);
  });

  it('accounts for a named file that is neither kind with a reason, and still lints the others', async () => {
    write('docker-compose.yml', "version: '3.8'\nservices: {}\n");
    write('buildspec.yml', BUILDSPEC);
    const found = await discoverFiles(['docker-compose.yml', 'buildspec.yml'], fileKinds, root);
    expect(found.files.map((file) => file.path)).toEqual(['buildspec.yml']);
    expect(found.skipped).toEqual([
      {
        path: 'docker-compose.yml',
        notable: true,
        reason: expect.stringMatching(
          /^neither a buildspec .* nor an appspec .*pass --kind buildspec/,
        ),
      },
    ]);
  });

  it('skips a file named like a buildspec whose content is another tool’s, saying why', async () => {
    write(
      'buildspec.yml',
      'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n',
    );
    const found = await discoverFiles(['.'], fileKinds, root);
    expect(found.files).toEqual([]);
    expect(found.skipped.map((file) => [file.path, file.reason])).toEqual([
      [
        'buildspec.yml',
        'not a CodeBuild buildspec: it has none of "version", "phases", "batch" at its top level; its keys are "AWSTemplateFormatVersion", "Resources", and tags of another tool (!Ref).',
      ],
    ]);
  });

  it('lints a broken buildspec as one (it does not parse: not another tool’s)', async () => {
    write('buildspec.yml', 'version: 0.2\nphases:\n\tbuild: {}\n');
    expect((await discoverFiles(['.'], fileKinds, root)).files.map((f) => f.path)).toEqual([
      'buildspec.yml',
    ]);
  });

  it('forces the kind with --kind and reads standard input for -', async () => {
    write('ci/pipeline.yml', "version: '3.8'\nservices: {}\n");
    const { buildspecFileKind } = await import('../../src/buildspec/lint/buildspec-file-kind.js');
    const forced = await discoverFiles(['ci/pipeline.yml', '-'], fileKinds, root, {
      kind: buildspecFileKind,
      readStdin: async () => 'version: 0.2\nphases: {}\n',
    });
    expect(forced.files.map((file) => `${file.path} ${file.kind.name}`)).toEqual([
      '<stdin> buildspec',
      'ci/pipeline.yml buildspec',
    ]);
  });

  it('counts the YAML files of a folder that are neither kind', async () => {
    write('.github/workflows/ci.yml', 'on: push\n');
    write('buildspec.yml', BUILDSPEC);
    const found = await discoverFiles(['.'], fileKinds, root);
    expect(found.skipped.map((file) => [file.path, file.notable])).toEqual([
      ['.github/workflows/ci.yml', false],
    ]);
  });

  it('rejects a path that does not exist, naming it', async () => {
    await expect(discoverFiles(['missing'], fileKinds, root)).rejects.toThrow(
      /"missing" does not exist/,
    );
  });

  it('lists a file once when it is given twice', async () => {
    write('buildspec.yml', BUILDSPEC);
    expect((await discoverFiles(['.', 'buildspec.yml'], fileKinds, root)).files).toHaveLength(1);
  });
});
