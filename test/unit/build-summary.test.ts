import type { Build } from '@aws-sdk/client-codebuild';
import { buildSummaryMarkdown, timelineBar } from '../../src/codebuild/build-summary.js';

const t0 = Date.parse('2026-11-27T12:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);

const failed: Build = {
  id: 'web:uuid',
  projectName: 'web',
  buildNumber: 7,
  buildStatus: 'FAILED',
  startTime: at(0),
  endTime: at(100),
  sourceVersion: 'main',
  resolvedSourceVersion: 'abcdef1234567890abcdef1234567890abcdef12',
  phases: [
    { phaseType: 'PROVISIONING', phaseStatus: 'SUCCEEDED', startTime: at(0), endTime: at(10) },
    {
      phaseType: 'BUILD',
      phaseStatus: 'FAILED',
      startTime: at(10),
      endTime: at(90),
      contexts: [{ message: 'Error while executing command: npm test. Reason: exit status 1' }],
    },
    { phaseType: 'FINALIZING', phaseStatus: 'SUCCEEDED', startTime: at(90), endTime: at(100) },
    { phaseType: 'COMPLETED', startTime: at(100) },
  ],
  exportedEnvironmentVariables: [{ name: 'IMAGE_URI', value: 'x|y' }],
};

describe('job summary', () => {
  it('draws a bar proportional to the phase and offset by its start', () => {
    expect(timelineBar(0, 50, 100, 10)).toBe('█████░░░░░');
    expect(timelineBar(50, 50, 100, 10)).toBe('░░░░░█████');
    expect(timelineBar(99, 0, 100, 10)).toBe('░░░░░░░░░█');
  });

  it('shows result, duration, source, links, one row per phase with its failure context, and exported variables', () => {
    const markdown = buildSummaryMarkdown(
      failed,
      { consoleUrl: 'https://console/x', logsUrl: 'https://logs/x' },
      t0,
    );
    expect(markdown).toContain(
      '### ❌ web: Build #7 failed in BUILD after 1m 40s: npm test (exit status 1)',
    );
    expect(markdown).toContain(
      '| FAILED | 1m 40s | `main` → `abcdef123456` | [Build #7](https://console/x) · [log](https://logs/x) |',
    );
    expect(markdown).toContain(
      '| PROVISIONING | ✅ SUCCEEDED | 10s | `███░░░░░░░░░░░░░░░░░░░░░░░░░░░` |  |',
    );
    expect(markdown).toContain(
      '| BUILD | ❌ FAILED | 1m 20s | `░░░████████████████████████░░░` | npm test (exit status 1) |',
    );
    expect(markdown).not.toContain('| COMPLETED |');
    expect(markdown).toContain('| IMAGE_URI | `x\\|y` |');
  });

  it('takes secrets out before escaping, so that a secret with Markdown characters is still hidden', () => {
    const secret = 'p4ss|w0rd&<x>*_';
    const leaky: Build = {
      ...failed,
      phases: [
        {
          phaseType: 'BUILD',
          phaseStatus: 'FAILED',
          startTime: at(10),
          endTime: at(90),
          contexts: [
            { message: `Error while executing command: login ${secret}. Reason: exit status 1` },
          ],
        },
      ],
      exportedEnvironmentVariables: [{ name: 'TOKEN', value: secret }],
    };
    const redact = (text: string) => text.split(secret).join('***');
    const markdown = buildSummaryMarkdown(leaky, {}, t0, 'web', redact);
    expect(markdown).toContain('login \\*\\*\\* (exit status 1)');
    expect(markdown).toContain('| TOKEN | `***` |');
    for (const piece of ['p4ss', 'w0rd']) expect(markdown).not.toContain(piece);
  });
});
