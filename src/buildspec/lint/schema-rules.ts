/**
 * Keys and types of a version 0.2 buildspec, checked against BUILDSPEC_SCHEMA in one walk:
 * unknown keys (CodeBuild warns and ignores them); unknown phases, known keys at the wrong level
 * and runtime-versions outside install (ignored too, so commands, artifacts or runtimes
 * silently go missing); values of the wrong YAML type and missing required keys (CodeBuild
 * rejects the file).
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { PHASE_NAMES } from '../model.js';
import { BUILDSPEC_SCHEMA, keyHomes, type Shape } from './buildspec-schema.js';
import { declaresBatchBuilds } from './batch-section.js';
import { entries, resolved, type BuildspecView } from './buildspec-view.js';
import { closestName } from '../../util/closest-name.js';

type IssueKind =
  | 'unknown-key'
  | 'unknown-phase'
  | 'misplaced-key'
  | 'runtime-versions-placement'
  | 'wrong-type'
  | 'missing-key';

/** Where every known key belongs, to tell a mis-indented key from a misspelt one. */
const HOMES = keyHomes();

interface SchemaIssue {
  readonly kind: IssueKind;
  readonly at: { readonly range?: readonly [number, number, number] | null };
  readonly message: string;
}

const issuesByView = new WeakMap<BuildspecView, SchemaIssue[]>();

/** The walk runs once per file; each rule below reports its own kind of issue. */
function schemaIssues(view: BuildspecView): SchemaIssue[] {
  let issues = issuesByView.get(view);
  if (!issues) {
    issues = [];
    const contents = view.source.document.contents;
    if (contents !== null) walk(view, contents, BUILDSPEC_SCHEMA, [], undefined, issues);
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
    id: `buildspec/${kind}`,
    severity,
    summary,
    check(view, report) {
      for (const issue of schemaIssues(view)) {
        if (issue.kind === kind) report(issue.at, issue.message);
      }
    },
  };
}

export const unknownKeyRule = issueRule(
  'unknown-key',
  'warning',
  'A key CodeBuild does not know; it warns and ignores it (often a typo: prebuild, artifact, cmds).',
);
export const unknownPhaseRule = issueRule(
  'unknown-phase',
  'error',
  'A phase other than install, pre_build, build, post_build: its commands never run.',
);
export const misplacedKeyRule = issueRule(
  'misplaced-key',
  'error',
  'A known key at the wrong level, usually mis-indented (post_build under build, artifacts under phases): CodeBuild ignores it there.',
);
export const runtimeVersionsPlacementRule = issueRule(
  'runtime-versions-placement',
  'error',
  'runtime-versions outside phases.install: CodeBuild ignores it and installs no runtime.',
);
export const wrongTypeRule = issueRule(
  'wrong-type',
  'error',
  'A value of the wrong YAML type, e.g. commands given as one string instead of a list.',
);
export const missingKeyRule = issueRule(
  'missing-key',
  'error',
  'A required key is missing: phases (unless every batch build names its own buildspec), artifacts.files, reports.<group>.files.',
);

function walk(
  view: BuildspecView,
  aliasOrNode: unknown,
  shape: Shape,
  path: readonly string[],
  key: Scalar | undefined,
  issues: SchemaIssue[],
): void {
  const node = resolved(view.source, aliasOrNode);
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
  const at = key ?? (node as SchemaIssue['at']);
  const where = path.length === 0 ? 'The buildspec' : `"${path.join('.')}"`;
  const wrong = (expected: string): void => {
    issues.push({
      kind: 'wrong-type',
      at: node,
      message: `${where} must be ${expected}, but is ${describeNode(node)}: CodeBuild rejects the buildspec (YAML_FILE_ERROR).`,
    });
  };

  switch (shape.type) {
    case 'mapping': {
      if (!isMap(node))
        return wrong(
          path.length === 0
            ? 'a mapping of keys (version, phases, ...)'
            : 'a mapping (key: value lines)',
        );
      for (const item of entries(node)) {
        const field = shape.keys[item.name];
        if (!field)
          issues.push(unknownKeyIssue(item.name, item.key, path, Object.keys(shape.keys)));
        else if (!field.ownRules)
          walk(view, item.value, field.shape, [...path, item.name], item.key, issues);
      }
      const present = new Set(entries(node).map((item) => item.name));
      for (const [name, field] of Object.entries(shape.keys)) {
        // A batch build may run another buildspec: the batch rules say when this file needs phases.
        if (name === 'phases' && path.length === 0 && declaresBatchBuilds(view)) continue;
        if (field.requiredBecause && !present.has(name)) {
          issues.push({
            kind: 'missing-key',
            at,
            message: `${where} has no "${name}", which CodeBuild requires: ${field.requiredBecause}.`,
          });
        }
      }
      return;
    }
    case 'dictionary':
      if (!isMap(node)) return wrong(`a mapping (${shape.example} lines)`);
      for (const item of entries(node))
        walk(view, item.value, shape.values, [...path, item.name], item.key, issues);
      return;
    case 'sequence':
      if (!isSeq(node)) return wrong(`a list (${shape.example} lines)`);
      return;
    case 'commands':
      if (!isSeq(node)) return wrong('a list of commands, one "- command" line each');
      return;
    case 'scalar':
      if (isMap(node) || isSeq(node)) return wrong('a single value');
      return;
    case 'scalar-or-sequence':
      if (isMap(node)) return wrong('a value or a list');
      return;
    case 'boolean':
      if (!isBooleanLike(node)) return wrong('yes or no');
      return;
    case 'number':
      if (!isNumberLike(node)) return wrong('a whole number');
      return;
  }
}

export function isNumberLike(node: unknown): boolean {
  if (!isScalar(node)) return false;
  if (typeof node.value === 'number') return Number.isInteger(node.value);
  return typeof node.value === 'string' && /^\d+$/.test(node.value.trim());
}

export function isBooleanLike(node: unknown): boolean {
  if (!isScalar(node)) return false;
  if (typeof node.value === 'boolean') return true;
  return typeof node.value === 'string' && /^(yes|no|true|false)$/i.test(node.value);
}

export function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`;
  return 'something else';
}

function unknownKeyIssue(
  name: string,
  key: Scalar,
  path: readonly string[],
  known: readonly string[],
): SchemaIssue {
  const parent = path.join('.');
  const guess = closestName(name, known);
  const didYouMean = guess ? ` Did you mean "${guess}"?` : '';
  if (name === 'runtime-versions') {
    return {
      kind: 'runtime-versions-placement',
      at: key,
      message: `runtime-versions is only read under phases.install, not ${parent ? `"${parent}"` : 'at the top level'}: CodeBuild ignores it and installs no runtime. Move it to phases.install.`,
    };
  }
  const homes = HOMES.get(name);
  if (homes && !guess) {
    const where = homes.map((home) => (home ? `under "${home}"` : 'at the top level')).join(' or ');
    const effect = PHASE_NAMES.some((phase) => phase === name)
      ? 'so its commands never run'
      : 'so it has no effect';
    return {
      kind: 'misplaced-key',
      at: key,
      message: `"${name}" belongs ${where}, not ${parent ? `"${parent}"` : 'the top level'}: CodeBuild ignores it here, ${effect}. Check its indentation.`,
    };
  }
  if (parent === 'phases') {
    return {
      kind: 'unknown-phase',
      at: key,
      message: `Unknown phase "${name}": CodeBuild runs only ${PHASE_NAMES.join(', ')}, so these commands never run.${didYouMean || ' Move them into one of those phases.'}`,
    };
  }
  return {
    kind: 'unknown-key',
    at: key,
    message: `Unknown key "${name}" ${parent ? `in "${parent}"` : 'at the top level'}: CodeBuild ignores it.${didYouMean || ` Known keys here: ${known.join(', ')}.`}`,
  };
}
