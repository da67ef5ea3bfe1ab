// Writes what is generated from the declarations in src/ (compiled to build/ by `npm run build`):
// every action.yml (from src/actions/catalog.ts), the README's input/output tables (from those
// action.yml files), its CLI option tables (from the CLI's commands) and the Bitbucket Pipe's
// variables table (from pipe/pipe.yml), so the code, the action.yml files and the README never
// disagree.
// CI runs it and fails when the result differs from what is committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';

const { ACTIONS } = await import('../build/actions/catalog.js');
const { commands } = await import('../build/cli/commands/index.js');
const { flagDefault, flagDescription, flagSyntax, optionSections } =
  await import('../build/cli/help.js');
const { markdownCell: cell, markdownCodeCell: code } = await import('../build/util/markdown.js');
const { MIRROR_VARIABLES, PLAIN_SECRET_VARIABLES } =
  await import('../build/mirror/mirror-variables.js');

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
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default !== undefined ? code(String(input.default)) : ''} | ${cell(input.description)} |`,
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

/** The README table of one CLI command's options, grouped as its --help groups them. */
function cliTable(name) {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`README names unknown CLI command ${name}`);
  const lines = [
    `Options of \`buildbridge ${name}\`, generated from its declarations (as \`--help\` prints them).`,
    '',
    '| Option | Default | Description |',
    '|---|---|---|',
  ];
  const sections = optionSections(command);
  for (const section of sections) {
    if (sections.length > 1) lines.push(`| **${cell(section.title)}** | | |`);
    for (const spec of section.specs)
      lines.push(
        `| \`${flagSyntax(spec)}\` | ${cell(flagDefault(spec).replace(/^default: /, ''))} | ${cell(flagDescription(spec))} |`,
      );
  }
  return lines.join('\n');
}

/** The README table of a Bitbucket Pipe's variables, read back from its pipe.yml. */
function pipeVariables(file) {
  const pipe = parse(readFileSync(file, 'utf8'));
  const lines = [
    `Variables of \`${file}\`, generated from it.`,
    '',
    '| Variable | Default | Description |',
    '|---|---|---|',
  ];
  for (const variable of pipe.variables ?? [])
    lines.push(
      `| \`${variable.name}\` | ${variable.default ? code(String(variable.default)) : ''} | ${cell(variable.description)} |`,
    );
  return lines.join('\n');
}

/**
 * The status mirror's variables, from their declaration, each with the template parameter that
 * sets it (read from the function's `Variables: NAME: !Ref Parameter` lines).
 */
function mirrorVariables(file) {
  const template = readFileSync(file, 'utf8');
  const parameters = new Map(
    [...template.matchAll(/^ {10}([A-Z_]+): !Ref (\w+)$/gm)].map(([, name, parameter]) => [
      name,
      parameter,
    ]),
  );
  const lines = [
    `Variables of the function, generated from its declaration and \`${file}\`.`,
    '',
    '| Variable | Template parameter | Accepts |',
    '|---|---|---|',
  ];
  for (const [name, accepts] of Object.entries(MIRROR_VARIABLES)) {
    const parameter = parameters.get(name);
    const where = parameter
      ? `\`${parameter}\``
      : PLAIN_SECRET_VARIABLES.includes(name)
        ? 'none (tests and quick starts)'
        : '';
    lines.push(`| \`${name}\` | ${where} | ${cell(accepts)} |`);
  }
  return lines.join('\n');
}

// README: each `<!-- action-tables: path/action.yml -->` ... `<!-- /action-tables -->` block,
// each `<!-- cli-options: command -->` ... `<!-- /cli-options -->` block and each
// `<!-- pipe-variables: pipe/pipe.yml -->` ... `<!-- /pipe-variables -->` block.
const readme = readFileSync('README.md', 'utf8');
const updated = readme
  .replace(
    /<!-- action-tables: (\S+) -->\n[\s\S]*?<!-- \/action-tables -->/g,
    (_, file) => `<!-- action-tables: ${file} -->\n${readmeTables(file)}\n<!-- /action-tables -->`,
  )
  .replace(
    /<!-- cli-options: (\S+) -->\n[\s\S]*?<!-- \/cli-options -->/g,
    (_, name) => `<!-- cli-options: ${name} -->\n${cliTable(name)}\n<!-- /cli-options -->`,
  )
  .replace(
    /<!-- pipe-variables: (\S+) -->\n[\s\S]*?<!-- \/pipe-variables -->/g,
    (_, file) =>
      `<!-- pipe-variables: ${file} -->\n${pipeVariables(file)}\n<!-- /pipe-variables -->`,
  )
  .replace(
    /<!-- mirror-variables: (\S+) -->\n[\s\S]*?<!-- \/mirror-variables -->/g,
    (_, file) =>
      `<!-- mirror-variables: ${file} -->\n${mirrorVariables(file)}\n<!-- /mirror-variables -->`,
  );
if (updated !== readme) writeFileSync('README.md', updated);
