/**
 * Test results in one line and as step outputs: the commit status's "3 of 20 tests failed",
 * the `tests-*` / `coverage-line` / `reports` outputs. A build without test reports gets no
 * suffix and no test outputs; one without coverage reports no `coverage-line`.
 */
import {
  failedCount,
  formatPercent,
  lineCoverage,
  sumCounts,
  type TestCounts,
  type TestResults,
} from './test-results.js';

/** The outputs the test results set, declared once for action.yml and the README. */
export const TEST_RESULT_OUTPUTS = {
  'tests-total':
    "Tests in the build's CodeBuild test reports (summed; with batch: over the members). Not set without test reports.",
  'tests-passed': 'Tests that passed.',
  'tests-failed': 'Tests that failed or ended in error.',
  'tests-skipped': 'Tests that were skipped.',
  'coverage-line':
    'Line coverage in percent over the coverage reports (lines covered / lines counted), when there is one.',
  reports:
    'JSON list of the reports: name, type, status, counts or coverage, and url (the report in the CodeBuild console).',
} as const;

/** "3 of 20 tests failed", "20 tests passed", "18 tests passed, 2 skipped"; undefined without tests. */
export function testsSuffix(counts: TestCounts | undefined): string | undefined {
  if (!counts || counts.total === 0) return undefined;
  const failed = failedCount(counts);
  const tests = (n: number) => `${n} test${n === 1 ? '' : 's'}`;
  if (failed > 0) return `${failed} of ${tests(counts.total)} failed`;
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  return `${tests(counts.passed)} passed${skipped}`;
}

/**
 * The build's description with its tests, the counts kept within `max` characters: they go
 * right after the head ("Build #12 failed in BUILD after 3m 12s") and before the reason, which
 * is cut first.
 */
export function withTests(description: string, results: TestResults, max: number): string {
  const suffix = testsSuffix(sumCounts(results.reports));
  if (!suffix) return description;
  const colon = description.indexOf(': ');
  const head = colon === -1 ? description : description.slice(0, colon);
  const reason = colon === -1 ? '' : description.slice(colon + 2);
  const text = `${head}: ${suffix}${reason ? `; ${reason}` : ''}`;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The outputs for these results; empty (nothing to set) when there are no reports. */
export function testOutputs(results: TestResults): Record<string, string> {
  if (results.reports.length === 0) return {};
  const outputs: Record<string, string> = {};
  const counts = sumCounts(results.reports);
  if (counts) {
    outputs['tests-total'] = String(counts.total);
    outputs['tests-passed'] = String(counts.passed);
    outputs['tests-failed'] = String(failedCount(counts));
    outputs['tests-skipped'] = String(counts.skipped);
  }
  const coverage = lineCoverage(results.reports);
  if (coverage !== undefined) outputs['coverage-line'] = formatPercent(coverage).slice(0, -1);
  outputs.reports = JSON.stringify(
    results.reports.map((report) => ({
      name: report.name,
      type: report.type,
      status: report.status,
      ...(report.counts ? { counts: report.counts } : {}),
      ...(report.coverage ? { coverage: report.coverage } : {}),
      ...(report.url ? { url: report.url } : {}),
    })),
  );
  return outputs;
}
