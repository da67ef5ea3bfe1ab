/**
 * Runs one command phase as CodeBuild's agent does: "Entering phase", each command with
 * "Running command", the first failing command ends `commands`, `finally` runs after them even
 * then (not after a stop), and the phase ends with "Phase complete" and its context line.
 * CODEBUILD_BUILD_SUCCEEDING turns 0 as soon as a command fails, so `finally` already sees it.
 */
import type { PhaseContext } from '@aws-sdk/client-codebuild';
import type { BuildspecCommand, BuildspecPhase } from '../model.js';
import { agentMessages, type AgentLog } from './agent-log.js';
import type { CommandPhaseType, PhaseOutcome } from './phase-plan.js';
import type { ShellSession } from './shell-session.js';

export interface PhaseResult {
  readonly outcome: PhaseOutcome;
  readonly context: PhaseContext;
}

export interface PhaseRunnerPorts {
  readonly session: ShellSession;
  readonly agent: AgentLog;
  readonly signal: AbortSignal;
}

interface CommandFailure {
  readonly command: string;
  readonly reason: string;
}

export async function runPhase(
  phaseType: CommandPhaseType,
  phase: BuildspecPhase | undefined,
  ports: PhaseRunnerPorts,
): Promise<PhaseResult> {
  ports.agent.write(agentMessages.enteringPhase(phaseType));
  const first = await runCommands(phase?.commands ?? [], ports);
  const afterwards =
    first === 'stopped' ? 'stopped' : await runCommands(phase?.finally ?? [], ports);
  const failure =
    first === 'stopped' || afterwards === 'stopped' ? 'stopped' : (first ?? afterwards);

  const outcome: PhaseOutcome =
    failure === 'stopped' ? 'STOPPED' : failure ? 'FAILED' : 'SUCCEEDED';
  const context: PhaseContext =
    failure && failure !== 'stopped'
      ? {
          statusCode: 'COMMAND_EXECUTION_ERROR',
          message: agentMessages.commandError(failure.command, failure.reason),
        }
      : { statusCode: '', message: '' };
  ports.agent.write(agentMessages.phaseComplete(phaseType, outcome));
  ports.agent.write(agentMessages.phaseContext(context.statusCode ?? '', context.message ?? ''));
  return { outcome, context };
}

/** Runs commands until one fails; returns that failure, 'stopped', or undefined when all succeeded. */
async function runCommands(
  commands: readonly BuildspecCommand[],
  ports: PhaseRunnerPorts,
): Promise<CommandFailure | 'stopped' | undefined> {
  for (const command of commands) {
    // A | block ends with a newline; the agent's lines read better without it.
    const shown = command.text.trimEnd();
    ports.agent.write(agentMessages.runningCommand(shown));
    const result = await ports.session.run(command.text, ports.signal);
    if (result.stopped) return 'stopped';
    if (!result.succeeded) {
      ports.agent.write(agentMessages.commandFailed(shown, result.reason));
      ports.session.setVariable('CODEBUILD_BUILD_SUCCEEDING', '0');
      return { command: shown, reason: result.reason };
    }
  }
  return undefined;
}
