/**
 * The batch section (batch builds): one build kind per file; every build-list and build-graph
 * build with a unique identifier of letters, digits and _; depend-on naming builds that exist,
 * without a cycle; keys and types as BATCH_KIND_SHAPES says, with lists where the matrix wants
 * lists; variables written straight under env; fast-fail with build-fanout; and phases, which
 * this file needs only when some build of the batch runs it.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Ranged, Rule } from '../../lint/rule.js';
import { quoteYaml } from '../../lint/yaml-quote.js';
import { positionAt } from '../../lint/yaml-source.js';
import { closestName } from '../../util/closest-name.js';
import { batchSection, writtenText, type BatchBuild, type BatchText } from './batch-section.js';
import { BATCH_KIND_SHAPES, BATCH_KINDS, type Shape } from './buildspec-schema.js';
import { entries, entry, resolved, sourceOf, type BuildspecView } from './buildspec-view.js';
import { describeNode, isBooleanLike, isNumberLike } from './schema-rules.js';

const KINDS_IN_WORDS = `${BATCH_KINDS.slice(0, -1).join(', ')} or ${BATCH_KINDS.at(-1)}`;

export const batchMultipleKindsRule: Rule<BuildspecView> = {
  id: 'buildspec/batch-multiple-kinds',
  severity: 'error',
  summary: `More than one of ${KINDS_IN_WORDS} in one buildspec: CodeBuild accepts only one.`,
  check(view, report) {
    const kinds = batchSection(view)?.kinds ?? [];
    const first = kinds[0];
    if (!first) return;
    const line = positionAt(view.source, first.key.range?.[0] ?? 0).line;
    for (const kind of kinds) {
      if (kind.name === first.name) continue;
      report(
        kind.key,
        `batch has both ${first.name} (line ${line}) and ${kind.name}: CodeBuild accepts only one of ${KINDS_IN_WORDS} in a buildspec and rejects this one. Keep one of them, or move the other batch to a buildspec of its own.`,
      );
    }
  },
};

const IDENTIFIER = /^[A-Za-z0-9_]+$/;

export const batchIdentifierRule: Rule<BuildspecView> = {
  id: 'buildspec/batch-identifier',
  severity: 'error',
  summary:
    'A build-list or build-graph build without an identifier, with characters other than letters, digits and _, or with the identifier of another build.',
  check(view, report) {
    const seen = new Map<string, BatchBuild>();
    for (const build of batchSection(view)?.builds ?? []) {
      const identifier = build.identifier;
      if (!identifier) {
        const value = resolved(view.source, build.identifierEntry?.value);
        // A list or mapping is a wrong type, reported by batch-wrong-type.
        if (isMap(value) || isSeq(value)) continue;
        report(
          build.identifierEntry?.key ?? build.at,
          `${build.path} has ${build.identifierEntry ? 'an empty' : 'no'} "identifier": CodeBuild requires one for every build of a ${build.kind} and rejects the buildspec. Add "identifier: <name>" (letters, digits and _).`,
        );
        continue;
      }
      if (!IDENTIFIER.test(identifier.text)) {
        const fixed = identifier.text.replace(/[^A-Za-z0-9_]+/g, '_');
        report(
          identifier.at,
          `${identifier.path} "${identifier.text}" has characters CodeBuild does not accept in an identifier (only letters, digits and _), so it rejects the buildspec. Write "${fixed}"${build.kind === 'build-graph' ? ', and the same in every depend-on naming it' : ''}.`,
        );
      }
      const key = `${build.kind}\n${identifier.text}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, build);
        continue;
      }
      report(
        identifier.at,
        `${identifier.path} "${identifier.text}" is also the identifier of ${first.path}: identifiers must be unique in a ${build.kind}, so CodeBuild rejects the buildspec. Rename one of the two builds.`,
      );
    }
  },
};

/** Each build-graph identifier with the first build that has it. */
function graphBuilds(view: BuildspecView): Map<string, BatchBuild> {
  const byId = new Map<string, BatchBuild>();
  for (const build of batchSection(view)?.builds ?? []) {
    if (build.kind === 'build-graph' && build.identifier && !byId.has(build.identifier.text))
      byId.set(build.identifier.text, build);
  }
  return byId;
}

export const batchDependOnRule: Rule<BuildspecView> = {
  id: 'buildspec/batch-depend-on',
  severity: 'error',
  summary: 'A build-graph depend-on naming no build of the graph.',
  check(view, report) {
    const byId = graphBuilds(view);
    const known = [...byId.keys()];
    for (const build of batchSection(view)?.builds ?? []) {
      for (const item of build.dependOn) {
        if (byId.has(item.text)) continue;
        const guess = closestName(item.text, known);
        const fix = guess
          ? `Did you mean "${guess}"?`
          : known.length > 0
            ? `Name one of: ${known.join(', ')}.`
            : 'Give the build it should wait for that identifier, or remove the item.';
        report(
          item.at,
          `${item.path} "${item.text}" is not the identifier of any build in batch.build-graph: CodeBuild rejects the batch, since this build would wait for a build that does not exist. ${fix}`,
        );
      }
    }
  },
};

export const batchCycleRule: Rule<BuildspecView> = {
  id: 'buildspec/batch-cycle',
  severity: 'error',
  summary: 'build-graph builds that wait for each other through depend-on: a cycle.',
  check(view, report) {
    const byId = graphBuilds(view);
    const done = new Set<string>();
    const stack: string[] = [];
    const visit = (id: string): void => {
      stack.push(id);
      for (const item of byId.get(id)?.dependOn ?? []) {
        if (!byId.has(item.text) || done.has(item.text)) continue;
        const start = stack.indexOf(item.text);
        if (start >= 0) report(item.at, cycleMessage(item, [...stack.slice(start), item.text]));
        else visit(item.text);
      }
      stack.pop();
      done.add(id);
    };
    for (const id of byId.keys()) if (!done.has(id)) visit(id);
  },
};

function cycleMessage(item: BatchText, cycle: readonly string[]): string {
  const waits =
    cycle.length === 2
      ? `"${cycle[0]}" waits for itself`
      : cycle
          .slice(0, -1)
          .map((id, i) => `"${id}" waits for "${cycle[i + 1]}"`)
          .join(', ');
  return `${item.path} "${item.text}" closes a depend-on cycle (${waits}): none of these builds can start, so CodeBuild rejects the batch. Remove this item or another depend-on of the cycle.`;
}

export const batchMissingPhasesRule: Rule<BuildspecView> = {
  id: 'buildspec/batch-missing-phases',
  severity: 'error',
  summary:
    'A batch build that runs this buildspec (no buildspec of its own) while it has no phases.',
  check(view, report) {
    const section = batchSection(view);
    if (!section || entry(view.root, 'phases')) return;
    const fix = 'Add "phases" with the commands to run to this file';
    for (const build of section.builds) {
      if (!build.runsThisFile) continue;
      const name = build.identifier ? ` ("${build.identifier.text}")` : '';
      report(
        build.at,
        `${build.path}${name} has no "buildspec", so it runs this file, which has no "phases": that build fails, as CodeBuild requires phases in the buildspec a build runs. ${fix}, or set "buildspec" to the file this build should run.`,
      );
    }
    for (const kind of section.kinds) {
      if (kind.name === 'build-matrix' && !namesBuildspecs(view, kind.value)) {
        report(
          kind.key,
          `batch.build-matrix has no dynamic.buildspec, so every build of the matrix runs this file, which has no "phases": those builds fail, as CodeBuild requires phases in the buildspec a build runs. ${fix}, or list the files to run under dynamic.buildspec.`,
        );
      } else if (kind.name === 'build-fanout') {
        report(
          kind.key,
          `batch.build-fanout runs this file in each of its builds, and it has no "phases": those builds fail, as CodeBuild requires phases in the buildspec a build runs. ${fix}.`,
        );
      }
    }
  },
};

/** True when build-matrix.dynamic.buildspec names at least one file (a list, or a single value). */
function namesBuildspecs(view: BuildspecView, matrix: unknown): boolean {
  const dynamic = resolved(view.source, entry(resolved(view.source, matrix), 'dynamic')?.value);
  const buildspec = resolved(view.source, entry(dynamic, 'buildspec')?.value);
  if (isSeq(buildspec))
    return buildspec.items.some((item) => (writtenText(view, item)?.trim() ?? '') !== '');
  return (writtenText(view, buildspec)?.trim() ?? '') !== '';
}

export const batchFastFailRule: Rule<BuildspecView> = {
  id: 'buildspec/batch-fast-fail',
  severity: 'warning',
  summary:
    'batch.fast-fail with build-fanout: it stops the other builds of a build-list, build-matrix or build-graph.',
  check(view, report) {
    const section = batchSection(view);
    const fastFail = entry(section?.map, 'fast-fail');
    if (!fastFail || !section?.kinds.some((kind) => kind.name === 'build-fanout')) return;
    report(
      fastFail.key,
      `batch.fast-fail is set with build-fanout: CodeBuild documents fast-fail (stop the other builds when one fails) for build-list, build-matrix and build-graph only, so it likely has no effect here. Remove it; build-fanout's own setting is ignore-failure.`,
    );
  },
};

// ---- Keys and types, walked against BATCH_KIND_SHAPES with list indexes in every path ----

type IssueKind = 'wrong-type' | 'unknown-key' | 'env-variables';

interface BatchIssue {
  readonly kind: IssueKind;
  readonly at: Ranged;
  readonly message: string;
}

const issuesByView = new WeakMap<BuildspecView, BatchIssue[]>();

function batchIssues(view: BuildspecView): BatchIssue[] {
  let issues = issuesByView.get(view);
  if (!issues) {
    issues = [];
    for (const kind of batchSection(view)?.kinds ?? []) {
      const walker = new BatchWalker(view, issues);
      walker.walk(kind.value, BATCH_KIND_SHAPES[kind.name], `batch.${kind.name}`, kind.name);
    }
    issuesByView.set(view, issues);
  }
  return issues;
}

function issueRule(
  kind: IssueKind,
  severity: 'error' | 'warning',
  summary: string,
): Rule<BuildspecView> {
  return {
    id: `buildspec/batch-${kind}`,
    severity,
    summary,
    check(view, report) {
      for (const issue of batchIssues(view))
        if (issue.kind === kind) report(issue.at, issue.message);
    },
  };
}

export const batchWrongTypeRule = issueRule(
  'wrong-type',
  'error',
  'A batch value of the wrong YAML type, e.g. a single value where build-matrix.dynamic wants a list, or depend-on as one string.',
);
export const batchUnknownKeyRule = issueRule(
  'unknown-key',
  'warning',
  'A key CodeBuild does not know in a batch build, matrix or fanout; it ignores it (often a typo: identifer, depends-on).',
);
export const batchEnvVariablesRule = issueRule(
  'env-variables',
  'warning',
  'A variable written directly under a batch build env instead of under env.variables: the build runs without it.',
);

/** Keys of the top-level env that a batch build's env does not read. */
const TOP_LEVEL_ENV_KEYS = [
  'shell',
  'parameter-store',
  'secrets-manager',
  'exported-variables',
  'git-credential-helper',
];
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class BatchWalker {
  constructor(
    private readonly view: BuildspecView,
    private readonly issues: BatchIssue[],
  ) {}

  /** `name` is the key or list index the node is under, for messages. */
  walk(aliasOrNode: unknown, shape: Shape, path: string, name: string): void {
    const node = resolved(this.view.source, aliasOrNode);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
    const at = aliasOrNode as Ranged;
    const wrong = (expected: string, fix = ''): void =>
      this.issue(
        'wrong-type',
        at,
        `${path} must be ${expected}, but is ${describeNode(node)}: CodeBuild rejects the buildspec.${fix}`,
      );

    switch (shape.type) {
      case 'mapping':
        if (!isMap(node)) return this.notAMapping(node, path, at, wrong);
        for (const item of entries(node)) {
          const field = shape.keys[item.name];
          const childPath = `${path}.${item.name}`;
          if (field) this.walk(item.value, field.shape, childPath, item.name);
          else this.unknownKey(item.name, item.key, item.value, path, Object.keys(shape.keys));
        }
        return;
      case 'dictionary':
        if (!isMap(node)) return wrong(`a mapping (${shape.example} lines)`);
        for (const item of entries(node))
          this.walk(item.value, shape.values, `${path}.${item.name}`, item.name);
        return;
      case 'sequence':
      case 'commands':
        if (!isSeq(node)) {
          if (shape.type === 'sequence' && shape.items?.type === 'scalar' && isScalar(node))
            return this.singleValue(node, path, name, at);
          const example = shape.type === 'sequence' ? shape.example : '- command';
          return wrong(`a list (${example} lines)`, ` Start each item with "- ".`);
        }
        if (shape.type === 'sequence' && shape.items) {
          const items = shape.items;
          node.items.forEach((item, index) =>
            this.walk(item, items, `${path}[${index}]`, String(index)),
          );
        }
        return;
      case 'scalar':
        if (isMap(node) || isSeq(node)) return wrong('a single value', scalarHint(path, node));
        return;
      case 'scalar-or-sequence':
        if (isMap(node)) return wrong('a value or a list');
        return;
      case 'boolean':
        if (!isBooleanLike(node)) return wrong('yes or no (true or false)');
        return;
      case 'number':
        if (!isNumberLike(node)) return wrong('a whole number');
        return;
    }
  }

  private issue(kind: IssueKind, at: Ranged, message: string): void {
    this.issues.push({ kind, at, message });
  }

  private notAMapping(
    node: unknown,
    path: string,
    at: Ranged,
    wrong: (expected: string, fix?: string) => void,
  ): void {
    // A build given as `- linux_small` instead of `- identifier: linux_small`.
    if (/\.build-(list|graph)\[\d+\]$/.test(path)) {
      const text = writtenText(this.view, node);
      return wrong(
        'a mapping (identifier:, buildspec:, env: lines)',
        text === undefined ? '' : ` Write "- identifier: ${text}".`,
      );
    }
    wrong('a mapping (key: value lines)');
  }

  /** A single value where CodeBuild reads a list: depend-on, or the values of build-matrix.dynamic. */
  private singleValue(node: Scalar, path: string, name: string, at: Ranged): void {
    const text = writtenText(this.view, node) ?? '';
    const why = path.includes('.dynamic.')
      ? ' (the matrix starts one build per value)'
      : path.endsWith('.depend-on')
        ? ' (of identifiers)'
        : '';
    this.issue(
      'wrong-type',
      at,
      `${path} is the single value ${JSON.stringify(text)}, but CodeBuild requires a list here${why} and rejects the buildspec. Write ${name}: [${this.flowItem(node)}], or one "- value" line per item.`,
    );
  }

  private unknownKey(
    name: string,
    key: Scalar,
    value: unknown,
    path: string,
    known: readonly string[],
  ): void {
    let guess = guessKey(name, known);
    // STAGE is a variable, not a misspelt image; IMAGE is image in capitals.
    if (guess && /^[A-Z][A-Z0-9_]*$/.test(name) && normalised(guess) !== normalised(name))
      guess = undefined;
    const didYouMean = guess ? ` Did you mean "${guess}"?` : '';
    const unknown = (detail: string): void =>
      this.issue('unknown-key', key, `Unknown key "${name}" in ${path}: ${detail}`);
    if (name === 'depend-on' && /\.build-list\[\d+\]$/.test(path)) {
      return unknown(
        'depend-on is only read in build-graph; the builds of a build-list all start at once, so CodeBuild ignores it. Rename build-list to build-graph to make this build wait.',
      );
    }
    if (path.endsWith('.env') && !guess) {
      if (TOP_LEVEL_ENV_KEYS.includes(name)) {
        return unknown(
          `${name} is only read in the top-level env, not in a batch build's env: CodeBuild ignores it here. Set it in the env of the buildspec this build runs.`,
        );
      }
      if (VARIABLE_NAME.test(name) && !isMap(resolved(this.view.source, value)))
        return this.variableUnderEnv(name, key, value, path);
    }
    unknown(`CodeBuild ignores it.${didYouMean || ` Known keys here: ${known.join(', ')}.`}`);
  }

  /** A scalar as an item of a [a, b] list, reading as it does where it is written. */
  private flowItem(node: Scalar): string {
    const text = writtenText(this.view, node) ?? '';
    // A quoted value stays quoted, so "3.10" does not turn into the number 3.1.
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
      return sourceOf(this.view.source, node) ?? quoteYaml(text);
    const cut = /[,[\]{}]|: | #|^[\s'"&*!|>%@`#]|\s$/.test(text) || text === '';
    return cut ? quoteYaml(text) : text;
  }

  private variableUnderEnv(name: string, key: Scalar, value: unknown, path: string): void {
    const scalar = resolved(this.view.source, value);
    const where = `${path}.${name}`;
    const start = `${where} looks like an environment variable written directly under env`;
    let rest: string;
    if (path.endsWith('.dynamic.env')) {
      rest = `CodeBuild reads the matrix's variables only from dynamic.env.variables, so no build gets ${name}. Move it under ${path}.variables as a list of values${isScalar(scalar) ? `: ${name}: [${this.flowItem(scalar)}]` : ''}.`;
    } else if (path.endsWith('.static.env')) {
      rest = `CodeBuild reads no variables from static.env, so the builds run without ${name}. Set it in env.variables of the buildspec the builds run, or as a list of values under batch.build-matrix.dynamic.env.variables.`;
    } else {
      rest = `CodeBuild reads a build's variables only from env.variables, so this build runs without ${name}. Move it under ${path}.variables.`;
    }
    this.issue('env-variables', key, `${start}: ${rest}`);
  }
}

/** The known key meant: a near spelling, or one the name begins (privileged → privileged-mode). */
function guessKey(name: string, known: readonly string[]): string | undefined {
  const close = closestName(name, known);
  if (close) return close;
  const normal = normalised(name);
  if (normal.length < 4) return undefined;
  return known.find((candidate) => normalised(candidate).startsWith(normal));
}

/** As closestName compares names: case, -, _ and spaces aside. */
function normalised(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** For a list where one value is read: a matrix builds once per value only under dynamic. */
function scalarHint(path: string, node: unknown): string {
  if (!isSeq(node)) return '';
  if (/\.static\.env\.(image|compute-type)$/.test(path))
    return ' To start one build per value, move it to batch.build-matrix.dynamic.env.';
  if (/\.build-(list|graph)\[\d+\]\.env\.(image|compute-type)$/.test(path))
    return ' Give each value a build of its own, or use build-matrix with dynamic.env.';
  return '';
}
