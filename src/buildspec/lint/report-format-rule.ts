/** reports.<group>.file-format must be a format CodeBuild can read (any case, as it documents). */
import { isScalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { COVERAGE_REPORT_FORMATS, TEST_REPORT_FORMATS } from '../model.js';
import { entries, entry, mapAt, scalarValue, type BuildspecView } from './buildspec-view.js';
import { closestName } from '../../util/closest-name.js';

const FORMATS: readonly string[] = [...TEST_REPORT_FORMATS, ...COVERAGE_REPORT_FORMATS];

export const reportFormatRule: Rule<BuildspecView> = {
  id: 'buildspec/report-format',
  severity: 'error',
  summary: `reports file-format is not one of ${FORMATS.join(', ')}.`,
  check(view, report) {
    for (const group of entries(mapAt(view.root, 'reports'))) {
      const format = entry(group.value, 'file-format');
      const value = scalarValue(format?.value);
      if (!format || !isScalar(format.value) || value === undefined) continue;
      if (FORMATS.includes(value.toUpperCase())) continue;
      const guess = closestName(value.toUpperCase(), FORMATS);
      report(
        format.value,
        `file-format "${value}" of report group "${group.name}" is not a format CodeBuild reads: the report fails. Test reports: ${TEST_REPORT_FORMATS.join(', ')}; coverage: ${COVERAGE_REPORT_FORMATS.join(', ')}.${guess ? ` Did you mean ${guess}?` : ''}`,
      );
    }
  },
};
