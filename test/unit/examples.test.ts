/** The examples people copy use only inputs and flags that exist, and every required one. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTIONS } from '../../src/actions/catalog.js';
import { parseArgs } from '../../src/cli/args.js';
import { commands } from '../../src/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '../..');

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function actionFolder(uses: string): string | undefined {
  const match = /^OWNER\/buildbridge(?:\/(actions\/[a-z-]+))?@v1$/.exec(uses);
  return match ? (match[1] ?? '') : undefined;
}

describe('examples', () => {
  const workflows = readdirSync(join(ROOT, 'examples/github')).map((name) =>
    join('examples/github', name),
  );

  it.each(workflows)(
    '%s gives buildbridge actions only declared inputs, and every required one',
    (file) => {
      const workflow = parse(readFileSync(join(ROOT, file), 'utf8')) as {
        jobs: Record<string, { steps: Step[] }>;
      };
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      const ours = steps.filter((step) => step.uses && actionFolder(step.uses) !== undefined);
      expect(ours.length).toBeGreaterThan(0);
      for (const step of ours) {
        const folder = actionFolder(step.uses!)!;
        const action = parse(readFileSync(join(ROOT, folder, 'action.yml'), 'utf8')) as {
          inputs: Record<string, { required: boolean }>;
        };
        expect(ACTIONS.some((declared) => declared.folders.includes(folder))).toBe(true);
        const given = Object.keys(step.with ?? {});
        expect(given.filter((name) => !(name in action.inputs))).toEqual([]);
        const required = Object.entries(action.inputs)
          .filter(([, input]) => input.required)
          .map(([name]) => name);
        expect(required.filter((name) => !given.includes(name))).toEqual([]);
      }
    },
  );

  it('bitbucket-pipelines.yml calls the CLI with commands and flags it has', () => {
    const text = readFileSync(join(ROOT, 'examples/bitbucket-pipelines.yml'), 'utf8');
    const calls = [...text.matchAll(/buildbridge (\S+)(.*)$/gm)];
    expect(calls.length).toBeGreaterThan(0);
    for (const [, name, rest] of calls) {
      const command = commands.find((candidate) => candidate.name === name);
      expect(command).toBeDefined();
      const argv = [...rest!.matchAll(/"[^"]*"|\S+/g)].map((m) => m[0].replace(/^"|"$/g, ''));
      expect(() => parseArgs(argv, command!.options)).not.toThrow();
    }
  });
});
