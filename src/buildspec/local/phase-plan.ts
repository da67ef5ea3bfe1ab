/**
 * Which phase runs next, as CodeBuild decides it: INSTALL, PRE_BUILD, BUILD, POST_BUILD, then
 * UPLOAD_ARTIFACTS. A failed INSTALL or PRE_BUILD ends the build (FINALIZING); a failed BUILD
 * still runs POST_BUILD and UPLOAD_ARTIFACTS; a failed POST_BUILD still uploads artifacts.
 * `on-failure: CONTINUE` marks the phase failed but carries on as if it had succeeded.
 */
import type { OnFailurePolicy, PhaseName } from '../model.js';
import type { LocalPhaseType } from './agent-log.js';

export type CommandPhaseType = Exclude<LocalPhaseType, 'UPLOAD_ARTIFACTS'>;
export type PhaseOutcome = 'SUCCEEDED' | 'FAILED' | 'STOPPED';
export type NextStep = LocalPhaseType | 'FINALIZING';

export const COMMAND_PHASES: readonly {
  readonly type: CommandPhaseType;
  readonly key: PhaseName;
}[] = [
  { type: 'INSTALL', key: 'install' },
  { type: 'PRE_BUILD', key: 'pre_build' },
  { type: 'BUILD', key: 'build' },
  { type: 'POST_BUILD', key: 'post_build' },
];

export const PHASE_KEY: Readonly<Record<CommandPhaseType, PhaseName>> = {
  INSTALL: 'install',
  PRE_BUILD: 'pre_build',
  BUILD: 'build',
  POST_BUILD: 'post_build',
};

const ORDER: readonly LocalPhaseType[] = [
  'INSTALL',
  'PRE_BUILD',
  'BUILD',
  'POST_BUILD',
  'UPLOAD_ARTIFACTS',
];

export function nextStep(
  phase: LocalPhaseType,
  outcome: PhaseOutcome,
  onFailure: OnFailurePolicy | undefined,
): NextStep {
  if (outcome === 'STOPPED') return 'FINALIZING';
  const following = ORDER[ORDER.indexOf(phase) + 1] ?? 'FINALIZING';
  if (outcome === 'SUCCEEDED' || onFailure?.action === 'CONTINUE') return following;
  switch (phase) {
    case 'INSTALL':
    case 'PRE_BUILD':
    case 'UPLOAD_ARTIFACTS':
      return 'FINALIZING';
    case 'BUILD':
    case 'POST_BUILD':
      return following;
  }
}
