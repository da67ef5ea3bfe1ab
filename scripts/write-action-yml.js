// Writes every action.yml from the declarations in src/actions/catalog.ts (compiled to build/
// by `npm run build`), so the code, the action.yml files and the README never disagree.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';

const { ACTIONS } = await import('../build/actions/catalog.js');

export function actionYml(action, folder) {
  const inputs = {};
  for (const spec of action.options) {
    if (spec.cliOnly) continue;
    const description = spec.defaultDescription ? `${spec.description} Default: ${spec.defaultDescription}.` : spec.description;
    inputs[spec.name] = { description, required: Boolean(spec.required), ...(spec.default !== undefined ? { default: spec.default } : {}) };
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, description]) => [name, { description }]));
  const main = relative(folder || '.', join('dist', action.bundle, 'index.js'));
  return stringify(
    { name: action.name, description: action.description, author: 'buildbridge', branding: { icon: 'box', color: 'orange' }, inputs, outputs, runs: { using: 'node24', main } },
    { lineWidth: 0 },
  );
}

for (const action of ACTIONS) {
  for (const folder of action.folders) {
    if (folder) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'action.yml'), actionYml(action, folder));
  }
}
