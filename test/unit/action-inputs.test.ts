/**
 * Each Action reads exactly the inputs its action.yml declares: reading an undeclared one throws
 * (OptionReader), and this test records the reads of each Action's input function and compares
 * them with its action.yml in both directions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readApproveActionInputs } from '../../src/actions/approve/main.js';
import { ACTIONS } from '../../src/actions/catalog.js';
import { readReportStatusActionInputs } from '../../src/actions/report-status/main.js';
import { readRunBuildActionInputs } from '../../src/actions/run-build/main.js';
import { readStartPipelineActionInputs } from '../../src/actions/start-pipeline/main.js';
import { readLintSettings } from '../../src/lint/lint-options.js';
import { OptionReader, type OptionSpec } from '../../src/util/options.js';

const ROOT = join(import.meta.dirname, '../..');

/** The function each Action entry reads its inputs with. */
const READERS: Record<string, (options: OptionReader) => unknown> = {
  'run-build': (options) => readRunBuildActionInputs(options, { AWS_REGION: 'us-east-1' }),
  lint: (options) => readLintSettings(options, [], {}, ROOT),
  'report-status': (options) =>
    readReportStatusActionInputs(options, { AWS_REGION: 'us-east-1', GITHUB_SHA: 'a'.repeat(40) }),
  'start-pipeline': (options) =>
    readStartPipelineActionInputs(options, {
      AWS_REGION: 'us-east-1',
      GITHUB_SHA: 'a'.repeat(40),
    }),
  approve: (options) =>
    readApproveActionInputs(options, { AWS_REGION: 'us-east-1', GITHUB_SHA: 'a'.repeat(40) }),
};

/** Values for the required inputs, so that every reader reads on to the end. */
const GIVEN: Record<string, string> = {
  'project-name': 'web',
  'pipeline-name': 'deploy',
  decision: 'approve',
};

function readsOf(specs: readonly OptionSpec[], read: (options: OptionReader) => unknown): string[] {
  const names = new Set<string>();
  const source = {
    get: (name: string) => (names.add(name), GIVEN[name]),
  };
  read(
    new OptionReader(
      specs.filter((spec) => !spec.cliOnly),
      source,
    ),
  );
  return [...names].sort();
}

describe.each(ACTIONS.map((action) => [action.bundle, action] as const))(
  'the %s Action',
  (bundle, action) => {
    it('reads every input its action.yml declares, and nothing else', () => {
      const reader = READERS[bundle];
      expect(reader).toBeDefined();
      for (const folder of action.folders) {
        const declared = parse(readFileSync(join(ROOT, folder, 'action.yml'), 'utf8')) as {
          inputs: Record<string, unknown>;
          runs: { using: string; main: string };
        };
        expect(readsOf(action.options, reader!)).toEqual(Object.keys(declared.inputs).sort());
        expect(declared.runs).toEqual({
          using: 'node24',
          main: join(folder ? '../..' : '', 'dist', bundle, 'index.js'),
        });
      }
    });
  },
);
