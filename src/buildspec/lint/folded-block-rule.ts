/**
 * A `>` block folds its lines into one line, so
 *
 *   - >
 *     npm ci
 *     npm test
 *
 * runs `npm ci npm test`. Folding is right for one long command split over lines (the next
 * line starts with an option or an argument), so this fires only when two adjacent lines each
 * start with a well-known command and nothing joins them (&&, ||, |, \ or ;).
 */
import { isScalar, Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import type { BuildspecView } from './buildspec-view.js';
import { commandPath, quoted } from './command-location.js';

/** First words that start a command and rarely appear as an argument at the start of a line. */
const COMMAND_WORDS = new Set([
  'aws',
  'bash',
  'cargo',
  'cd',
  'cdk',
  'chmod',
  'cp',
  'curl',
  'docker',
  'dotnet',
  'echo',
  'export',
  'git',
  'go',
  'gradle',
  './gradlew',
  'helm',
  'kubectl',
  'make',
  'mkdir',
  'mv',
  'mvn',
  'node',
  'npm',
  'npx',
  'pip',
  'pip3',
  'pnpm',
  'printf',
  'pytest',
  'python',
  'python3',
  'rm',
  'sam',
  'sh',
  'tar',
  'terraform',
  'unzip',
  'wget',
  'yarn',
  'zip',
]);
const JOINED_AFTER = /(&&|\|\||\||\\|;)\s*$/;
const JOINED_BEFORE = /^(&&|\|\||\||;)/;

export const foldedBlockRule: Rule<BuildspecView> = {
  id: 'buildspec/folded-commands',
  severity: 'warning',
  summary: 'A ">" block folds several commands into one line, so they run as one command.',
  check(view, report) {
    for (const command of view.commands) {
      const node = command.node;
      if (!isScalar(node) || node.type !== Scalar.BLOCK_FOLDED || !node.range) continue;
      const lines = contentLines(view.source.text, node.range[0], node.range[1]);
      for (let i = 1; i < lines.length; i++) {
        const previous = lines[i - 1];
        const current = lines[i];
        if (!previous || !current || previous.moreIndented || current.moreIndented) continue;
        if (JOINED_AFTER.test(previous.text) || JOINED_BEFORE.test(current.text)) continue;
        if (!startsWithCommand(previous.text) || !startsWithCommand(current.text)) continue;
        report(
          [current.offset, current.offset + current.text.length],
          `In ${commandPath(command)}, ">" folds ${quoted(previous.text)} and ${quoted(current.text)} into one command: ${quoted(`${previous.text} ${current.text}`)}. Use "|" to keep the line breaks (with set -e as its first line), or give each command its own "- command" item.`,
        );
        break;
      }
    }
  },
};

interface ContentLine {
  readonly text: string;
  readonly offset: number;
  /** Lines indented deeper than the block keep their line breaks when folded. */
  readonly moreIndented: boolean;
}

/** The block's non-empty content lines (after the header), with their file offsets. */
function contentLines(text: string, start: number, end: number): (ContentLine | undefined)[] {
  const raw = text.slice(start, end).split('\n');
  let offset = start + (raw[0]?.length ?? 0) + 1;
  let indent: number | undefined;
  const lines: (ContentLine | undefined)[] = [];
  for (const line of raw.slice(1)) {
    const body = line.replace(/\r$/, '');
    const lead = body.length - body.trimStart().length;
    if (body.trim() === '') {
      // An empty line keeps a line break: the lines around it are not joined.
      lines.push(undefined);
    } else {
      indent ??= lead;
      lines.push({ text: body.trim(), offset: offset + lead, moreIndented: lead > indent });
    }
    offset += line.length + 1;
  }
  return lines;
}

function startsWithCommand(line: string): boolean {
  const word = line.split(/\s+/)[0] ?? '';
  return COMMAND_WORDS.has(word);
}
