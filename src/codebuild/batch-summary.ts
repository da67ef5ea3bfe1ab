/**
 * The job summary of a batch: a table of members (identifier, status, duration, failing phase
 * and its context, link) above the full summary (phases, timeline) of each failed member.
 */
import type { BuildBatch } from '@aws-sdk/client-codebuild';
import { batchConsoleUrl, consoleUrl, logsUrl } from './links.js';
import { batchDurationMs, batchLabel, describeBatch } from './batch-outcome.js';
import { DOWNLOAD_SOURCE, type BatchMember } from './batch-watcher.js';
import { buildDurationMs, buildLabel, failedPhase, failureReason } from './build-outcome.js';
import { ICONS, buildSummaryMarkdown } from './build-summary.js';
import { formatDuration } from '../util/duration.js';
import { markdownCell, markdownUrl } from '../util/markdown.js';

export function batchSummaryMarkdown(
  batch: BuildBatch,
  members: readonly BatchMember[],
  region: string,
  now: number,
  /** Members CodeBuild stopped because another failed (fast-fail), not because of a cancel. */
  stoppedByFastFail: ReadonlySet<string>,
  redact: (text: string) => string = (text) => text,
): string {
  const cell = (text: string) => markdownCell(redact(text));
  const status = batch.buildBatchStatus ?? 'IN_PROGRESS';
  const shown = members.filter(
    (member) => member.identifier !== DOWNLOAD_SOURCE || member.build?.buildStatus !== 'SUCCEEDED',
  );
  const lines = [
    `### ${ICONS[status] ?? '❔'} ${cell(batch.projectName ?? 'CodeBuild')}: ${cell(describeBatch(batch, shown, now))}`,
    '',
    `[${cell(batchLabel(batch))}](${markdownUrl(batchConsoleUrl(batch, region))}) · ${formatDuration(batchDurationMs(batch, now))}`,
    '',
    '| Member | Status | Duration | Failed phase | Context | Build |',
    '|---|---|--:|---|---|---|',
  ];
  for (const member of shown) {
    const build = member.build;
    const memberStatus = build?.buildStatus ?? (member.neverStarted ? 'NOT STARTED' : 'PENDING');
    const notes = [
      member.ignoreFailure ? 'ignore-failure' : '',
      stoppedByFastFail.has(member.identifier) ? 'stopped by fast-fail' : '',
    ].filter(Boolean);
    const phase = build ? failedPhase(build) : undefined;
    const link = build
      ? `[${cell(buildLabel(build))}](${markdownUrl(consoleUrl(build, region))})`
      : '';
    lines.push(
      `| ${cell(member.identifier)} | ${ICONS[memberStatus] ?? '⏸️'} ${memberStatus}${notes.length ? ` (${notes.join(', ')})` : ''} | ${build ? formatDuration(buildDurationMs(build, now)) : ''} | ${phase?.phaseType ?? ''} | ${cell(failureReason(phase) ?? '')} | ${link} |`,
    );
  }
  lines.push('');
  for (const member of shown) {
    const build = member.build;
    if (!build || build.buildStatus === 'SUCCEEDED' || !build.buildStatus) continue;
    if (build.buildStatus === 'IN_PROGRESS') continue;
    lines.push(
      buildSummaryMarkdown(
        build,
        { consoleUrl: consoleUrl(build, region), logsUrl: logsUrl(build) },
        now,
        member.identifier,
        redact,
      ),
    );
  }
  return lines.join('\n');
}
