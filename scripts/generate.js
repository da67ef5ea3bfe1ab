// Writes what is generated from the declarations in src/ (compiled to build/ by `npm run build`):
// every action.yml (from src/actions/catalog.ts) and the README's input/output tables (from those
// action.yml files), so the code, the action.yml files and the README never disagree.
// CI runs it and fails when the result differs from what is committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';

const { ACTIONS } = await import('../build/actions/catalog.js');

function actionYml(action, folder) {
  const inputs = {};
  for (const spec of action.options) {
    if (spec.cliOnly) continue;
    const description = spec.defaultDescription
      ? `${spec.description} Default: ${spec.defaultDescription}.`
      : spec.description;
    inputs[spec.name] = {
      description,
      required: Boolean(spec.required),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([name, description]) => [name, { description }]),
  );
  const main = relative(folder || '.', join('dist', action.bundle, 'index.js'));
  return stringify(
    {
      name: action.name,
      description: action.description,
      author: 'buildbridge',
      branding: { icon: 'box', color: 'orange' },
      inputs,
      outputs,
      runs: { using: 'node24', main },
    },
    { lineWidth: 0 },
  );
}

function cell(text) {
  return String(text)
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, ' ');
}

/** The README tables of one action, read back from its action.yml. */
function readmeTables(file) {
  const action = parse(readFileSync(file, 'utf8'));
  const lines = [
    `Inputs and outputs of \`${file}\`, generated from it.`,
    '',
    '| Input | Required | Default | Description |',
    '|---|---|---|---|',
  ];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    lines.push(
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default !== undefined ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`,
    );
  }
  lines.push('', '| Output | Description |', '|---|---|');
  for (const [name, output] of Object.entries(action.outputs ?? {}))
    lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  return lines.join('\n');
}

for (const action of ACTIONS) {
  for (const folder of action.folders) {
    if (folder) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'action.yml'), actionYml(action, folder));
  }
}

// README: each `<!-- action-tables: path/action.yml -->` ... `<!-- /action-tables -->` block.
const readme = readFileSync('README.md', 'utf8');
const updated = readme.replace(
  /<!-- action-tables: (\S+) -->\n[\s\S]*?<!-- \/action-tables -->/g,
  (_, file) => `<!-- action-tables: ${file} -->\n${readmeTables(file)}\n<!-- /action-tables -->`,
);
if (updated !== readme) writeFileSync('README.md', updated);
