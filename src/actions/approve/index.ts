/** GitHub Action entry of approve (actions/approve). */
import { run } from './main.js';

await run();
