import { FAILED_TESTS_CAP } from '../../src/codebuild/test-results.js';
import { readReportFile, ReportFormatError } from '../../src/buildspec/local/report-formats.js';
import { parseXml, TEXT_MAX, XmlSyntaxError } from '../../src/buildspec/local/xml.js';
import { runBuildspec } from '../helpers/local-build.js';

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<!-- written by a test runner -->
<testsuites>
  <testsuite name="cart" tests="4">
    <testcase classname="cart" name="adds an item"/>
    <testcase classname="cart" name="removes an item &amp; its price"><failure message="expected 1"><![CDATA[stack <trace>]]></failure></testcase>
    <testcase classname="cart" name="crashes"><error message="boom"/></testcase>
    <testcase classname="cart" name="later"><skipped/></testcase>
  </testsuite>
</testsuites>
`;

const COBERTURA = `<?xml version="1.0" ?>
<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
<coverage lines-valid="200" lines-covered="150" line-rate="0.75" version="1"><packages/></coverage>
`;

const LCOV = [
  'TN:',
  'SF:src/a.js',
  'DA:1,1',
  'LF:10',
  'LH:8',
  'end_of_record',
  'SF:src/b.js',
  'LF:10',
  'LH:2',
  'end_of_record',
  '',
].join('\n');

describe('parseXml', () => {
  it('reads elements and attributes past declarations, comments, CDATA and entities', () => {
    const root = parseXml(JUNIT);
    expect(root.name).toBe('testsuites');
    expect(root.children[0]?.children[1]?.attributes.name).toBe('removes an item & its price');
  });

  it("keeps each element's own text and CDATA, entities decoded, capped", () => {
    const root = parseXml('<a>x &lt; y<b>inner</b><![CDATA[ <raw> ]]>tail</a>');
    expect(root.text).toBe('x < y <raw> tail');
    expect(root.children[0]?.text).toBe('inner');
    expect(parseXml(`<a>${'z'.repeat(TEXT_MAX + 10)}</a>`).text).toHaveLength(TEXT_MAX);
  });

  it.each([
    ['<a><b></a>', 'line 1: </a> closes <b>'],
    ['<a>', 'line 1: <a> is never closed'],
    ['<a/><b/>', 'line 1: a second root element <b>'],
    ['<a>fish & chips</a>', 'line 1: "&" that starts no entity (write &amp;)'],
    ['text <a/>', 'line 1: text outside the root element'],
    ['<a x="1" x="2"/>', 'line 1: attribute x appears twice in <a>'],
    ['<a>\n<b x=1/></a>', 'line 2: <b> has a malformed attribute or is not closed with >'],
    ['', 'line 1: there is no root element'],
  ])('refuses %j with %s', (text, message) => {
    expect(() => parseXml(text)).toThrow(new XmlSyntaxError(message));
  });
});

describe('readReportFile', () => {
  it('counts JUnit test cases by outcome and lists the failed and errored ones', () => {
    expect(readReportFile('JUNITXML', JUNIT)).toEqual({
      type: 'TEST',
      tests: { total: 4, succeeded: 1, failed: 1, error: 1, skipped: 1 },
      failed: [
        {
          suite: 'cart',
          name: 'removes an item & its price',
          status: 'FAILED',
          message: 'expected 1\nstack <trace>',
          durationMs: undefined,
        },
        { suite: 'cart', name: 'crashes', status: 'ERROR', message: 'boom', durationMs: undefined },
      ],
      failedNotListed: 0,
      durationMs: undefined,
    });
  });

  it("takes a JUnit case's suite, time, file and line, and caps the list", () => {
    const cases = Array.from(
      { length: FAILED_TESTS_CAP + 3 },
      (_, n) => `<testcase name="t${n}"><failure/></testcase>`,
    ).join('');
    expect(
      readReportFile(
        'JUNITXML',
        `<testsuites time="2.5"><testsuite name="outer"><testcase name="a" time="0.25" file="src/a.test.ts" line="12"><failure>Error: no\n  at a</failure></testcase>${cases}</testsuite></testsuites>`,
      ),
    ).toMatchObject({
      durationMs: 2500,
      failed: expect.arrayContaining([
        {
          suite: 'outer',
          name: 'a',
          status: 'FAILED',
          message: 'Error: no\n  at a',
          durationMs: 250,
          file: 'src/a.test.ts',
          line: 12,
        },
      ]) as unknown,
      failedNotListed: 4,
    });
  });

  it('counts but does not list the failed cases of other test formats', () => {
    expect(
      readReportFile(
        'NUNIT3XML',
        '<test-run><test-case result="Passed"/><test-case result="Failed"/></test-run>',
      ),
    ).toMatchObject({ failed: [], failedNotListed: 1 });
  });

  it('accepts a lone <testsuite> root', () => {
    expect(readReportFile('JUNITXML', '<testsuite><testcase name="a"/></testsuite>')).toMatchObject(
      { tests: { total: 1, succeeded: 1 } },
    );
  });

  it('counts NUnit 3, TestNG, TRX and Cucumber results', () => {
    expect(
      readReportFile(
        'NUNIT3XML',
        '<test-run><test-case result="Passed"/><test-case result="Failed"/><test-case result="Failed" label="Error"/></test-run>',
      ),
    ).toMatchObject({
      tests: { total: 3, succeeded: 1, failed: 1, error: 1 },
    });
    expect(
      readReportFile(
        'NUNITXML',
        '<test-results><test-case result="Success"/><test-case result="Ignored"/></test-results>',
      ),
    ).toMatchObject({
      tests: { total: 2, succeeded: 1, skipped: 1 },
    });
    expect(
      readReportFile(
        'TESTNGXML',
        '<testng-results><test-method status="PASS"/><test-method status="FAIL"/><test-method status="PASS" is-config="true"/></testng-results>',
      ),
    ).toMatchObject({ tests: { total: 2, succeeded: 1, failed: 1 } });
    expect(
      readReportFile(
        'VISUALSTUDIOTRX',
        '<TestRun><Results><UnitTestResult outcome="Passed"/><UnitTestResult outcome="NotExecuted"/></Results></TestRun>',
      ),
    ).toMatchObject({
      tests: { total: 2, succeeded: 1, skipped: 1 },
    });
    const cucumber = JSON.stringify([
      {
        elements: [
          { steps: [{ result: { status: 'passed' } }] },
          { steps: [{ result: { status: 'failed' } }] },
        ],
      },
    ]);
    expect(readReportFile('CUCUMBERJSON', cucumber)).toMatchObject({
      tests: { total: 2, succeeded: 1, failed: 1 },
    });
  });

  it('reads line coverage from Cobertura, LCOV, JaCoCo, Clover and SimpleCov', () => {
    expect(readReportFile('COBERTURAXML', COBERTURA)).toEqual({
      type: 'CODE_COVERAGE',
      coverage: { linesCovered: 150, linesMissed: 50 },
      files: [],
    });
    expect(readReportFile('LCOVINFO', LCOV)).toEqual({
      type: 'CODE_COVERAGE',
      coverage: { linesCovered: 10, linesMissed: 10 },
      files: [
        { path: 'src/a.js', linePercent: 80, branchPercent: undefined },
        { path: 'src/b.js', linePercent: 20, branchPercent: undefined },
      ],
    });
    expect(
      readReportFile(
        'JACOCOXML',
        '<report name="x"><counter type="LINE" missed="3" covered="9"/></report>',
      ),
    ).toMatchObject({ coverage: { linesCovered: 9, linesMissed: 3 } });
    expect(
      readReportFile(
        'JACOCOXML',
        '<report name="x"><package name="com/shop"><sourcefile name="Cart.java"><counter type="LINE" missed="1" covered="3"/></sourcefile></package><counter type="LINE" missed="1" covered="3"/></report>',
      ),
    ).toMatchObject({ files: [{ path: 'com/shop/Cart.java', linePercent: 75 }] });
    expect(
      readReportFile(
        'CLOVERXML',
        '<coverage><project><metrics statements="3" coveredstatements="1"/><package><file name="a.php" path="/src/a.php"><metrics statements="3" coveredstatements="1"/></file></package></project></coverage>',
      ),
    ).toMatchObject({ files: [{ path: '/src/a.php', linePercent: 33.33 }] });
    expect(
      readReportFile(
        'CLOVERXML',
        '<coverage><project><metrics statements="10" coveredstatements="4"/></project></coverage>',
      ),
    ).toMatchObject({
      coverage: { linesCovered: 4, linesMissed: 6 },
    });
    expect(
      readReportFile(
        'SIMPLECOV',
        JSON.stringify({ RSpec: { coverage: { 'a.rb': { lines: [1, 0, null, 2] } } } }),
      ),
    ).toMatchObject({
      coverage: { linesCovered: 2, linesMissed: 1 },
    });
  });

  it.each([
    ['JUNITXML', '', 'the file is empty'],
    ['JUNITXML', '<testsuite>', 'not well-formed XML (line 1: <testsuite> is never closed)'],
    [
      'JUNITXML',
      '<coverage/>',
      'the root element is <coverage>, expected <testsuites> or <testsuite>',
    ],
    ['LCOVINFO', 'hello', 'not LCOV: expected SF: and end_of_record lines'],
    ['CUCUMBERJSON', '{', expect.stringMatching(/^not valid JSON/) as unknown as string],
  ] as const)('refuses a %s file %j: %s', (format, text, message) => {
    let thrown: unknown;
    try {
      readReportFile(format, text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportFormatError);
    expect((thrown as Error).message).toEqual(message);
  });
});

describe('reports of a local build', () => {
  const spec = (reports: string[]) =>
    [
      'version: 0.2',
      'phases:',
      '  build:',
      '    commands:',
      '      - echo tests ran',
      'reports:',
      ...reports,
      '',
    ].join('\n');

  it('checks the report files, counts tests and coverage, and logs each report', async () => {
    const { result, logger } = await runBuildspec(
      spec([
        '  unit-tests:',
        '    files:',
        "      - '**/*.xml'",
        '    base-directory: reports',
        '  coverage:',
        '    files:',
        '      - coverage/lcov.info',
        '    file-format: LCOVINFO',
      ]),
      {
        files: {
          'reports/junit.xml': JUNIT,
          'reports/more/other.xml': '<testsuite><testcase name="x"/></testsuite>',
          'coverage/lcov.info': LCOV,
        },
      },
    );
    expect(result.reports).toEqual([
      {
        name: 'unit-tests',
        type: 'TEST',
        fileFormat: 'JUNITXML',
        files: ['junit.xml', 'more/other.xml'],
        status: 'FAILED',
        testSummary: { total: 5, succeeded: 2, failed: 1, error: 1, skipped: 1 },
        codeCoverageSummary: undefined,
        failedTests: [
          expect.objectContaining({ name: 'removes an item & its price', status: 'FAILED' }),
          expect.objectContaining({ name: 'crashes', status: 'ERROR' }),
        ],
        failedTestsNotListed: 0,
        durationMs: undefined,
        leastCovered: [],
        problems: [],
      },
      {
        name: 'coverage',
        type: 'CODE_COVERAGE',
        fileFormat: 'LCOVINFO',
        files: ['coverage/lcov.info'],
        status: 'SUCCEEDED',
        testSummary: undefined,
        codeCoverageSummary: { lineCoveragePercentage: 50, linesCovered: 10, linesMissed: 10 },
        failedTests: [],
        failedTestsNotListed: 0,
        durationMs: undefined,
        leastCovered: [
          { path: 'src/b.js', linePercent: 20, branchPercent: undefined },
          { path: 'src/a.js', linePercent: 80, branchPercent: undefined },
        ],
        problems: [],
      },
    ]);
    expect(logger.plainLines).toEqual(
      expect.arrayContaining([
        'Report FAILED: unit-tests (JUNITXML): 5 tests, 1 failed, 1 errored, 1 skipped',
        'Report SUCCEEDED: coverage (LCOVINFO): 50% of lines covered (10 of 20)',
      ]),
    );
    // Failed tests fail the report, never the build: the commands' exit codes decide that.
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('reports missing and unreadable report files without failing the build', async () => {
    const { result } = await runBuildspec(
      spec([
        '  missing:',
        '    files:',
        '      - out/junit.xml',
        '  broken:',
        '    files:',
        '      - broken.xml',
        '      - good.xml',
      ]),
      {
        files: {
          'broken.xml': '<testsuite><testcase></testsuite>',
          'good.xml': '<testsuite><testcase name="a"/></testsuite>',
        },
      },
    );
    expect(result.reports.map((report) => [report.name, report.status, report.problems])).toEqual([
      ['missing', 'FAILED', ['no files matched out/junit.xml in the source directory']],
      [
        'broken',
        'INCOMPLETE',
        [
          'broken.xml is not JUNITXML: not well-formed XML (line 1: </testsuite> closes <testcase>)',
        ],
      ],
    ]);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });
});
