import { StatusLine } from '../../src/cli/status-line.js';

describe('CLI live status line', () => {
  it('shows the build and the phase from the log, redraws in place and clears before other output', () => {
    const written: string[] = [];
    const line = new StatusLine((text) => written.push(text));
    line.start();
    line.update({
      type: 'status',
      buildId: 'web:1',
      build: { buildNumber: 4, currentPhase: 'PROVISIONING' },
    });
    line.update({
      type: 'log',
      buildId: 'web:1',
      lines: ['[Container] 2026/11/27 12:00:01.234567 Entering phase BUILD'],
    });
    line.clear();
    line.update({
      type: 'end',
      buildId: 'web:1',
      build: { buildNumber: 4, buildStatus: 'SUCCEEDED' },
      final: true,
    });
    expect(written).toEqual([
      '⏳ Build #4 · PROVISIONING · 0s',
      '\r\x1b[2K',
      '⏳ Build #4 · BUILD · 0s',
      '\r\x1b[2K',
    ]);
  });

  it('draws nothing once stopped', () => {
    const written: string[] = [];
    const line = new StatusLine((text) => written.push(text));
    line.update({ type: 'status', buildId: 'web:1', build: { buildNumber: 1 } });
    expect(written).toEqual([]);
  });
});
