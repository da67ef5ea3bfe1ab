/**
 * The check run's annotations: one per failed phase of each failed build (for a batch, of each
 * failed member), pointing at the line that failed. When the buildspec is a file in the
 * repository that is the failing command's line (matched from CodeBuild's "Error while executing
 * command: X" context) or else the phase's key; phases the buildspec does not write
 * (PROVISIONING, DOWNLOAD_SOURCE, ...) point at its first line. When it is not in the repository
 * (inline YAML, S3, the project's own), annotations point at the workflow file.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Build, BuildPhase } from '@aws-sdk/client-codebuild';
import type { YAMLMap } from 'yaml';
import { failureReason } from '../codebuild/build-outcome.js';
import type { RunReport } from '../codebuild/run-report.js';
import { YamlReader, type SourceText } from '../buildspec/yaml-reader.js';
import { parseYamlSource } from '../lint/yaml-source.js';
import { clip } from '../status/commit-status.js';

/** Where annotations point: the buildspec in the repository, or the workflow that ran the build. */
export type AnnotationTarget =
  | { readonly buildspecPath: string; readonly buildspecText: string }
  | { readonly workflowPath: string };

/** An annotation as the Checks API takes it (`output.annotations[]`). */
export interface CheckRunAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: 'notice' | 'warning' | 'failure';
  readonly title: string;
  readonly message: string;
}

/** GitHub's limits: 255 characters for a title, 64 KB for a message. */
const MAX_TITLE = 255;
const MAX_MESSAGE = 4_000;
const FAILED = new Set(['FAILED', 'FAULT', 'TIMED_OUT']);
const COMMAND_CONTEXT = /Error while executing command: (.*?)\. Reason: /s;

export function checkRunAnnotations(
  report: RunReport,
  where: AnnotationTarget,
  redact: (text: string) => string,
): CheckRunAnnotation[] {
  const lines = lineFinder(where);
  const annotations: CheckRunAnnotation[] = [];
  const annotate = (
    label: string | undefined,
    phase: Pick<BuildPhase, 'phaseStatus' | 'contexts'> & { phaseType?: string },
    level: CheckRunAnnotation['annotation_level'],
  ): void => {
    const phaseType = phase.phaseType ?? 'UNKNOWN';
    const context = phase.contexts?.find((entry) => entry.message)?.message;
    const line = lines(phaseType, context);
    annotations.push({
      path: line.path,
      start_line: line.line,
      end_line: line.line,
      annotation_level: level,
      title: clip(redact(`${label ? `${label}: ` : ''}${phaseType} failed`), MAX_TITLE),
      message: clip(
        redact(
          failureReason({ contexts: phase.contexts }) ??
            phase.contexts?.find((entry) => entry.statusCode)?.statusCode ??
            `The ${phaseType} phase ended ${phase.phaseStatus ?? 'without a status'}.`,
        ),
        MAX_MESSAGE,
      ),
    });
  };

  // A batch that failed before its members started (e.g. its buildspec did not parse).
  for (const phase of report.kind === 'batch' ? (report.batch?.phases ?? []) : []) {
    if (FAILED.has(phase.phaseStatus ?? '')) annotate('batch', phase, 'failure');
  }
  for (const member of report.members) {
    if (!member.build || !FAILED.has(member.build.buildStatus ?? '')) continue;
    const level = member.ignoreFailure ? 'warning' : 'failure';
    const failed = failedPhases(member.build);
    if (failed.length === 0) {
      annotate(
        member.identifier,
        { phaseType: 'BUILD', phaseStatus: member.build.buildStatus },
        level,
      );
    }
    for (const phase of failed) annotate(member.identifier, phase, level);
  }
  return annotations;
}

function failedPhases(build: Build): BuildPhase[] {
  return (build.phases ?? []).filter((phase) => FAILED.has(phase.phaseStatus ?? ''));
}

type LineFinder = (
  phaseType: string,
  context: string | undefined,
) => { path: string; line: number };

/**
 * Where an annotation goes that has no better place: the buildspec's first line, or the
 * workflow file's.
 */
export function fallbackPlace(where: AnnotationTarget): { path: string; line: number } {
  return { path: 'workflowPath' in where ? where.workflowPath : where.buildspecPath, line: 1 };
}

/** Finds lines in the buildspec once parsed; every phase is line 1 of the workflow file. */
function lineFinder(where: AnnotationTarget): LineFinder {
  if ('workflowPath' in where) return () => fallbackPlace(where);
  const phases = buildspecPhases(where.buildspecPath, where.buildspecText);
  return (phaseType, context) => {
    const phase = phases.get(phaseType.toLowerCase());
    const command = context === undefined ? undefined : COMMAND_CONTEXT.exec(context)?.[1];
    const found =
      command === undefined
        ? undefined
        : phase?.commands.find((entry) => sameCommand(entry.text, command));
    return { path: where.buildspecPath, line: found?.line ?? phase?.line ?? 1 };
  };
}

/** CodeBuild quotes the command as the buildspec wrote it; a block's lines may be re-joined. */
function sameCommand(written: string, quoted: string): boolean {
  const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
  return squash(written) === squash(quoted);
}

interface PhaseLines {
  /** The line of the phase's key, e.g. `build:` under `phases:`. */
  readonly line: number;
  /** Its commands and finally commands with their lines. */
  readonly commands: readonly SourceText[];
}

/**
 * Each phase's line and commands, read leniently: a buildspec that does not parse (it may be the
 * reason the build failed) has no phases, so its annotations point at line 1.
 */
function buildspecPhases(fileName: string, text: string): Map<string, PhaseLines> {
  const phases = new Map<string, PhaseLines>();
  const { document, lineCounter } = parseYamlSource(fileName, text);
  if (document.errors.length > 0) return phases;
  const reader = new YamlReader(fileName, document, lineCounter, text);
  try {
    const root = reader.map(document.contents, 'the buildspec');
    const phasesMap = reader.map(root?.get('phases', true), 'phases');
    for (const { key, keyNode, value } of reader.entries(phasesMap, 'phases')) {
      phases.set(key, {
        line: reader.position(keyNode).line,
        commands: phaseCommands(reader, value, `phases.${key}`),
      });
    }
  } catch {
    // A wrong shape is CodeBuild's to report; the lines found so far still count.
  }
  return phases;
}

function phaseCommands(reader: YamlReader, node: unknown, path: string): SourceText[] {
  let phase: YAMLMap | undefined;
  try {
    phase = reader.map(node, path);
  } catch {
    return [];
  }
  return (['commands', 'finally'] as const).flatMap((block) => {
    try {
      return reader.list(phase?.get(block, true), `${path}.${block}`);
    } catch {
      return [];
    }
  });
}

/**
 * Where annotations can point for this run: the buildspec when it is a file in the checked-out
 * repository (the override's path, else `buildspec.yml`), else the workflow file named by
 * GITHUB_WORKFLOW_REF; undefined when neither is known (outside GitHub Actions).
 */
export async function annotationTarget(
  env: NodeJS.ProcessEnv,
  buildspecOverride: string | undefined,
  workspace: string,
): Promise<AnnotationTarget | undefined> {
  const buildspecPath = repositoryPath(buildspecOverride ?? 'buildspec.yml', workspace);
  if (buildspecPath !== undefined) {
    const buildspecText = await readFile(resolve(workspace, buildspecPath), 'utf8').catch(
      () => undefined,
    );
    if (buildspecText !== undefined) return { buildspecPath, buildspecText };
  }
  const workflowPath = workflowFile(env.GITHUB_WORKFLOW_REF);
  return workflowPath === undefined ? undefined : { workflowPath };
}

/** The override as a repository-relative path; undefined for inline YAML, an S3 ARN or a path outside. */
function repositoryPath(override: string, workspace: string): string | undefined {
  const value = override.trim();
  const inlineYaml = value.includes('\n') || /:\s|^[{[]/.test(value);
  if (value === '' || inlineYaml || /^arn:/i.test(value) || /^\w+:\/\//.test(value))
    return undefined;
  const inside = relative(resolve(workspace), resolve(workspace, value));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}

/** `owner/repo/.github/workflows/ci.yml@refs/heads/main` → `.github/workflows/ci.yml`. */
export function workflowFile(workflowRef: string | undefined): string | undefined {
  const at = workflowRef?.lastIndexOf('@') ?? -1;
  const path = (at >= 0 ? workflowRef!.slice(0, at) : (workflowRef ?? ''))
    .split('/')
    .slice(2)
    .join('/');
  return path === '' ? undefined : path;
}
