/**
 * reports.<group>.file-format must be a format CodeBuild can read (any case, as it documents);
 * without one CodeBuild reads the files as JUNITXML, so a group of lcov.info, Cucumber JSON or
 * .trx files without file-format fails to parse.
 */
import { isScalar, isSeq } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { COVERAGE_REPORT_FORMATS, TEST_REPORT_FORMATS } from '../model.js';
import { entries, entry, mapAt, scalarValue, type BuildspecView } from './buildspec-view.js';
import { closestName } from '../../util/closest-name.js';

const FORMATS: readonly string[] = [...TEST_REPORT_FORMATS, ...COVERAGE_REPORT_FORMATS];

export const reportFormatRule: Rule<BuildspecView> = {
  id: 'buildspec/report-format',
  severity: 'error',
  summary: `reports file-format is not one of ${FORMATS.join(', ')} (error), or is missing for files that are not JUnit XML, such as lcov.info (warning).`,
  check(view, report) {
    for (const group of entries(mapAt(view.root, 'reports'))) {
      const format = entry(group.value, 'file-format');
      if (!format) {
        checkDefaultFormat(group.name, entry(group.value, 'files')?.value, report);
        continue;
      }
      const value = scalarValue(format.value);
      if (!isScalar(format.value) || value === undefined) continue;
      if (FORMATS.includes(value.toUpperCase())) continue;
      const guess = closestName(value.toUpperCase(), FORMATS);
      report(
        format.value,
        `file-format "${value}" of report group "${group.name}" is not a format CodeBuild reads: the report fails. Test reports: ${TEST_REPORT_FORMATS.join(', ')}; coverage: ${COVERAGE_REPORT_FORMATS.join(', ')}.${guess ? ` Did you mean ${guess}?` : ''}`,
      );
    }
  },
};

interface Guess {
  /** The format the file most likely is, or undefined when CodeBuild reads none like it. */
  readonly format: string | undefined;
  /** What the file looks like, for the message. */
  readonly looksLike: string;
}

/**
 * The format a report file's name says it is, when that is not JUnit XML. Only names that say
 * it plainly: an .xml file is taken as JUnit unless its name is a coverage tool's or TestNG's
 * default file name.
 */
function guessFormat(path: string): Guess | undefined {
  const name = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name.endsWith('.info')) return { format: 'LCOVINFO', looksLike: 'an lcov coverage file' };
  if (name.endsWith('.trx'))
    return { format: 'VISUALSTUDIOTRX', looksLike: 'a Visual Studio test results file' };
  if (name === '.resultset.json')
    return { format: 'SIMPLECOV', looksLike: "SimpleCov's coverage file" };
  if (name.endsWith('.json')) {
    if (/coverage|istanbul|nyc/.test(path.toLowerCase()))
      return { format: undefined, looksLike: 'a JSON coverage file (Istanbul/nyc)' };
    return { format: 'CUCUMBERJSON', looksLike: 'a JSON report (CodeBuild reads Cucumber JSON)' };
  }
  if (/^jacoco[\w.-]*\.xml$/.test(name))
    return { format: 'JACOCOXML', looksLike: 'a JaCoCo coverage file' };
  if (/^(cobertura[\w.-]*|[\w.-]*\.cobertura)\.xml$/.test(name))
    return { format: 'COBERTURAXML', looksLike: 'a Cobertura coverage file' };
  if (name === 'clover.xml') return { format: 'CLOVERXML', looksLike: 'a Clover coverage file' };
  if (name === 'testng-results.xml')
    return { format: 'TESTNGXML', looksLike: 'a TestNG results file' };
  if (/\.(html?|txt|log|md)$/.test(name))
    return { format: undefined, looksLike: 'a page or text file' };
  return undefined;
}

function checkDefaultFormat(
  group: string,
  files: unknown,
  report: Parameters<Rule<BuildspecView>['check']>[1],
): void {
  const items = isSeq(files) ? files.items : [files];
  for (const item of items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    const guess = guessFormat(item.value);
    if (!guess) continue;
    const fix = guess.format
      ? `Add "file-format: ${guess.format}" to the group.`
      : `CodeBuild reads no such format: have the tool write JUnit XML or a coverage format CodeBuild reads (${COVERAGE_REPORT_FORMATS.join(', ')}; lcov.info is LCOVINFO) and set file-format.`;
    report(
      item,
      `Report group "${group}" has no file-format, so CodeBuild reads "${item.value}" as JUNITXML, but it looks like ${guess.looksLike}: the report fails to parse. ${fix}`,
      'warning',
    );
    return;
  }
}
