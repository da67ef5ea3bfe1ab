/**
 * UPLOAD_ARTIFACTS for a local build: checks the report files, then copies the primary and
 * secondary artifacts to the output folder. The first artifact that selects nothing fails the
 * phase with CLIENT_ERROR, as in CodeBuild; report problems are logged but fail nothing.
 */
import type { PhaseContext } from '@aws-sdk/client-codebuild';
import type { Buildspec } from '../model.js';
import { agentMessages, type AgentLog } from './agent-log.js';
import { copyArtifact, type LocalArtifact } from './artifacts.js';
import type { PhaseOutcome } from './phase-plan.js';
import { checkReportGroup, describeReport, type LocalReport } from './reports.js';

export interface UploadResult {
  readonly outcome: PhaseOutcome;
  readonly context: PhaseContext;
  readonly artifacts: readonly LocalArtifact[];
  readonly reports: readonly LocalReport[];
  readonly warnings: readonly string[];
}

export interface UploadPlace {
  readonly sourceDir: string;
  readonly outputDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly agent: AgentLog;
}

export async function uploadArtifacts(
  buildspec: Buildspec,
  place: UploadPlace,
): Promise<UploadResult> {
  const { agent } = place;
  agent.write(agentMessages.enteringPhase('UPLOAD_ARTIFACTS'));
  const reports: LocalReport[] = [];
  for (const group of buildspec.reports) {
    const report = await checkReportGroup(group, place.sourceDir, [place.outputDir]);
    agent.write(`Report ${report.status}: ${describeReport(report)}`);
    reports.push(report);
  }

  const artifacts: LocalArtifact[] = [];
  const warnings: string[] = [];
  const sets = buildspec.artifacts
    ? [
        ...(buildspec.artifacts.files.length > 0
          ? [{ identifier: 'primary', set: buildspec.artifacts }]
          : []),
        ...Object.entries(buildspec.artifacts.secondaryArtifacts).map(([identifier, set]) => ({
          identifier,
          set,
        })),
      ]
    : [];
  let context: PhaseContext = { statusCode: '', message: '' };
  for (const { identifier, set } of sets) {
    const copy = await copyArtifact(set, identifier, {
      ...place,
      log: (message) => agent.write(message),
    });
    if (!copy.ok) {
      context = { statusCode: copy.statusCode, message: copy.message };
      break;
    }
    artifacts.push(copy.artifact);
    warnings.push(...copy.warnings);
    agent.write(
      `Copied ${copy.artifact.files.length} file(s) of artifact ${identifier} to ${copy.artifact.directory}`,
    );
  }
  const outcome: PhaseOutcome = context.statusCode ? 'FAILED' : 'SUCCEEDED';
  agent.write(agentMessages.phaseComplete('UPLOAD_ARTIFACTS', outcome));
  agent.write(agentMessages.phaseContext(context.statusCode ?? '', context.message ?? ''));
  return { outcome, context, artifacts, reports, warnings };
}
