/**
 * Records a local build as the AWS SDK's `Build` object (phases with times, durations and
 * contexts, status, exported variables), so that the summary and final-line code written for
 * remote builds renders local builds unchanged.
 */
import type {
  Build,
  BuildPhase,
  BuildPhaseType,
  PhaseContext,
  StatusType,
} from '@aws-sdk/client-codebuild';
import type { Clock } from '../../util/clock.js';
import type { BuildIdentity } from './build-environment.js';

export const LOCAL_PROJECT_NAME = 'local';

export class BuildRecord {
  private readonly phases: BuildPhase[] = [];
  private current: BuildPhase | undefined;
  private status: StatusType = 'IN_PROGRESS';
  private endTime: Date | undefined;
  private exported: Array<{ name: string; value: string }> = [];

  constructor(
    private readonly identity: BuildIdentity,
    private readonly clock: Clock,
  ) {}

  startPhase(phaseType: BuildPhaseType): void {
    this.current = { phaseType, startTime: new Date(this.clock.now()) };
    this.phases.push(this.current);
  }

  /** Ends the current phase; a successful phase carries an empty context, as in CodeBuild. */
  endPhase(phaseStatus: StatusType, context: PhaseContext = { statusCode: '', message: '' }): void {
    const phase = this.current;
    if (!phase) return;
    const end = this.clock.now();
    phase.phaseStatus = phaseStatus;
    phase.endTime = new Date(end);
    phase.durationInSeconds = Math.round((end - (phase.startTime?.getTime() ?? end)) / 1000);
    phase.contexts = [context];
    this.current = undefined;
  }

  finish(status: StatusType, exported: Readonly<Record<string, string>>): void {
    this.status = status;
    this.exported = Object.entries(exported).map(([name, value]) => ({ name, value }));
    this.endTime = new Date(this.clock.now());
    this.phases.push({ phaseType: 'COMPLETED', startTime: this.endTime });
  }

  toBuild(): Build {
    const last = this.phases[this.phases.length - 1];
    return {
      id: this.identity.id,
      arn: this.identity.arn,
      buildNumber: this.identity.buildNumber,
      projectName: LOCAL_PROJECT_NAME,
      initiator: this.identity.initiator,
      startTime: new Date(this.identity.startTime),
      endTime: this.endTime,
      currentPhase: last?.phaseType,
      buildStatus: this.status,
      buildComplete: this.endTime !== undefined,
      sourceVersion: this.identity.sourceVersion,
      resolvedSourceVersion: this.identity.sourceVersion,
      phases: this.phases.map((phase) => ({
        ...phase,
        contexts: phase.contexts?.map((context) => ({ ...context })),
      })),
      exportedEnvironmentVariables: this.exported.map((variable) => ({ ...variable })),
    };
  }
}
