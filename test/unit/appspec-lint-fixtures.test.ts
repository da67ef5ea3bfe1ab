/**
 * AppSpec lint against files written from AWS's documented examples (good/: each must lint
 * clean, the precision bar) and bad files per rule class (bad/: exactly these findings).
 */
import { join } from 'node:path';
import { buildspecFileKind } from '../../src/buildspec/lint/buildspec-file-kind.js';
import { createAppspecFileKind } from '../../src/codedeploy/appspec-file-kind.js';
import { nodeRevisionFiles } from '../../src/codedeploy/lint/revision-files.js';
import { lintPaths } from '../../src/lint/lint-engine.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/appspecs');
const kinds = [
  buildspecFileKind,
  createAppspecFileKind({ revisionFiles: nodeRevisionFiles(FIXTURES) }),
];

const BAD: Record<string, string[]> = {
  'bad/ec2-version-os/appspec.yml': ['1:10 error appspec/version', '2:5 error appspec/os'],
  'bad/ec2-files/appspec.yml': [
    '1:10 error appspec/version',
    '5:18 error appspec/files',
    '6:5 error appspec/files',
    '7:5 error appspec/files',
    '8:5 warning appspec/unknown-key',
    '9:23 warning appspec/file-exists-behavior',
  ],
  'bad/ec2-permissions/appspec.yml': [
    '8:11 error appspec/permission-mode',
    '10:9 error appspec/permissions',
    '11:13 error appspec/permissions',
    '13:11 error appspec/permission-mode',
    '14:5 error appspec/permissions',
    '15:11 warning appspec/permissions',
  ],
  'bad/ec2-hooks/appspec.yml': [
    '4:3 error appspec/hook-name',
    '6:3 error appspec/hook-name',
    '8:3 error appspec/hook-name',
    '11:17 warning appspec/hook-script',
    '12:16 error appspec/hook-timeout',
    '13:7 error appspec/hook-location',
    '16:16 error appspec/hook-timeout',
    '17:14 error appspec/hook-runas',
    '18:3 error appspec/hook-timeout',
    '21:17 error appspec/hook-script',
    '24:17 error appspec/hook-script',
  ],
  'bad/ec2-windows/appspec.yml': [
    '5:18 error appspec/files',
    '6:1 error appspec/permissions',
    '12:7 warning appspec/hook-runas',
  ],
  'bad/ec2-template/appspec-staging.yml': [
    '5:18 warning appspec/placeholder',
    '8:17 warning appspec/hook-script',
  ],
  'bad/ecs/appspec.yaml': [
    '5:7 error appspec/ecs-properties',
    '6:9 error appspec/ecs-properties',
    '7:26 error appspec/ecs-properties',
    '11:29 error appspec/ecs-properties',
    '12:9 warning appspec/unknown-key',
    '12:16 warning appspec/placeholder',
    '14:20 warning appspec/hook-function',
    '15:5 error appspec/hook-name',
    '16:5 error appspec/hook-name',
    '17:1 warning appspec/unknown-key',
  ],
  'bad/lambda/appspec.yml': [
    '5:7 error appspec/lambda-properties',
    '8:24 warning appspec/lambda-properties',
    '9:9 warning appspec/unknown-key',
    '9:16 warning appspec/placeholder',
    '11:5 error appspec/hook-name',
    '12:24 error appspec/hook-function',
  ],
  'bad/json-version/appspec.json': [
    '2:14 error appspec/version',
    '7:9 error appspec/lambda-properties',
  ],
  'bad/no-platform/appspec.yml': ['1:1 error appspec/platform'],
};

describe('AppSpec lint fixtures', () => {
  it('finds no problem in appspecs written from the AWS documentation, for every platform', async () => {
    const report = await lintPaths(['good'], kinds, FIXTURES);
    expect(report.files.map((file) => `${file.path} ${file.kind}`)).toEqual([
      'good/ec2-linux-docs/appspec.yml appspec',
      'good/ec2-windows/appspec.yml appspec',
      'good/ec2-wordpress/appspec.yml appspec',
      'good/ecs-docs/appspec.yaml appspec',
      'good/ecs-json/appspec.json appspec',
      'good/ecs-pipeline/appspec-prod.yaml appspec',
      'good/lambda-docs/appspec.yml appspec',
      'good/lambda-json/appspec.json appspec',
    ]);
    expect(report.findings).toEqual([]);
  });

  it.each(Object.entries(BAD))(
    'reports exactly the expected findings in %s',
    async (path, expected) => {
      const report = await lintPaths([path], kinds, FIXTURES);
      expect(report.files.map((file) => file.kind)).toEqual(['appspec']);
      expect(report.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual(
        expected,
      );
      for (const f of report.findings) {
        expect(f.message.length).toBeGreaterThan(40);
        expect(f.endLine === undefined || f.endLine > f.line || (f.endColumn ?? 0) > f.column).toBe(
          true,
        );
      }
    },
  );

  it('finds every bad fixture when the folder is searched, by name or by content', async () => {
    const report = await lintPaths(['bad'], kinds, FIXTURES);
    expect(report.files.map((file) => file.path)).toEqual(Object.keys(BAD).sort());
  });

  it('says which script name was meant when a hook script is misspelt', async () => {
    const report = await lintPaths(['bad/ec2-hooks/appspec.yml'], kinds, FIXTURES);
    const stop = report.findings.find((f) => f.line === 24);
    expect(stop?.message).toContain('"scripts/stop_servr.sh" is not in the revision');
    expect(stop?.message).toContain('Did you mean "scripts/stop_server.sh"?');
  });

  it('makes a missing script a warning, saying why, when the file is not named appspec.yml', async () => {
    const report = await lintPaths(['bad/ec2-template'], kinds, FIXTURES);
    const script = report.findings.find((f) => f.rule === 'appspec/hook-script');
    expect(script?.message).toMatch(
      /not named appspec\.yml, so the revision root depends on how it is packaged/,
    );
  });
});
