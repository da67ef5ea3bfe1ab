/**
 * EventBridge's event pattern matching, as the EventBridge user guide describes it ("Amazon
 * EventBridge event patterns", "Content filtering in Amazon EventBridge event patterns"), for
 * checking a template's rules against sample events without AWS:
 * - a pattern is an object; every field it names must match (AND), nested objects match nested
 *   fields, and `$or` takes a list of patterns of which one must match;
 * - a field's value in the pattern is a list of matchers of which one must match (OR): a string,
 *   number, boolean or null matches that exact value; an object is a content filter: `prefix`,
 *   `suffix` (each also with `equals-ignore-case`), `equals-ignore-case`, `anything-but` (a value,
 *   a list of values, or a `prefix`, `suffix`, `equals-ignore-case` or `wildcard` filter),
 *   `numeric` (comparisons, ANDed), `exists` and `wildcard`;
 * - when the event's value is a list, the field matches when any element does, and a nested
 *   pattern matches a list of objects when any object does;
 * - a field missing from the event matches only `{ "exists": false }`.
 */

type Pattern = Record<string, unknown>;
const MISSING = Symbol('missing');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function matchesPattern(pattern: object, event: object): boolean {
  return matchesObject(pattern as Pattern, event);
}

function matchesObject(pattern: Pattern, node: unknown): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2) throw new Error('$or takes 2 or more patterns');
      return (rule as Pattern[]).some((alternative) => matchesObject(alternative, node));
    }
    const value = isObject(node) && key in node ? node[key] : MISSING;
    if (Array.isArray(rule)) return matchesField(rule, value);
    if (isObject(rule)) {
      if (Array.isArray(value)) return value.some((element) => matchesObject(rule, element));
      return matchesObject(rule, value);
    }
    throw new Error(`the pattern's "${key}" must be an object or a list`);
  });
}

function matchesField(matchers: unknown[], value: unknown): boolean {
  if (matchers.length === 0) throw new Error('a list of matchers cannot be empty');
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher)
      return matcher.exists === (value !== MISSING && !isObject(value));
    if (value === MISSING || isObject(value)) return false;
    if (Array.isArray(value)) return value.some((element) => matchesValue(matcher, element));
    return matchesValue(matcher, value);
  });
}

function matchesValue(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value;
  const entries = Object.entries(matcher);
  if (entries.length !== 1)
    throw new Error(`a content filter has one key: ${JSON.stringify(matcher)}`);
  const [[name, argument]] = entries as [[string, unknown]];
  switch (name) {
    case 'prefix':
      return typeof value === 'string' && affix(argument, value, (v, a) => v.startsWith(a));
    case 'suffix':
      return typeof value === 'string' && affix(argument, value, (v, a) => v.endsWith(a));
    case 'equals-ignore-case':
      return (
        typeof value === 'string' &&
        list(argument).some((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase())
      );
    case 'wildcard':
      return typeof value === 'string' && wildcard(argument as string).test(value);
    case 'numeric':
      return typeof value === 'number' && numeric(argument as unknown[], value);
    case 'anything-but':
      if (isObject(argument)) return !matchesValue(argument, value);
      return !list(argument).some((excluded) => excluded === value);
    default:
      throw new Error(`unknown content filter "${name}"`);
  }
}

const list = (argument: unknown): unknown[] => (Array.isArray(argument) ? argument : [argument]);

function affix(argument: unknown, value: string, test: (v: string, a: string) => boolean): boolean {
  if (isObject(argument) && 'equals-ignore-case' in argument)
    return test(value.toLowerCase(), String(argument['equals-ignore-case']).toLowerCase());
  return list(argument).some((a) => typeof a === 'string' && test(value, a));
}

/** `*` any characters; `\*` a star and `\\` a backslash. */
function wildcard(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) source += escape(glob[++i]!);
    else source += c === '*' ? '.*' : escape(c);
  }
  return new RegExp(`^${source}$`, 's');
}
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function numeric(conditions: unknown[], value: number): boolean {
  if (conditions.length === 0 || conditions.length % 2 !== 0)
    throw new Error('numeric takes operator, number pairs');
  for (let i = 0; i < conditions.length; i += 2) {
    const operator = conditions[i];
    const bound = conditions[i + 1] as number;
    const holds =
      operator === '<'
        ? value < bound
        : operator === '<='
          ? value <= bound
          : operator === '='
            ? value === bound
            : operator === '>='
              ? value >= bound
              : operator === '>'
                ? value > bound
                : undefined;
    if (holds === undefined) throw new Error(`unknown numeric operator ${String(operator)}`);
    if (!holds) return false;
  }
  return true;
}
