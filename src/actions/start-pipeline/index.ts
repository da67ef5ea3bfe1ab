/** GitHub Action entry of start-pipeline (actions/start-pipeline). */
import { run } from './main.js';

await run();
