import {
  escapeData,
  escapeProperty,
  readsAsCommand,
  shielded,
  workflowCommand,
} from '../../src/util/workflow-commands.js';
import { WorkflowCommandLogger } from '../../src/util/workflow-command-logger.js';
import { obeyedLines } from '../helpers/workflow-commands.js';

describe('workflow commands', () => {
  it('escapes data and properties as the runner unescapes them', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    expect(workflowCommand('warning', 'a\nb', { file: 'x:y', line: 3, col: undefined })).toBe(
      '::warning file=x%3Ay,line=3::a%0Ab',
    );
  });

  it.each([
    ['::warning::x', true],
    ['   ::error::indented', true],
    ['first\n::add-mask::second line', true],
    ['first\r::add-mask::after a carriage return', true],
    ['text ##[error]legacy anywhere in a line', true],
    ['a :: in the middle', false],
    ['plain', false],
  ])('reads %j as a command: %s', (text, expected) => {
    expect(readsAsCommand(text)).toBe(expected);
  });

  it('shields text with a fresh token each time', () => {
    const a = shielded('::warning::x');
    const b = shielded('::warning::x');
    expect(a).not.toBe(b);
    expect(obeyedLines(a)).toEqual([]);
  });
});

describe('WorkflowCommandLogger', () => {
  function logger() {
    let out = '';
    return { log: new WorkflowCommandLogger((text) => void (out += text)), out: () => out };
  }

  it('prints plain messages as they are and shields only those that would read as commands', () => {
    const { log, out } = logger();
    log.info('Started Build #1');
    log.info('quoting a file:\n::warning::from the file');
    expect(out().startsWith('Started Build #1\n::stop-commands::')).toBe(true);
    expect(obeyedLines(out())).toEqual([]);
  });

  it('escapes warnings and errors, masks once, and redacts every way out', () => {
    const { log, out } = logger();
    log.mask('s3cr3t-value');
    log.mask('s3cr3t-value');
    log.warn('bad s3cr3t-value\n::error::x');
    log.buildLog(['echo s3cr3t-value']);
    expect(log.redact('s3cr3t-value in a status')).toBe('*** in a status');
    const lines = out().split('\n');
    expect(lines.filter((line) => line.startsWith('::add-mask::'))).toEqual([
      '::add-mask::s3cr3t-value',
    ]);
    expect(lines).toContain('::warning::bad ***%0A::error::x');
    expect(out()).toContain('\necho ***\n');
  });

  it('closes an open group before the next one, and ends one only when open', () => {
    const { log, out } = logger();
    log.endGroup();
    log.group('Phase BUILD');
    log.group('Phase POST_BUILD');
    log.endGroup();
    expect(out()).toBe(
      '::group::Phase BUILD\n::endgroup::\n::group::Phase POST_BUILD\n::endgroup::\n',
    );
  });
});
