/** `npm run bench`: every benchmark, printed as lines for the README. Numbers, not pass/fail. */
import { actionNode } from '../test/helpers/run-bundle.js';
import { benchBatch, reportBatch } from './batch.js';
import { benchLint } from './lint.js';
import { benchPipeline, benchPipelineApproval, reportPipeline } from './pipeline.js';
import { benchRunBuild, reportRunBuild } from './run-build.js';
import { benchStatusMirror, reportStatusMirror } from './status-mirror.js';
import { benchTestResults, reportTestResults } from './test-results.js';

const which = process.argv.slice(2);
const wanted = (name: string) => which.length === 0 || which.includes(name);

console.log(`buildbridge benchmarks — bundles run under ${actionNode()}`);
if (wanted('run-build')) {
  console.log(
    '\nrun-build (fake CodeBuild/CloudWatch Logs/GitHub on 127.0.0.1, default settings):',
  );
  for (const line of reportRunBuild(await benchRunBuild())) console.log(`  ${line}`);
}
if (wanted('batch')) {
  console.log('\nrun-build with batch: true (10 members of about a minute, default settings):');
  for (const line of reportBatch('(10) logs: true', await benchBatch())) console.log(`  ${line}`);
  for (const line of reportBatch('(11) logs: false', await benchBatch({ logs: 'false' })))
    console.log(`  ${line}`);
}
if (wanted('pipeline')) {
  console.log(
    '\nstart-pipeline (fake CodePipeline/GitHub, 4 stages: 10-s source, 1-min builds, approval, 30-s deploy):',
  );
  const completion = await benchPipeline();
  for (const line of reportPipeline('(12) wait: completion', completion, "execution's end"))
    console.log(`  ${line}`);
  const approval = await benchPipelineApproval();
  for (const line of reportPipeline('(13) wait: approval', approval, 'approval pending'))
    console.log(`  ${line}`);
}
if (wanted('status-mirror')) {
  console.log(
    "\nstatus mirror (fake CodeBuild/GitHub, CodeBuild's events, warm Lambda-like process):",
  );
  for (const line of reportStatusMirror(await benchStatusMirror())) console.log(`  ${line}`);
}
if (wanted('test-results')) {
  console.log(
    '\ntest results (fake CodeBuild reports/GitHub, 4 builds with and 4 without reports):',
  );
  for (const line of reportTestResults(await benchTestResults())) console.log(`  ${line}`);
}
if (wanted('lint')) {
  const { files, ms } = await benchLint();
  console.log(
    `\nlint:\n  ${files} buildspecs discovered, parsed and checked by every rule in ${Math.round(ms)} ms (target ≤ 2,000 ms)`,
  );
}
