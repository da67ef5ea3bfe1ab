// Writes src/version.ts from package.json, so the CLI's --version, the user agents and the
// package agree on one version. Runs first in `npm run build`; CI fails when it changes a file.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const text = `/** The package version (from package.json; written by scripts/generate-version.js). */\nexport const VERSION = '${version}';\n`;
if (readFileSync('src/version.ts', 'utf8') !== text) writeFileSync('src/version.ts', text);
