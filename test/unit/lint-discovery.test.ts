import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverFiles } from '../../src/lint/discovery.js';
import { fileKinds } from '../../src/file-kinds.js';
import { UserError } from '../../src/util/errors.js';

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

    const found = await discoverFiles(['.'], fileKinds, root);
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
    expect((await discoverFiles(['.'], fileKinds, root)).map((file) => file.path)).toEqual([
      'app/buildspec.yml',
    ]);
  });

  it('does not take a YAML file with version but no phases for a buildspec', async () => {
    write('docker-compose.yml', "version: '3.8'\nservices:\n  db:\n    image: postgres\n");
    expect(await discoverFiles(['.'], fileKinds, root)).toEqual([]);
  });

  it('lints an explicitly named file that looks like a buildspec even when it does not parse', async () => {
    write(
      'pipeline/build.yml',
      'version: 0.2\nphases:\n  build:\n    commands:\n      - "unclosed\n',
    );
    const found = await discoverFiles(['pipeline/build.yml'], fileKinds, root);
    expect(found.map((file) => file.path)).toEqual(['pipeline/build.yml']);
  });

  it('rejects an explicitly named file that is neither a buildspec nor an appspec', async () => {
    write('docker-compose.yml', "version: '3.8'\nservices: {}\n");
    await expect(discoverFiles(['docker-compose.yml'], fileKinds, root)).rejects.toThrow(UserError);
    await expect(discoverFiles(['docker-compose.yml'], fileKinds, root)).rejects.toThrow(
      /"docker-compose.yml" is neither a buildspec .* nor an appspec/,
    );
  });

  it('rejects a path that does not exist, naming it', async () => {
    await expect(discoverFiles(['missing'], fileKinds, root)).rejects.toThrow(
      /"missing" does not exist/,
    );
  });

  it('lists a file once when it is given twice', async () => {
    write('buildspec.yml', BUILDSPEC);
    expect(await discoverFiles(['.', 'buildspec.yml'], fileKinds, root)).toHaveLength(1);
  });
});
