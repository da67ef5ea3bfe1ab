/**
 * The buildspec as the local runner needs it: typed, with the source line of every command.
 * Parsed like CodeBuild parses it (YAML 1.1, so `yes` is true); a structurally invalid buildspec
 * fails with the file, line, key path and what is accepted. Unknown keys are warnings, as they
 * are to CodeBuild. The linter reads the YAML tree itself and does not use this model.
 */
import { isMap, isScalar, LineCounter, parseDocument, Scalar, type YAMLError } from 'yaml';
import { UserError } from '../util/errors.js';
import { BOOLEAN_WORDS, booleanVariableMessage } from './yaml-booleans.js';
import { YamlReader, type SourceText } from './yaml-reader.js';

export type BuildspecVersion = '0.1' | '0.2';

export const PHASE_NAMES = ['install', 'pre_build', 'build', 'post_build'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

export interface OnFailurePolicy {
  readonly action: 'ABORT' | 'CONTINUE' | 'RETRY';
  /** The value as written, e.g. "RETRY-2-timeout". */
  readonly text: string;
}

export type BuildspecCommand = SourceText;

export interface BuildspecPhase {
  readonly runAs: string | undefined;
  readonly onFailure: OnFailurePolicy | undefined;
  readonly runtimeVersions: Readonly<Record<string, string>>;
  readonly commands: readonly BuildspecCommand[];
  readonly finally: readonly BuildspecCommand[];
}

export interface BuildspecEnv {
  readonly shell: string | undefined;
  readonly variables: Readonly<Record<string, string>>;
  /** Variable name → Parameter Store parameter name. */
  readonly parameterStore: Readonly<Record<string, string>>;
  /** Variable name → `secret-id:json-key:version-stage:version-id`. */
  readonly secretsManager: Readonly<Record<string, string>>;
  readonly exportedVariables: readonly string[];
  readonly gitCredentialHelper: boolean;
}

export const TEST_REPORT_FORMATS = [
  'JUNITXML',
  'CUCUMBERJSON',
  'NUNITXML',
  'NUNIT3XML',
  'TESTNGXML',
  'VISUALSTUDIOTRX',
] as const;
export const COVERAGE_REPORT_FORMATS = [
  'CLOVERXML',
  'COBERTURAXML',
  'JACOCOXML',
  'SIMPLECOV',
  'LCOVINFO',
] as const;
export type ReportFileFormat =
  (typeof TEST_REPORT_FORMATS)[number] | (typeof COVERAGE_REPORT_FORMATS)[number];
const REPORT_FORMATS: readonly string[] = [...TEST_REPORT_FORMATS, ...COVERAGE_REPORT_FORMATS];

export interface ReportGroup {
  /** The report group's name or ARN, as the key in `reports`. */
  readonly name: string;
  readonly files: readonly string[];
  readonly baseDirectory: string | undefined;
  readonly discardPaths: boolean;
  readonly fileFormat: ReportFileFormat;
}

export interface ArtifactSet {
  readonly files: readonly string[];
  readonly name: string | undefined;
  readonly discardPaths: boolean;
  readonly baseDirectory: string | undefined;
  readonly excludePaths: readonly string[];
  readonly enableSymlinks: boolean;
  readonly s3Prefix: string | undefined;
}

export interface BuildspecArtifacts extends ArtifactSet {
  /** Keyed by artifact identifier. */
  readonly secondaryArtifacts: Readonly<Record<string, ArtifactSet>>;
}

export interface BuildspecCache {
  readonly paths: readonly string[];
  readonly key: string | undefined;
  readonly fallbackKeys: readonly string[];
  readonly action: string | undefined;
}

export interface Buildspec {
  readonly fileName: string;
  readonly version: BuildspecVersion;
  readonly runAs: string | undefined;
  readonly env: BuildspecEnv;
  readonly phases: Readonly<Partial<Record<PhaseName, BuildspecPhase>>>;
  readonly reports: readonly ReportGroup[];
  readonly artifacts: BuildspecArtifacts | undefined;
  readonly cache: BuildspecCache | undefined;
}

export interface ParsedBuildspec {
  readonly buildspec: Buildspec;
  /** Unknown keys and similar findings CodeBuild would only warn about, as `file:line:col: text`. */
  readonly warnings: readonly string[];
}

const TOP_KEYS = [
  'version',
  'run-as',
  'env',
  'proxy',
  'batch',
  'phases',
  'reports',
  'artifacts',
  'cache',
];
const ENV_KEYS = [
  'shell',
  'variables',
  'parameter-store',
  'secrets-manager',
  'exported-variables',
  'git-credential-helper',
];
const PHASE_KEYS = ['run-as', 'on-failure', 'runtime-versions', 'commands', 'finally'];
const REPORT_KEYS = ['files', 'base-directory', 'discard-paths', 'file-format'];
const ARTIFACT_KEYS = [
  'files',
  'name',
  'discard-paths',
  'base-directory',
  'exclude-paths',
  'enable-symlinks',
  's3-prefix',
];
const CACHE_KEYS = ['paths', 'key', 'fallback-keys', 'action'];
const ON_FAILURE = /^(ABORT|CONTINUE|RETRY)(?:-\d+)?(?:-.+)?$/;

export function parseBuildspec(text: string, fileName: string): ParsedBuildspec {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    version: '1.1',
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const firstError = document.errors[0];
  if (firstError) throw yamlError(firstError, fileName, lines);
  const reader: YamlReader = new YamlReader(fileName, document, lines, text);
  const root = reader.map(document.contents, 'the buildspec');
  if (!root)
    throw new UserError(
      `${fileName}: the buildspec is empty; it needs at least "version: 0.2" and "phases".`,
    );
  reader.checkKeys(root, 'the buildspec', TOP_KEYS);

  const versionNode = root.get('version', true);
  const version = reader.string(versionNode, 'version');
  if (version !== '0.1' && version !== '0.2') {
    reader.fail(
      versionNode ?? root,
      `version must be 0.2 (or the older 0.1), got ${version === undefined ? 'nothing' : `"${version}"`}.`,
    );
  }
  const buildspec: Buildspec = {
    fileName,
    version,
    runAs: reader.string(root.get('run-as', true), 'run-as'),
    env: readEnv(reader, root.get('env', true)),
    phases: readPhases(reader, root.get('phases', true)),
    reports: readReports(reader, root.get('reports', true)),
    artifacts: readArtifacts(reader, root.get('artifacts', true)),
    cache: readCache(reader, root.get('cache', true)),
  };
  return { buildspec, warnings: reader.warnings };
}

function yamlError(error: YAMLError, fileName: string, lines: LineCounter): UserError {
  const { line, col } = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
  const message = error.message.split(/ at line \d+/)[0]?.trim() ?? error.message;
  const hint =
    error.code === 'TAB_AS_INDENT'
      ? ' Indent with spaces; YAML does not allow tabs there.'
      : error.code === 'DUPLICATE_KEY'
        ? ' Each key may appear once per mapping; CodeBuild refuses the file too.'
        : '';
  return new UserError(`${fileName}:${line}:${col}: invalid YAML: ${message}.${hint}`);
}

/** `DEPLOY: yes` unquoted: the same warning lint gives (the value stays as written). */
function warnAboutBooleanWords(reader: YamlReader, node: unknown): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const value = pair.value;
    if (!isScalar(pair.key) || !isScalar(value) || value.type !== Scalar.PLAIN) continue;
    const written = value.source ?? '';
    if (typeof value.value === 'boolean' && BOOLEAN_WORDS.test(written))
      reader.warn(value, booleanVariableMessage(String(pair.key.value), written, value.value));
  }
}

function readEnv(reader: YamlReader, node: unknown): BuildspecEnv {
  const env = reader.map(node, 'env');
  reader.checkKeys(env, 'env', ENV_KEYS);
  const text = (record: Record<string, SourceText>) =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, value.text]));
  const variablesNode = env?.get('variables', true);
  warnAboutBooleanWords(reader, variablesNode);
  return {
    shell: reader.string(env?.get('shell', true), 'env.shell'),
    variables: text(reader.stringMap(variablesNode, 'env.variables')),
    parameterStore: text(
      reader.stringMap(env?.get('parameter-store', true), 'env.parameter-store'),
    ),
    secretsManager: text(
      reader.stringMap(env?.get('secrets-manager', true), 'env.secrets-manager'),
    ),
    exportedVariables: reader
      .list(env?.get('exported-variables', true), 'env.exported-variables')
      .map((item) => item.text),
    gitCredentialHelper:
      reader.boolean(env?.get('git-credential-helper', true), 'env.git-credential-helper') ?? false,
  };
}

function readPhases(reader: YamlReader, node: unknown): Partial<Record<PhaseName, BuildspecPhase>> {
  const phases: Partial<Record<PhaseName, BuildspecPhase>> = {};
  for (const { key, keyNode, value } of reader.entries(reader.map(node, 'phases'), 'phases')) {
    if (!(PHASE_NAMES as readonly string[]).includes(key)) {
      reader.warn(
        keyNode,
        `unknown phase "${key}" is never run; phases are ${PHASE_NAMES.join(', ')}.`,
      );
      continue;
    }
    phases[key as PhaseName] = readPhase(reader, value, `phases.${key}`);
  }
  return phases;
}

function readPhase(reader: YamlReader, node: unknown, path: string): BuildspecPhase {
  const phase = reader.map(node, path);
  reader.checkKeys(phase, path, PHASE_KEYS);
  const onFailureNode = phase?.get('on-failure', true);
  const onFailureText = reader.string(onFailureNode, `${path}.on-failure`);
  const match = onFailureText === undefined ? null : ON_FAILURE.exec(onFailureText);
  if (onFailureText !== undefined && !match) {
    reader.fail(
      onFailureNode,
      `${path}.on-failure got "${onFailureText}", which is not ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>.`,
    );
  }
  const runtimeVersions = reader.stringMap(
    phase?.get('runtime-versions', true),
    `${path}.runtime-versions`,
  );
  return {
    runAs: reader.string(phase?.get('run-as', true), `${path}.run-as`),
    onFailure:
      match && onFailureText
        ? { action: match[1] as OnFailurePolicy['action'], text: onFailureText }
        : undefined,
    runtimeVersions: Object.fromEntries(
      Object.entries(runtimeVersions).map(([name, value]) => [name, value.text]),
    ),
    commands: reader.list(phase?.get('commands', true), `${path}.commands`),
    finally: reader.list(phase?.get('finally', true), `${path}.finally`),
  };
}

function readReports(reader: YamlReader, node: unknown): ReportGroup[] {
  return reader.entries(reader.map(node, 'reports'), 'reports').map(({ key, value }) => {
    const path = `reports.${key}`;
    const group = reader.map(value, path);
    reader.checkKeys(group, path, REPORT_KEYS);
    const formatNode = group?.get('file-format', true);
    const format = (reader.string(formatNode, `${path}.file-format`) ?? 'JUNITXML').toUpperCase();
    if (!REPORT_FORMATS.includes(format)) {
      reader.fail(
        formatNode,
        `${path}.file-format got "${format}", which is not one of: ${REPORT_FORMATS.join(', ')}.`,
      );
    }
    const files = reader.list(group?.get('files', true), `${path}.files`).map((item) => item.text);
    if (files.length === 0)
      reader.fail(
        group?.get('files', true) ?? value,
        `${path}.files must list at least one file or pattern, e.g. - '**/*.xml'.`,
      );
    return {
      name: key,
      files,
      baseDirectory: reader.string(group?.get('base-directory', true), `${path}.base-directory`),
      discardPaths:
        reader.boolean(group?.get('discard-paths', true), `${path}.discard-paths`) ?? false,
      fileFormat: format as ReportFileFormat,
    };
  });
}

function readArtifactSet(
  reader: YamlReader,
  node: unknown,
  path: string,
  extraKeys: readonly string[],
): ArtifactSet | undefined {
  const set = reader.map(node, path);
  if (!set) return undefined;
  reader.checkKeys(set, path, [...ARTIFACT_KEYS, ...extraKeys]);
  const files = reader.list(set.get('files', true), `${path}.files`).map((item) => item.text);
  if (files.length === 0 && !extraKeys.length)
    reader.fail(set, `${path}.files must list at least one file or pattern, e.g. - '**/*'.`);
  return {
    files,
    name: reader.string(set.get('name', true), `${path}.name`),
    discardPaths: reader.boolean(set.get('discard-paths', true), `${path}.discard-paths`) ?? false,
    baseDirectory: reader.string(set.get('base-directory', true), `${path}.base-directory`),
    excludePaths: reader
      .list(set.get('exclude-paths', true), `${path}.exclude-paths`)
      .map((item) => item.text),
    enableSymlinks:
      reader.boolean(set.get('enable-symlinks', true), `${path}.enable-symlinks`) ?? false,
    s3Prefix: reader.string(set.get('s3-prefix', true), `${path}.s3-prefix`),
  };
}

function readArtifacts(reader: YamlReader, node: unknown): BuildspecArtifacts | undefined {
  const primary = readArtifactSet(reader, node, 'artifacts', ['secondary-artifacts']);
  if (!primary) return undefined;
  const artifacts = reader.map(node, 'artifacts');
  const secondaryArtifacts: Record<string, ArtifactSet> = {};
  const secondaryPath = 'artifacts.secondary-artifacts';
  for (const { key, value } of reader.entries(
    reader.map(artifacts?.get('secondary-artifacts', true), secondaryPath),
    secondaryPath,
  )) {
    const set = readArtifactSet(reader, value, `${secondaryPath}.${key}`, []);
    if (set) secondaryArtifacts[key] = set;
  }
  if (primary.files.length === 0 && Object.keys(secondaryArtifacts).length === 0) {
    reader.fail(
      artifacts ?? null,
      `artifacts.files must list at least one file or pattern, e.g. - '**/*'.`,
    );
  }
  return { ...primary, secondaryArtifacts };
}

function readCache(reader: YamlReader, node: unknown): BuildspecCache | undefined {
  const cache = reader.map(node, 'cache');
  if (!cache) return undefined;
  reader.checkKeys(cache, 'cache', CACHE_KEYS);
  return {
    paths: reader.list(cache.get('paths', true), 'cache.paths').map((item) => item.text),
    key: reader.string(cache.get('key', true), 'cache.key'),
    fallbackKeys: reader
      .list(cache.get('fallback-keys', true), 'cache.fallback-keys')
      .map((item) => item.text),
    action: reader.string(cache.get('action', true), 'cache.action'),
  };
}
