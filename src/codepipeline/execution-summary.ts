/** The job summary of a pipeline execution: its end, and a row per stage with its actions. */
import { endDescription, type StatusContext } from './execution-status.js';
import type { ExecutionView } from './execution-view.js';
import { formatDuration } from '../util/duration.js';
import { markdownCell, markdownUrl } from '../util/markdown.js';

const ICONS: Readonly<Record<string, string>> = {
  Succeeded: '✅',
  Failed: '❌',
  InProgress: '⏳',
  NotStarted: '⏸️',
  Stopped: '⏹️',
};

export function executionSummary(
  pipelineName: string,
  view: ExecutionView,
  context: StatusContext,
  commit: string | undefined,
): string {
  const status = context.ending ? 'InProgress' : view.status;
  const heading = `### ${ICONS[status] ?? '⏹️'} Pipeline ${markdownCell(pipelineName)}: ${markdownCell(status)}`;
  const line = markdownCell(context.ending?.why ?? endDescription(view, context));
  const links = [`[Execution ${view.id} in the CodePipeline console](${markdownUrl(context.url)})`];
  if (commit) links.push(`commit \`${commit.slice(0, 12)}\``);
  const rows = view.stages.map((stage) => {
    const took =
      stage.startedAt !== undefined
        ? formatDuration((stage.endedAt ?? context.now) - stage.startedAt)
        : '';
    const actions = stage.actions
      .map((action) => {
        const name = action.url
          ? `[${markdownCell(action.name)}](${markdownUrl(action.url)})`
          : markdownCell(action.name);
        const summary = action.summary ? `: ${markdownCell(action.summary.slice(0, 200))}` : '';
        return `${name} ${markdownCell(action.status)}${summary}`;
      })
      .join('<br>');
    return `| ${markdownCell(stage.name)} | ${ICONS[stage.progress] ?? ''} ${stage.progress} | ${took} | ${actions} |`;
  });
  return [
    heading,
    '',
    line,
    '',
    links.join(' · '),
    '',
    '| Stage | Status | Took | Actions |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
