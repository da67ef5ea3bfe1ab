/** The examples people copy use only inputs and flags that exist, and every required one. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTIONS } from '../../src/actions/catalog.js';
import { parseCommandArgs } from '../../src/cli/args.js';
import { commands } from '../../src/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '../..');
const BITBUCKET_EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((name) => /^bitbucket-pipelines.*\.yml$/.test(name))
  .map((name) => `examples/${name}`);

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function actionFolder(uses: string): string | undefined {
  const match = /^OWNER\/buildbridge(?:\/(actions\/[a-z-]+))?@v1$/.exec(uses);
  return match ? (match[1] ?? '') : undefined;
}

/** Every `run:` script of the workflows in examples/ and in the README's YAML blocks. */
function runScripts(): { where: string; script: string }[] {
  const found: { where: string; script: string }[] = [];
  const visit = (where: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(where, item));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        if (key === 'run' && typeof item === 'string') found.push({ where, script: item });
        else visit(where, item);
      }
  };
  for (const name of readdirSync(join(ROOT, 'examples/github')))
    visit(name, parse(readFileSync(join(ROOT, 'examples/github', name), 'utf8')));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const [, block] of readme.matchAll(/```ya?ml\n([\s\S]*?)```/g))
    visit('README.md', parse(block!));
  return found;
}

describe('examples', () => {
  it('never paste an expression into a run: script (values go through env:)', () => {
    const scripts = runScripts();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter(({ script }) => script.includes('${{'))).toEqual([]);
  });

  // The one package name the project ships (package.json), pinned to a version; any other
  // `npx … buildbridge` would run whatever someone else published under that name.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
  const ours = new RegExp(
    `^npx --yes ${pkg.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}@\\d+\\.\\d+\\.\\d+(?:[\\s"']|$)`,
  );

  it('name the package people install as package.json does', () => {
    expect(pkg.name).toBe('@buildbridge/cli');
    expect(ours.test('npx --yes @buildbridge/cli@0.1.0 --version')).toBe(true);
    expect(ours.test('npx buildbridge lint')).toBe(false);
    expect(ours.test('npx --yes @buildbridge/cli lint')).toBe(false);
    expect(ours.test('npx --yes @buildbridge/clix@0.1.0 lint')).toBe(false);
  });

  it('never tell people to run a package nobody has published', () => {
    const texts = [
      'README.md',
      'buildspecs/README.md',
      ...BITBUCKET_EXAMPLES,
      ...readdirSync(join(ROOT, 'examples/github')).map((name) => `examples/github/${name}`),
    ].map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const);
    for (const [file, text] of texts)
      expect({
        file,
        npx: (text.match(/npx[^\n]*buildbridge[^\n]*/g) ?? []).filter((line) => !ours.test(line)),
      }).toEqual({
        file,
        npx: [],
      });
  });

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

  it.each(BITBUCKET_EXAMPLES)('%s calls the CLI with commands and flags it has', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const calls = [...text.matchAll(/\$BUILDBRIDGE (\S+)(.*)$/gm)];
    expect(calls.length).toBeGreaterThan(0);
    for (const [, name, rest] of calls) {
      const command = commands.find((candidate) => candidate.name === name);
      expect(command).toBeDefined();
      const argv = [...rest!.matchAll(/"[^"]*"|\S+/g)].map((m) => m[0].replace(/^"|"$/g, ''));
      expect(() =>
        parseCommandArgs(argv, command!.options, {
          usage: `buildbridge ${command!.name}`,
          positionals: command!.positionals ?? false,
        }),
      ).not.toThrow();
    }
  });
});
