// Bundles each entry compiled by tsc (build/) into dist/<entry>/index.js with ncc.
// Usage: node scripts/bundle.js [entry...]   (default: every entry)
import { execFileSync } from 'node:child_process';
import { rmSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const entries = {
  'run-build': 'build/actions/run-build.js',
  cli: 'build/cli.js',
  lint: 'build/actions/lint.js',
};

const wanted = process.argv.slice(2);
for (const [name, source] of Object.entries(entries)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(source)) {
    console.error(`skipping ${name}: ${source} does not exist`);
    continue;
  }
  const out = join('dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      source,
      '-o',
      out,
      '--minify',
      '--no-source-map-register',
      '--quiet',
      '--license',
      'licenses.txt',
    ],
    { stdio: 'inherit' },
  );
  // ncc emits helper files next to index.js only when needed; list them for the record.
  console.log(`${name}: ${readdirSync(out).join(', ')}`);
}
