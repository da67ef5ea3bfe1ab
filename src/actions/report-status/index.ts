/** GitHub Action entry of report-status (actions/report-status). */
import { run } from './main.js';

await run();
