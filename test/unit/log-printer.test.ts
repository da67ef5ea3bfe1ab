import { announcesEnd, parseAgentLine } from '../../src/codebuild/agent-lines.js';
import { LogPrinter } from '../../src/codebuild/log-printer.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

const agent = (text: string) => `[Container] 2026/11/27 12:00:01.234567 ${text}`;

describe('agent lines', () => {
  it('recognises phase starts and completions', () => {
    expect(parseAgentLine(agent('Entering phase BUILD'))).toEqual({
      kind: 'entering',
      phase: 'BUILD',
    });
    expect(parseAgentLine(agent('Phase is DOWNLOAD_SOURCE'))).toEqual({
      kind: 'entering',
      phase: 'DOWNLOAD_SOURCE',
    });
    expect(parseAgentLine(agent('Phase complete: BUILD State: FAILED'))).toEqual({
      kind: 'complete',
      phase: 'BUILD',
      state: 'FAILED',
    });
    expect(parseAgentLine(agent('Phase context status code:  Message: '))).toEqual({
      kind: 'context',
    });
    expect(parseAgentLine('echo Entering phase BUILD')).toBeUndefined();
  });

  it('knows which lines announce the end of a build', () => {
    const end = (text: string) => announcesEnd(parseAgentLine(agent(text))!);
    expect(end('Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED')).toBe(true);
    expect(end('Phase complete: PRE_BUILD State: FAILED')).toBe(true);
    expect(end('Phase complete: BUILD State: FAILED')).toBe(false);
    expect(end('Phase complete: PRE_BUILD State: SUCCEEDED')).toBe(false);
  });
});

describe('log printer', () => {
  it('opens one group per phase, following the agent lines, and prints every line once', () => {
    const logger = new RecordingLogger();
    const printer = new LogPrinter(logger);
    printer.print([
      agent('Running on CodeBuild On-demand'),
      agent('Phase is DOWNLOAD_SOURCE'),
      'cloning',
    ]);
    printer.print([
      agent('Entering phase BUILD'),
      'make',
      agent('Entering phase BUILD'),
      'still build',
    ]);
    printer.close();
    expect(logger.entries).toEqual([
      'group:Phase PROVISIONING',
      `log:${agent('Running on CodeBuild On-demand')}`,
      'endGroup:',
      'group:Phase DOWNLOAD_SOURCE',
      `log:${agent('Phase is DOWNLOAD_SOURCE')}`,
      'log:cloning',
      'endGroup:',
      'group:Phase BUILD',
      `log:${agent('Entering phase BUILD')}`,
      'log:make',
      `log:${agent('Entering phase BUILD')}`,
      'log:still build',
      'endGroup:',
    ]);
    expect(printer.lines).toBe(7);
  });
});
