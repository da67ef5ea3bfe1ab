/**
 * Reads one report file in a format CodeBuild accepts and summarises it: test counts for test
 * formats (with the failed and errored test cases for JUnit), line coverage for coverage
 * formats (with each file's line coverage for Cobertura, Clover, JaCoCo and LCOV). A file
 * CodeBuild could not read (not XML, not JSON, the wrong root element) throws
 * ReportFormatError saying what was expected.
 */
import {
  FAILED_TESTS_CAP,
  type FailedTest,
  type FileCoverage,
} from '../../codebuild/test-results.js';
import { COVERAGE_REPORT_FORMATS, type ReportFileFormat } from '../model.js';
import { findAll, parseXml, type XmlElement } from './xml.js';

/** Characters of a failure message kept. */
export const MESSAGE_MAX = 16 * 1024;

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

export interface TestFileSummary {
  readonly type: 'TEST';
  readonly tests: TestCounts;
  /** Failed and errored test cases, at most FAILED_TESTS_CAP; empty for formats not read for them. */
  readonly failed: readonly FailedTest[];
  /** Failed and errored cases beyond `failed` (for formats not read for them: all of them). */
  readonly failedNotListed: number;
  /** The file's own duration (JUnit `time`), when it gives one. */
  readonly durationMs: number | undefined;
}

export interface CoverageFileSummary {
  readonly type: 'CODE_COVERAGE';
  readonly coverage: LineCoverage | undefined;
  /** Line coverage per source file; empty for formats not read per file. */
  readonly files: readonly FileCoverage[];
}

export type ReportFileSummary = TestFileSummary | CoverageFileSummary;

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
    case 'JUNITXML': {
      const root = xmlRoot(text, ['testsuites', 'testsuite']);
      const counts = countCases(root, 'testcase', junitOutcome);
      const failed = junitFailures(root);
      return {
        type: 'TEST',
        tests: counts,
        failed: failed.slice(0, FAILED_TESTS_CAP),
        failedNotListed: Math.max(0, failed.length - FAILED_TESTS_CAP),
        durationMs: junitDuration(root),
      };
    }
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
    case 'COBERTURAXML': {
      const root = xmlRoot(text, ['coverage']);
      return coverage(coberturaCoverage(root), coberturaFiles(root));
    }
    case 'CLOVERXML': {
      const root = xmlRoot(text, ['coverage']);
      return coverage(cloverCoverage(root), cloverFiles(root));
    }
    case 'JACOCOXML': {
      const root = xmlRoot(text, ['report']);
      return coverage(jacocoCoverage(root), jacocoFiles(root));
    }
    case 'LCOVINFO':
      return coverage(lcovCoverage(text), lcovFiles(text));
    case 'SIMPLECOV':
      return coverage(simplecovCoverage(json(text)), []);
  }
}

/** A test summary for a format whose failed cases are not read: they are all counted. */
function tests(counts: TestCounts): ReportFileSummary {
  return {
    type: 'TEST',
    tests: counts,
    failed: [],
    failedNotListed: counts.failed + counts.error,
    durationMs: undefined,
  };
}

function coverage(lines: LineCoverage | undefined, files: FileCoverage[]): ReportFileSummary {
  return { type: 'CODE_COVERAGE', coverage: lines, files };
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

/**
 * The failed and errored test cases in document order: suite from `classname`, else the
 * enclosing `<testsuite>`'s name; message from the `message` attribute, then the element's text.
 */
function junitFailures(root: XmlElement): FailedTest[] {
  const failed: FailedTest[] = [];
  const visit = (node: XmlElement, suite: string): void => {
    if (node.name === 'testcase') {
      const outcome = junitOutcome(node);
      if (outcome !== 'failed' && outcome !== 'error') return;
      const problem = node.children.find(
        (child) => child.name === (outcome === 'failed' ? 'failure' : 'error'),
      );
      const seconds = numberAttribute(node, 'time');
      const line = numberAttribute(node, 'line');
      failed.push({
        suite: node.attributes.classname ?? suite,
        name: node.attributes.name ?? '(unnamed test)',
        status: outcome === 'failed' ? 'FAILED' : 'ERROR',
        message: junitMessage(problem),
        durationMs: seconds === undefined ? undefined : seconds * 1000,
        ...(node.attributes.file ? { file: node.attributes.file } : {}),
        ...(line !== undefined && Number.isInteger(line) && line > 0 ? { line } : {}),
      });
      return;
    }
    const inner = node.name === 'testsuite' ? (node.attributes.name ?? suite) : suite;
    for (const child of node.children) visit(child, inner);
  };
  visit(root, '');
  return failed;
}

function junitMessage(problem: XmlElement | undefined): string {
  const attribute = (problem?.attributes.message ?? '').trim();
  const text = (problem?.text ?? '').trim();
  const message =
    text === '' || text === attribute
      ? attribute
      : attribute === '' || text.startsWith(attribute)
        ? text
        : `${attribute}\n${text}`;
  return message.slice(0, MESSAGE_MAX);
}

/** The root's `time`, else the sum of the top-level suites' times; seconds to milliseconds. */
function junitDuration(root: XmlElement): number | undefined {
  const own = numberAttribute(root, 'time');
  if (own !== undefined) return own * 1000;
  const times = root.children
    .filter((child) => child.name === 'testsuite')
    .map((suite) => numberAttribute(suite, 'time'));
  if (times.length === 0 || times.some((time) => time === undefined)) return undefined;
  return times.reduce<number>((sum, time) => sum + (time ?? 0), 0) * 1000;
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

/** Percent with two decimals, as CodeBuild shows it; a file without lines counts as covered. */
function percentOf(covered: number, total: number): number {
  return total <= 0 ? 100 : Math.round((covered / total) * 10000) / 100;
}

function fileFromCounts(path: string, covered: number, total: number): FileCoverage {
  return { path, linePercent: percentOf(covered, total), branchPercent: undefined };
}

/** Cobertura's classes grouped by `filename`: its `<line>`s counted, else its `line-rate`. */
function coberturaFiles(root: XmlElement): FileCoverage[] {
  const byPath = new Map<string, { covered: number; total: number; rates: number[] }>();
  for (const node of findAll(root, 'class')) {
    const path = node.attributes.filename;
    if (!path) continue;
    const entry = byPath.get(path) ?? { covered: 0, total: 0, rates: [] };
    byPath.set(path, entry);
    const lines = node.children
      .filter((child) => child.name === 'lines')
      .flatMap((lines) => lines.children.filter((child) => child.name === 'line'));
    if (lines.length > 0) {
      entry.total += lines.length;
      entry.covered += lines.filter((line) => (numberAttribute(line, 'hits') ?? 0) > 0).length;
    } else {
      const rate = numberAttribute(node, 'line-rate');
      if (rate !== undefined) entry.rates.push(rate);
    }
  }
  return [...byPath].map(([path, { covered, total, rates }]) =>
    total > 0 || rates.length === 0
      ? fileFromCounts(path, covered, total)
      : {
          path,
          linePercent: Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10000) / 100,
          branchPercent: undefined,
        },
  );
}

function cloverFiles(root: XmlElement): FileCoverage[] {
  return findAll(root, 'file').flatMap((file) => {
    const path = file.attributes.path ?? file.attributes.name;
    const metrics = file.children.find((child) => child.name === 'metrics');
    const covered = numberAttribute(metrics, 'coveredstatements');
    const total = numberAttribute(metrics, 'statements');
    return path && covered !== undefined && total !== undefined
      ? [fileFromCounts(path, covered, total)]
      : [];
  });
}

function jacocoFiles(root: XmlElement): FileCoverage[] {
  return findAll(root, 'package').flatMap((pkg) =>
    pkg.children
      .filter((child) => child.name === 'sourcefile')
      .flatMap((source) => {
        const line = source.children.find(
          (child) => child.name === 'counter' && child.attributes.type === 'LINE',
        );
        const covered = numberAttribute(line, 'covered');
        const missed = numberAttribute(line, 'missed');
        const name = source.attributes.name;
        if (!name || covered === undefined || missed === undefined) return [];
        const path = pkg.attributes.name ? `${pkg.attributes.name}/${name}` : name;
        return [fileFromCounts(path, covered, covered + missed)];
      }),
  );
}

function lcovFiles(text: string): FileCoverage[] {
  const files: FileCoverage[] = [];
  let path: string | undefined;
  let found = 0;
  let hit = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('SF:')) {
      path = line.slice(3);
      found = 0;
      hit = 0;
    } else if (line.startsWith('LF:')) found += Number(line.slice(3)) || 0;
    else if (line.startsWith('LH:')) hit += Number(line.slice(3)) || 0;
    else if (line.trim() === 'end_of_record' && path !== undefined) {
      files.push(fileFromCounts(path, hit, found));
      path = undefined;
    }
  }
  return files;
}
