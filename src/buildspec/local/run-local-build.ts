/**
 * Runs a buildspec on this machine with CodeBuild's semantics: phases INSTALL, PRE_BUILD, BUILD,
 * POST_BUILD and UPLOAD_ARTIFACTS in CodeBuild's order and with its skips, the agent's log lines,
 * the CODEBUILD_* variables, exported variables, artifacts copied to a folder and report files
 * checked. The result is shaped like a remote build's, so the same summary code renders it.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Build, StatusType } from '@aws-sdk/client-codebuild';
import { parseBuildspec, type Buildspec, type ParsedBuildspec } from '../model.js';
import { LogPrinter } from '../../codebuild/log-printer.js';
import type { Clock } from '../../util/clock.js';
import type { RegisterCleanup } from '../../util/cleanup.js';
import { UserError, errorMessage } from '../../util/errors.js';
import type { Logger } from '../../util/logger.js';
import { AgentLog } from './agent-log.js';
import type { LocalArtifact } from './artifacts.js';
import {
  codeBuildVariables,
  gitHeadCommit,
  hostEnvironment,
  layerEnvironment,
  newBuildIdentity,
} from './build-environment.js';
import { BuildRecord } from './build-record.js';
import { DEMO_BUILDSPEC, DEMO_BUILDSPEC_NAME } from './demo-buildspec.js';
import { localNotices, localShell, localShellPath } from './local-support.js';
import { COMMAND_PHASES, nextStep, PHASE_KEY, type NextStep } from './phase-plan.js';
import { runPhase } from './phase-runner.js';
import type { LocalReport } from './reports.js';
import { resolveSecretVariables, type SecretResolvers } from './secret-variables.js';
import type { BuildspecSource, LocalBuildSettings } from './settings.js';
import { ShellSession } from './shell-session.js';
import { uploadArtifacts, type UploadResult } from './upload-phase.js';

export interface LocalBuildPorts extends SecretResolvers {
  readonly logger: Logger;
  readonly clock: Clock;
  /** Aborting stops the running command (its whole process group) and ends the build as STOPPED. */
  readonly signal: AbortSignal;
  /**
   * Registers what must happen at once, synchronously, if the process is forced to exit
   * (a second Ctrl-C): kill the commands' process groups, remove temporary folders.
   */
  readonly onForcedExit?: RegisterCleanup;
}

export interface LocalBuildResult {
  /** Shaped like BatchGetBuilds' `Build`: buildStatus, phases, times, exportedEnvironmentVariables. */
  readonly build: Build;
  readonly succeeded: boolean;
  /** 0 when the build SUCCEEDED, else 1. */
  readonly exitCode: 0 | 1;
  /** The buildspec as named in messages: a path, or the embedded demo's name. */
  readonly buildspecFile: string;
  readonly sourceDir: string;
  readonly outputDir: string;
  readonly artifacts: readonly LocalArtifact[];
  readonly reports: readonly LocalReport[];
  readonly exportedVariables: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

export async function runLocalBuild(
  settings: LocalBuildSettings,
  ports: LocalBuildPorts,
): Promise<LocalBuildResult> {
  const { logger, clock, signal } = ports;
  const { buildspec, warnings: parseWarnings } = await loadBuildspec(
    settings.buildspec,
    settings.sourceDir,
  );
  const shell = localShellPath(localShell(buildspec), settings.hostEnv.PATH);
  const warnings = [...parseWarnings, ...localNotices(buildspec)];
  for (const warning of warnings) logger.warn(warning);

  await mkdir(settings.sourceDir, { recursive: true });
  const secrets = await resolveSecretVariables(buildspec.env, settings.envOverrides, ports, logger);
  const identity = newBuildIdentity({
    buildNumber: settings.buildNumber,
    startTime: clock.now(),
    region: settings.region,
    sourceVersion: await gitHeadCommit(settings.sourceDir),
    user: settings.hostEnv.USER ?? settings.hostEnv.USERNAME,
  });
  const host = hostEnvironment(settings.hostEnv);
  const withheld = host.withheld.filter((name) => !(name in settings.envOverrides));
  if (withheld.length > 0)
    logger.info(
      `Not passed to the buildspec's commands: ${withheld.join(', ')} (the code host's tokens; pass --env NAME to give one to the build).`,
    );
  const initialEnv = layerEnvironment([
    host.env,
    buildspec.env.variables,
    secrets,
    codeBuildVariables(identity, settings.sourceDir),
    settings.envOverrides,
  ]);

  // Output and agent lines go through the same printer as a remote build's log: one group per phase.
  const printer = new LogPrinter(logger);
  const agent = new AgentLog((lines) => printer.print(lines), clock);
  const record = new BuildRecord(identity, clock);
  const stateDir = await mkdtemp(join(tmpdir(), 'buildbridge-local-'));
  const session = new ShellSession({
    shell,
    carryState: buildspec.version === '0.2',
    stateDir,
    initial: { env: initialEnv, cwd: settings.sourceDir },
    clock,
    onOutput: (lines) => printer.print(lines),
    stopGraceMs: settings.stopGraceMs,
  });
  const unregister = ports.onForcedExit?.(() => {
    session.kill();
    rmSync(stateDir, { recursive: true, force: true });
  });
  writePreamble(agent, buildspec, settings);

  let failed = false;
  let stopped = false;
  let exportedVariables: Record<string, string> = {};
  let upload: UploadResult | undefined;
  try {
    for (let step: NextStep = 'INSTALL'; step !== 'FINALIZING';) {
      if (step === 'UPLOAD_ARTIFACTS') {
        exportedVariables = exportedValues(buildspec, session.state.env, warnings, logger);
        record.startPhase('UPLOAD_ARTIFACTS');
        upload = await uploadArtifacts(buildspec, {
          sourceDir: settings.sourceDir,
          outputDir: settings.outputDir,
          env: session.state.env,
          agent,
        });
        record.endPhase(upload.outcome, upload.context);
        failed ||= upload.outcome !== 'SUCCEEDED';
        for (const warning of upload.warnings) logger.warn(warning);
        warnings.push(...upload.warnings);
        break;
      }
      if (signal.aborted) {
        stopped = true;
        break;
      }
      const phase = buildspec.phases[PHASE_KEY[step]];
      record.startPhase(step);
      const result = await runPhase(step, phase, { session, agent, signal });
      record.endPhase(result.outcome, result.context);
      failed ||= result.outcome === 'FAILED';
      stopped ||= result.outcome === 'STOPPED';
      step = nextStep(step, result.outcome, phase?.onFailure);
    }
    if (!upload) exportedVariables = exportedValues(buildspec, session.state.env, warnings, logger);
  } finally {
    printer.close();
    record.startPhase('FINALIZING');
    await session.close();
    await rm(stateDir, { recursive: true, force: true }).catch((error: unknown) =>
      logger.debug(`could not remove ${stateDir}: ${errorMessage(error)}`),
    );
    unregister?.();
    record.endPhase('SUCCEEDED');
  }

  const status: StatusType = stopped ? 'STOPPED' : failed ? 'FAILED' : 'SUCCEEDED';
  record.finish(status, exportedVariables);
  return {
    build: record.toBuild(),
    succeeded: status === 'SUCCEEDED',
    exitCode: status === 'SUCCEEDED' ? 0 : 1,
    buildspecFile: buildspec.fileName,
    sourceDir: settings.sourceDir,
    outputDir: settings.outputDir,
    artifacts: upload?.artifacts ?? [],
    reports: upload?.reports ?? [],
    exportedVariables,
    warnings,
  };
}

async function loadBuildspec(source: BuildspecSource, sourceDir: string): Promise<ParsedBuildspec> {
  if (source.kind === 'embedded-demo') return parseBuildspec(DEMO_BUILDSPEC, DEMO_BUILDSPEC_NAME);
  const inside = relative(sourceDir, source.path);
  const name = inside.startsWith('..') ? source.path : inside;
  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    throw new UserError(`Cannot read the buildspec ${source.path}: ${errorMessage(error)}`);
  }
  return parseBuildspec(text, name);
}

/** The lines CodeBuild's agent writes before the first phase, as far as they apply locally. */
function writePreamble(agent: AgentLog, buildspec: Buildspec, settings: LocalBuildSettings): void {
  agent.write(`CODEBUILD_SRC_DIR=${settings.sourceDir}`);
  agent.write(
    `YAML location is ${settings.buildspec.kind === 'file' ? settings.buildspec.path : buildspec.fileName}`,
  );
  agent.write('Processing environment variables');
  agent.write(`Moving to directory ${settings.sourceDir}`);
  const declared = COMMAND_PHASES.filter(({ key }) => buildspec.phases[key]);
  agent.write(`Phases found in YAML: ${declared.length}`);
  for (const { type, key } of declared)
    agent.write(` ${type}: ${buildspec.phases[key]?.commands.length ?? 0} commands`);
}

/** Exported variables take their values after the last command phase; unset ones export as empty. */
function exportedValues(
  buildspec: Buildspec,
  env: Readonly<Record<string, string>>,
  warnings: string[],
  logger: Logger,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of buildspec.env.exportedVariables) {
    const value = env[name];
    if (value === undefined) {
      const warning = `exported variable ${name} was never set; it is exported empty.`;
      warnings.push(warning);
      logger.warn(warning);
    }
    values[name] = value ?? '';
  }
  return values;
}
