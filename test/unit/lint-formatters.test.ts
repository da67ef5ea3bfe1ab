import type { Finding } from '../../src/lint/finding.js';
import { annotation } from '../../src/lint/formatters/github-format.js';
import { escapeData, escapeProperty } from '../../src/util/workflow-commands.js';
import { formatReport } from '../../src/lint/formatters/index.js';
import type { LintReport } from '../../src/lint/lint-engine.js';

const finding: Finding = {
  file: 'ci/build,1:x.yml',
  line: 5,
  column: 9,
  endLine: 5,
  endColumn: 18,
  rule: 'buildspec/yaml-colon-space',
  severity: 'error',
  message: 'contains ": " at 100%\nquote it',
};
const report: LintReport = {
  files: [{ path: 'ci/build,1:x.yml', kind: 'buildspec' }],
  findings: [
    finding,
    { ...finding, line: 7, severity: 'warning', rule: 'buildspec/bash-syntax', message: 'bash' },
  ],
  counts: { errors: 1, warnings: 1 },
  skipped: [],
};

describe('GitHub annotations', () => {
  it('writes a workflow command with the position and the rule as title', () => {
    expect(annotation({ ...finding, file: 'buildspec.yml', message: 'plain' })).toBe(
      '::error file=buildspec.yml,line=5,col=9,endLine=5,endColumn=18,title=buildspec/yaml-colon-space::plain',
    );
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    expect(annotation(finding)).toBe(
      '::error file=ci/build%2C1%3Ax.yml,line=5,col=9,endLine=5,endColumn=18,title=buildspec/yaml-colon-space::contains ": " at 100%25%0Aquote it',
    );
  });

  it('uses ::warning for warnings and ends with a summary line', () => {
    const lines = formatReport(report, 'github').trimEnd().split('\n');
    expect(lines[1]).toMatch(/^::warning file=/);
    expect(lines[2]).toBe('1 error and 1 warning in 1 file.');
  });
});

describe('text and JSON output', () => {
  it('prints file:line:col severity rule message, then the counts', () => {
    const text = formatReport(
      {
        ...report,
        findings: [{ ...finding, message: 'one line' }],
        counts: { errors: 1, warnings: 0 },
      },
      'text',
    );
    expect(text).toBe(
      'ci/build,1:x.yml:5:9 error buildspec/yaml-colon-space one line\n\n1 error and 0 warnings in 1 file.\n',
    );
  });

  it('says so when a clean run found nothing, and when it found no files', () => {
    expect(
      formatReport(
        { files: report.files, findings: [], counts: { errors: 0, warnings: 0 }, skipped: [] },
        'text',
      ),
    ).toBe('No problems found in 1 file.\n');
    expect(
      formatReport(
        { files: [], findings: [], counts: { errors: 0, warnings: 0 }, skipped: [] },
        'text',
      ),
    ).toBe('No buildspec or appspec files found.\n');
  });

  it('writes JSON with files, counts and findings', () => {
    const parsed = JSON.parse(formatReport(report, 'json')) as Record<string, unknown>;
    expect(parsed).toEqual({
      files: report.files,
      skipped: [],
      errors: 1,
      warnings: 1,
      findings: report.findings,
    });
  });

  it('accounts for skipped files: notable ones always, the rest with --verbose, the count always', () => {
    const withSkipped = {
      ...report,
      findings: [],
      counts: { errors: 0, warnings: 0 },
      skipped: [
        { path: 'buildspec.yml', reason: 'not a CodeBuild buildspec: x.', notable: true },
        { path: 'k8s/a.yml', reason: 'not a buildspec.', notable: false },
      ],
    };
    expect(formatReport(withSkipped, 'text')).toBe(
      'buildspec.yml: skipped: not a CodeBuild buildspec: x.\n\nNo problems found in 1 file; 2 files skipped (--verbose lists them).\n',
    );
    expect(formatReport(withSkipped, 'text', { verbose: true })).toContain(
      'k8s/a.yml: skipped: not a buildspec.',
    );
    expect(formatReport(withSkipped, 'github')).toContain(
      '::notice file=buildspec.yml,title=lint/skipped::Skipped: not a CodeBuild buildspec: x.',
    );
    expect(JSON.parse(formatReport(withSkipped, 'json')).skipped).toEqual([
      { path: 'buildspec.yml', reason: 'not a CodeBuild buildspec: x.' },
      { path: 'k8s/a.yml', reason: 'not a buildspec.' },
    ]);
  });
});
