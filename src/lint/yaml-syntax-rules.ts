/**
 * Rules every YAML file gets, whatever its kind: it must parse, indentation must not use tabs.
 * When a file does not parse, kind-specific rules are skipped: the recovered tree is not what
 * CodeBuild or CodeDeploy would see, and checking it would only add noise.
 */
import type { YAMLError } from 'yaml';
import type { ReportFn, Rule } from './rule.js';
import type { YamlSource } from './yaml-source.js';
import { quoteYaml } from './yaml-quote.js';

/**
 * Errors after which the yaml package's tree is still exactly the text as written
 * (`- @foo` recovers as the string "@foo"), so other rules can still run.
 */
const RECOVERABLE = new Set(['BAD_SCALAR_START']);

export function hasFatalYamlErrors(source: YamlSource): boolean {
  return source.document.errors.some((error) => !RECOVERABLE.has(error.code));
}

export const yamlSyntaxRule: Rule<YamlSource> = {
  id: 'yaml/syntax',
  severity: 'error',
  summary:
    'The file is not valid YAML (reserved characters such as @ ` % | > at the start of an unquoted value, unclosed quotes, bad indentation, several documents).',
  check(source, report) {
    const errors = source.document.errors;
    // Tabs derail the parser; what follows them is noise, and the tab rule says what to fix.
    if (errors.some((error) => error.code === 'TAB_AS_INDENT')) return;
    for (const error of errors.filter((e) => RECOVERABLE.has(e.code)))
      reportError(source, error, report);
    const firstFatal = errors.find((error) => !RECOVERABLE.has(error.code));
    if (firstFatal)
      reportError(source, firstFatal, report, ' Later checks are skipped until this parses.');
  },
};

export const tabIndentRule: Rule<YamlSource> = {
  id: 'yaml/tab-indent',
  severity: 'error',
  summary: 'A tab is used for indentation, which YAML does not allow.',
  check(source, report) {
    for (const error of source.document.errors) {
      if (error.code !== 'TAB_AS_INDENT') continue;
      report(
        [error.pos[0], error.pos[0] + 1],
        `Tab used for indentation: YAML allows only spaces there ("found character that cannot start any token"), so ${source.rejection}. Indent with spaces.`,
      );
    }
  },
};

function reportError(source: YamlSource, error: YAMLError, report: ReportFn, suffix = ''): void {
  const lineText = lineAt(source.text, error.pos[0]);
  const hint = indicatorHint(lineText, source.rejection);
  const reason = error.message
    .replace(/\s+at line \d+, column \d+[\s\S]*$/, '')
    .replace(/\.?\s*$/, '');
  const quote = unclosedQuote(source.text, error);
  if (quote !== undefined) {
    report(
      [quote, quote + 1],
      `Invalid YAML: this ${source.text[quote] === '"' ? 'double' : 'single'} quote is never closed, so the rest of the file is read as one string and ${source.rejection}. Close it on the line it belongs to.${suffix}`,
    );
    return;
  }
  report(
    [error.pos[0], Math.max(error.pos[0] + 1, error.pos[1])],
    hint ?? `Invalid YAML: ${reason}; ${source.rejection}.${suffix}`,
  );
}

/**
 * Where an unclosed quoted scalar opens: the parser reports it at the end of the file (past the
 * last line), which is no help; the opening quote is the last one that stands where a value can
 * start (after indentation, `- `, `: `, `[`, `{` or `,`).
 */
function unclosedQuote(text: string, error: YAMLError): number | undefined {
  const char = /Missing closing (["'])quote/.exec(error.message)?.[1];
  if (!char) return undefined;
  const before = text.slice(0, error.pos[0]);
  const opening = new RegExp(`(^|[\\s:\\-[{,])${char === '"' ? '"' : "'"}`, 'g');
  let found: number | undefined;
  for (const match of before.matchAll(opening))
    found = (match.index ?? 0) + (match[1]?.length ?? 0);
  return found;
}

/** The text of the line holding `offset`, without its line break. */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

const INDICATOR_MEANING: Readonly<Record<string, string>> = {
  '@': 'is reserved in YAML and cannot start an unquoted value',
  '`': 'is reserved in YAML and cannot start an unquoted value',
  '%': 'starts a YAML directive and cannot start an unquoted value',
  '|': 'starts a literal block, so the rest of the line is not allowed there',
  '>': 'starts a folded block, so the rest of the line is not allowed there',
};

/**
 * When the line's value (after `- ` or `key: `) starts with a character YAML reserves, says so
 * and shows the quoted value: the usual cause is a shell command written as it is typed.
 */
export function indicatorHint(
  lineText: string,
  rejection = 'the tool that reads it rejects it',
): string | undefined {
  const match = /^\s*(?:-\s+|[^\s#'"][^#]*?:\s+)(([@`%|>])(.*))$/.exec(lineText);
  if (!match) return undefined;
  const value = (match[1] ?? '').trimEnd();
  const indicator = match[2] ?? '';
  const rest = match[3] ?? '';
  // `|`, `|-`, `>+2` ... followed by nothing or a comment is a valid block header.
  if ((indicator === '|' || indicator === '>') && /^[-+0-9]*\s*(#.*)?$/.test(rest))
    return undefined;
  const meaning = INDICATOR_MEANING[indicator];
  if (!meaning) return undefined;
  return `"${indicator}" ${meaning}: the file is not valid YAML, so ${rejection}. Quote the whole value: ${quoteYaml(value)}`;
}
