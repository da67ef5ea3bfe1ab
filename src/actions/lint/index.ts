/** GitHub Action entry of lint (actions/lint). */
import { run } from './main.js';

await run();
