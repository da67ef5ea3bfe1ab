/**
 * The job summary of a build: result, duration, source version, a phase table with a
 * proportional timeline bar per phase (a Gantt chart in text, readable at a glance), links and
 * exported variables. Used for remote and local builds alike.
 */
import type { Build } from '@aws-sdk/client-codebuild';
import { buildDurationMs, buildLabel, describeBuild, failureReason } from './build-outcome.js';
import { formatDuration } from '../util/duration.js';
import { markdownCell, markdownCodeCell, markdownUrl } from '../util/markdown.js';

export interface SummaryLinks {
  readonly consoleUrl?: string | undefined;
  readonly logsUrl?: string | undefined;
}

const BAR_WIDTH = 30;
export const ICONS: Readonly<Record<string, string>> = {
  SUCCEEDED: '✅',
  FAILED: '❌',
  FAULT: '💥',
  TIMED_OUT: '⏱️',
  STOPPED: '⏹️',
  IN_PROGRESS: '⏳',
};

export function timelineBar(
  offsetMs: number,
  durationMs: number,
  totalMs: number,
  width = BAR_WIDTH,
): string {
  if (totalMs <= 0) return '░'.repeat(width);
  const start = Math.min(width - 1, Math.floor((offsetMs / totalMs) * width));
  const length = Math.max(1, Math.min(width - start, Math.round((durationMs / totalMs) * width)));
  return '░'.repeat(start) + '█'.repeat(length) + '░'.repeat(width - start - length);
}

/**
 * `redact` takes the secrets out of each value before it is escaped as Markdown: escaping first
 * would change a secret's text (`|` to `\|`) so that it no longer matches.
 */
export function buildSummaryMarkdown(
  build: Build,
  links: SummaryLinks,
  now: number,
  title = build.projectName ?? 'CodeBuild',
  redact: (text: string) => string = (text) => text,
): string {
  const cell = (text: string) => markdownCell(redact(text));
  const code = (text: string) => markdownCodeCell(redact(text));
  const status = build.buildStatus ?? 'IN_PROGRESS';
  const total = buildDurationMs(build, now);
  const lines = [
    `### ${ICONS[status] ?? '❔'} ${cell(title)}: ${cell(describeBuild(build, now))}`,
    '',
    '| Result | Duration | Source version | Build |',
    '|---|---|---|---|',
    `| ${status} | ${formatDuration(total)} | ${sourceCell(build, code)} | ${buildCell(build, links, cell)} |`,
    '',
  ];
  const phases = (build.phases ?? []).filter((phase) => phase.phaseType !== 'COMPLETED');
  if (phases.length > 0) {
    const start = build.startTime?.getTime() ?? phases[0]?.startTime?.getTime() ?? now;
    lines.push('| Phase | Status | Duration | Timeline | Context |', '|---|---|--:|---|---|');
    for (const phase of phases) {
      const phaseStart = phase.startTime?.getTime() ?? start;
      const phaseEnd = phase.endTime?.getTime() ?? (phase.phaseStatus ? phaseStart : now);
      const phaseStatus = phase.phaseStatus ?? 'IN_PROGRESS';
      const context = phaseStatus === 'SUCCEEDED' ? '' : (failureReason(phase) ?? '');
      lines.push(
        `| ${phase.phaseType ?? ''} | ${ICONS[phaseStatus] ?? ''} ${phaseStatus} | ${formatDuration(phaseEnd - phaseStart)} | \`${timelineBar(phaseStart - start, phaseEnd - phaseStart, total)}\` | ${cell(context)} |`,
      );
    }
    lines.push('');
  }
  const exported = (build.exportedEnvironmentVariables ?? []).filter((variable) => variable.name);
  if (exported.length > 0) {
    lines.push(
      '<details><summary>Exported variables</summary>',
      '',
      '| Name | Value |',
      '|---|---|',
    );
    for (const variable of exported)
      lines.push(`| ${cell(variable.name ?? '')} | ${code(variable.value ?? '')} |`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}

function sourceCell(build: Build, code: (text: string) => string): string {
  const requested = build.sourceVersion;
  const resolved = build.resolvedSourceVersion;
  if (!requested && !resolved) return 'project default';
  if (requested && resolved && requested !== resolved)
    return `${code(requested)} → ${code(resolved.slice(0, 12))}`;
  return code((resolved ?? requested ?? '').slice(0, 40));
}

function buildCell(build: Build, links: SummaryLinks, cell: (text: string) => string): string {
  const label = buildLabel(build);
  const parts = [
    links.consoleUrl ? `[${cell(label)}](${markdownUrl(links.consoleUrl)})` : cell(label),
  ];
  if (links.logsUrl) parts.push(`[log](${markdownUrl(links.logsUrl)})`);
  return parts.join(' · ');
}
