import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { cliContext } from '../helpers/cli-context.js';
import { lintCommand } from '../../src/cli/commands/lint.js';
import { LINT_OPTIONS, LINT_OUTPUTS, readLintSettings } from '../../src/lint/lint-options.js';
import type { Logger } from '../../src/util/logger.js';
import { mapSource, OptionReader } from '../../src/util/options.js';

const CLEAN = 'version: 0.2\nphases:\n  build:\n    commands: [make]\n';
const WARNING_ONLY =
  'version: 0.2\nenv:\n  variables:\n    VERBOSE: yes\nphases:\n  build:\n    commands: [make]\n';
const ERROR = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo a: b\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lint-command-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function runLintCli(
  positionals: string[],
  flags: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
) {
  let out = '';
  const warnings: string[] = [];
  const logger: Logger = {
    info: () => {},
    warn: (message) => void warnings.push(message),
    error: () => {},
    debug: () => {},
    group: () => {},
    endGroup: () => {},
    buildLog: () => {},
    mask: () => {},
    redact: (text) => text,
  };
  const code = await lintCommand.run({
    ...cliContext(LINT_OPTIONS, flags, {
      env,
      logger,
      cwd: root,
      stdout: (text) => void (out += text),
    }),
    positionals,
  });
  return { code, out, warnings };
}

describe('buildbridge lint', () => {
  it('exits 1 when any finding is an error', async () => {
    write('buildspec.yml', ERROR);
    const { code, out } = await runLintCli([]);
    expect(code).toBe(1);
    expect(out).toContain('buildspec.yml:5:9 error buildspec/yaml-colon-space');
  });

  it('exits 0 when there are only warnings', async () => {
    write('buildspec.yml', WARNING_ONLY);
    const { code, out } = await runLintCli(['buildspec.yml']);
    expect(code).toBe(0);
    expect(out).toContain('0 errors and 1 warning in 1 file.');
  });

  it('exits 0 and warns when it finds no file to lint', async () => {
    write('README.md', '# nothing here\n');
    const { code, warnings } = await runLintCli(['.']);
    expect(code).toBe(0);
    expect(warnings).toEqual([
      'lint: no buildspec or appspec files found in .; nothing was checked.',
    ]);
  });

  it('prints annotations by default on GitHub Actions, and text elsewhere', async () => {
    write('buildspec.yml', ERROR);
    expect((await runLintCli([], {}, { GITHUB_ACTIONS: 'true' })).out).toMatch(
      /^::error file=buildspec.yml,line=5,col=9/,
    );
    expect((await runLintCli([], {}, {})).out).toMatch(/^buildspec.yml:5:9 error/);
  });

  it('prints JSON for tools when asked', async () => {
    write('a/buildspec.yml', CLEAN);
    write('b/buildspec.yml', ERROR);
    const { out, code } = await runLintCli(['a', 'b'], { format: 'json' });
    const parsed = JSON.parse(out) as {
      files: unknown[];
      errors: number;
      findings: { file: string; rule: string }[];
    };
    expect(code).toBe(1);
    expect(parsed.files).toHaveLength(2);
    expect(parsed.errors).toBe(1);
    expect(parsed.findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      'b/buildspec.yml buildspec/yaml-colon-space',
    ]);
  });
});

describe('lint settings', () => {
  const reader = (values: Record<string, string>) =>
    new OptionReader(LINT_OPTIONS, mapSource(values));

  it('takes paths from the arguments, else from the paths option, else "."', () => {
    expect(readLintSettings(reader({ paths: 'x' }), ['a', 'b'], {}, '/w').paths).toEqual([
      'a',
      'b',
    ]);
    expect(readLintSettings(reader({ paths: 'x\n\n y \n' }), [], {}, '/w').paths).toEqual([
      'x',
      'y',
    ]);
    expect(readLintSettings(reader({}), [], {}, '/w').paths).toEqual(['.']);
  });

  it('rejects an unknown format, naming the accepted ones', () => {
    expect(() => readLintSettings(reader({ format: 'sarif' }), [], {}, '/w')).toThrow(
      'input "format" got "sarif", which is not one of: text, github, json.',
    );
  });
});

describe('actions/lint/action.yml', () => {
  const action = parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'actions', 'lint', 'action.yml'), 'utf8'),
  ) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  it('declares exactly the lint options, with the same defaults', () => {
    const specs = LINT_OPTIONS.filter((spec) => !spec.cliOnly);
    expect(Object.keys(action.inputs)).toEqual(specs.map((spec) => spec.name));
    for (const spec of specs) expect(action.inputs[spec.name]?.default).toBe(spec.default);
  });

  it('declares the outputs the entry sets and runs the lint bundle on node24', () => {
    expect(Object.keys(action.outputs)).toEqual(Object.keys(LINT_OUTPUTS));
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/lint/index.js' });
  });
});
