/**
 * Runs the fake AWS endpoint as a standalone process for manual runs and benchmarks:
 *
 *   node --experimental-strip-types test/fakes/serve-aws.ts --project app [--project other]
 *        [--scenario success|failure|timeout|fault|s3|late|big|steady] [--realistic] [--port 4566]
 *
 * Every StartBuild runs the chosen scenario (realistic = a 60 s build). It prints the endpoint to
 * use as AWS_ENDPOINT_URL, then one line per call.
 */
import { parseArgs } from 'node:util';

// Loaded by URL so that this file runs under plain type stripping, which needs the `.ts` name,
// while type-checking still sees the module's types.
type Fakes = typeof import('./aws-server.js');
const fakes = (await import(new URL('./aws-server.ts', import.meta.url).href)) as Fakes;

const { values } = parseArgs({
  options: {
    project: { type: 'string', multiple: true, default: ['app'] },
    scenario: { type: 'string', default: 'success' },
    region: { type: 'string', default: 'us-east-1' },
    port: { type: 'string', default: '0' },
    realistic: { type: 'boolean', default: false },
  },
});

const timings = values.realistic ? fakes.realisticTimings : fakes.fastTimings;
const buildMs = timings.BUILD;
const scenarios: Record<string, () => import('./aws-server.js').BuildScenario> = {
  success: () => fakes.successScenario({ timings }),
  failure: () => fakes.failureScenario({ timings }),
  timeout: () => fakes.timeoutScenario({ timings }),
  fault: () => fakes.faultScenario({ timings }),
  s3: () => fakes.s3OnlyScenario({ timings }),
  late: () => fakes.lateLogScenario({ timings }),
  big: () => fakes.bigLogScenario(30_000, { timings }),
  steady: () => fakes.steadyLogScenario({ timings, durationMs: buildMs, linesPerSecond: 50 }),
};
const make = scenarios[values.scenario];
if (!make) {
  console.error(
    `unknown --scenario ${values.scenario}; one of ${Object.keys(scenarios).join(', ')}`,
  );
  process.exit(2);
}

const aws = await fakes.startFakeAws({
  projects: values.project,
  region: values.region,
  port: Number(values.port),
  defaultScenario: make(),
});
console.log(`AWS_ENDPOINT_URL=${aws.url}`);

let printed = 0;
setInterval(() => {
  for (const call of aws.calls.slice(printed)) {
    console.log(
      `${new Date(call.at).toISOString()} ${call.operation} ${call.status}${call.errorType ? ` ${call.errorType}` : ''}`,
    );
  }
  printed = aws.calls.length;
}, 200);

const stop = (): void => {
  void aws.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
