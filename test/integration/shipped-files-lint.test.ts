/** What people copy lints clean: the shipped buildspecs, the embedded demo and the good fixtures. */
import { join } from 'node:path';
import { DEMO_BUILDSPEC } from '../../src/buildspec/local/demo-buildspec.js';
import { buildspecFileKind } from '../../src/buildspec/lint/buildspec-file-kind.js';
import { fileKinds } from '../../src/file-kinds.js';
import { lintPaths, lintText } from '../../src/lint/lint-engine.js';

const ROOT = join(import.meta.dirname, '../..');

describe('shipped files lint clean', () => {
  it('buildspecs/ has no finding, not even a warning', async () => {
    const report = await lintPaths(['buildspecs'], fileKinds, ROOT);
    expect(report.files.map((file) => file.path).sort()).toEqual([
      'buildspecs/docker-compose-services.yml',
      'buildspecs/docker-custom-image.yml',
      'buildspecs/ecr-push.yml',
      'buildspecs/test-reports.yml',
    ]);
    expect(report.findings).toEqual([]);
  });

  it('the embedded demo buildspec has no finding', () => {
    expect(lintText('demo-buildspec.yml', DEMO_BUILDSPEC, buildspecFileKind)).toEqual([]);
  });
});
