/**
 * Reads one report file in a format CodeBuild accepts and summarises it: test counts for test
 * formats, line coverage for coverage formats. A file CodeBuild could not read (not XML, not
 * JSON, the wrong root element) throws ReportFormatError saying what was expected.
 */
import { COVERAGE_REPORT_FORMATS, type ReportFileFormat } from '../model.js';
import { findAll, parseXml, type XmlElement } from './xml.js';

export interface TestCounts {
  total: number;
  succeeded: number;
  failed: number;
  error: number;
  skipped: number;
}

export interface LineCoverage {
  readonly linesCovered: number;
  readonly linesMissed: number;
}

export type ReportFileSummary =
  | { readonly type: 'TEST'; readonly tests: TestCounts }
  | { readonly type: 'CODE_COVERAGE'; readonly coverage: LineCoverage | undefined };

export class ReportFormatError extends Error {
  override readonly name = 'ReportFormatError';
}

type Outcome = keyof Omit<TestCounts, 'total'>;

export function reportType(format: ReportFileFormat): 'TEST' | 'CODE_COVERAGE' {
  return (COVERAGE_REPORT_FORMATS as readonly string[]).includes(format) ? 'CODE_COVERAGE' : 'TEST';
}

export function readReportFile(format: ReportFileFormat, text: string): ReportFileSummary {
  if (text.trim() === '') throw new ReportFormatError('the file is empty');
  switch (format) {
    case 'JUNITXML':
      return tests(
        countCases(xmlRoot(text, ['testsuites', 'testsuite']), 'testcase', junitOutcome),
      );
    case 'NUNITXML':
      return tests(
        countCases(xmlRoot(text, ['test-results']), 'test-case', (c) =>
          byWord(c.attributes.result, { failure: 'failed', error: 'error', success: 'succeeded' }),
        ),
      );
    case 'NUNIT3XML':
      return tests(
        countCases(xmlRoot(text, ['test-run']), 'test-case', (c) =>
          c.attributes.label === 'Error'
            ? 'error'
            : byWord(c.attributes.result, { failed: 'failed', passed: 'succeeded' }),
        ),
      );
    case 'TESTNGXML': {
      const root = xmlRoot(text, ['testng-results']);
      const methods = findAll(root, 'test-method').filter(
        (m) => m.attributes['is-config'] !== 'true',
      );
      return tests(
        count(methods, (m) => byWord(m.attributes.status, { fail: 'failed', pass: 'succeeded' })),
      );
    }
    case 'VISUALSTUDIOTRX':
      return tests(
        countCases(xmlRoot(text, ['TestRun']), 'UnitTestResult', (r) =>
          byWord(r.attributes.outcome, { failed: 'failed', error: 'error', passed: 'succeeded' }),
        ),
      );
    case 'CUCUMBERJSON':
      return tests(cucumberCounts(json(text)));
    case 'COBERTURAXML':
      return coverage(coberturaCoverage(xmlRoot(text, ['coverage'])));
    case 'CLOVERXML':
      return coverage(cloverCoverage(xmlRoot(text, ['coverage'])));
    case 'JACOCOXML':
      return coverage(jacocoCoverage(xmlRoot(text, ['report'])));
    case 'LCOVINFO':
      return coverage(lcovCoverage(text));
    case 'SIMPLECOV':
      return coverage(simplecovCoverage(json(text)));
  }
}

function tests(counts: TestCounts): ReportFileSummary {
  return { type: 'TEST', tests: counts };
}

function coverage(lines: LineCoverage | undefined): ReportFileSummary {
  return { type: 'CODE_COVERAGE', coverage: lines };
}

function xmlRoot(text: string, expected: readonly string[]): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new ReportFormatError(
      `not well-formed XML (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!expected.includes(root.name)) {
    throw new ReportFormatError(
      `the root element is <${root.name}>, expected ${expected.map((name) => `<${name}>`).join(' or ')}`,
    );
  }
  return root;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReportFormatError(
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function countCases(
  root: XmlElement,
  element: string,
  outcome: (node: XmlElement) => Outcome,
): TestCounts {
  return count(findAll(root, element), outcome);
}

function count<T>(items: readonly T[], outcome: (item: T) => Outcome): TestCounts {
  const counts: TestCounts = { total: 0, succeeded: 0, failed: 0, error: 0, skipped: 0 };
  for (const item of items) {
    counts.total++;
    counts[outcome(item)]++;
  }
  return counts;
}

function junitOutcome(testcase: XmlElement): Outcome {
  const children = new Set(testcase.children.map((child) => child.name));
  if (children.has('failure')) return 'failed';
  if (children.has('error')) return 'error';
  if (children.has('skipped')) return 'skipped';
  return 'succeeded';
}

/** Maps a result word (any case) to an outcome; unknown words count as skipped (ignored, inconclusive). */
function byWord(word: string | undefined, map: Record<string, Outcome>): Outcome {
  return map[(word ?? '').toLowerCase()] ?? 'skipped';
}

interface CucumberScenario {
  readonly steps?: ReadonlyArray<{ readonly result?: { readonly status?: string } }>;
}

function cucumberCounts(document: unknown): TestCounts {
  if (!Array.isArray(document)) throw new ReportFormatError('expected a JSON array of features');
  const features = document as ReadonlyArray<{ elements?: unknown } | null>;
  const scenarios = features.flatMap((feature): CucumberScenario[] =>
    Array.isArray(feature?.elements) ? (feature.elements as CucumberScenario[]) : [],
  );
  return count(scenarios, (scenario) => {
    const statuses = (scenario.steps ?? []).map((step) => step.result?.status ?? 'undefined');
    if (statuses.includes('failed')) return 'failed';
    if (statuses.length > 0 && statuses.every((status) => status === 'passed')) return 'succeeded';
    return 'skipped';
  });
}

function numberAttribute(element: XmlElement | undefined, name: string): number | undefined {
  const value = element?.attributes[name];
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function coberturaCoverage(root: XmlElement): LineCoverage | undefined {
  const covered = numberAttribute(root, 'lines-covered');
  const valid = numberAttribute(root, 'lines-valid');
  return covered !== undefined && valid !== undefined
    ? { linesCovered: covered, linesMissed: valid - covered }
    : undefined;
}

function cloverCoverage(root: XmlElement): LineCoverage | undefined {
  const metrics = root.children
    .find((child) => child.name === 'project')
    ?.children.find((child) => child.name === 'metrics');
  const covered = numberAttribute(metrics, 'coveredstatements');
  const total = numberAttribute(metrics, 'statements');
  return covered !== undefined && total !== undefined
    ? { linesCovered: covered, linesMissed: total - covered }
    : undefined;
}

function jacocoCoverage(root: XmlElement): LineCoverage | undefined {
  const line = root.children.find(
    (child) => child.name === 'counter' && child.attributes.type === 'LINE',
  );
  const covered = numberAttribute(line, 'covered');
  const missed = numberAttribute(line, 'missed');
  return covered !== undefined && missed !== undefined
    ? { linesCovered: covered, linesMissed: missed }
    : undefined;
}

function lcovCoverage(text: string): LineCoverage {
  if (!/^SF:/m.test(text) || !/^end_of_record\s*$/m.test(text)) {
    throw new ReportFormatError('not LCOV: expected SF: and end_of_record lines');
  }
  let found = 0;
  let hit = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('LF:')) found += Number(line.slice(3)) || 0;
    else if (line.startsWith('LH:')) hit += Number(line.slice(3)) || 0;
  }
  return { linesCovered: hit, linesMissed: found - hit };
}

/** SimpleCov's `.resultset.json` or JSON formatter output: arrays of per-line hit counts (null = not code). */
function simplecovCoverage(document: unknown): LineCoverage | undefined {
  let covered = 0;
  let relevant = 0;
  const visit = (node: unknown, key: string | undefined): void => {
    if (Array.isArray(node)) {
      if (key === 'lines') {
        for (const hits of node) {
          if (typeof hits === 'number') {
            relevant++;
            if (hits > 0) covered++;
          }
        }
      }
      return;
    }
    if (typeof node === 'object' && node !== null)
      for (const [name, value] of Object.entries(node)) visit(value, name);
  };
  if (typeof document !== 'object' || document === null)
    throw new ReportFormatError('expected a SimpleCov JSON object');
  visit(document, undefined);
  return relevant > 0 ? { linesCovered: covered, linesMissed: relevant - covered } : undefined;
}
