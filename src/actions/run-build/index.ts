/** GitHub Action entry of run-build (root action.yml and actions/run-build). */
import { run } from './main.js';

await run();
