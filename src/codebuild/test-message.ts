/**
 * A failed test's message as people read it: its first line for a table, the message with its
 * stack trace trimmed for a collapsed block, and the places in the repository its stack names
 * (for check-run annotations). Messages come from the build: they are shown, never obeyed.
 */
import type { FailedTest } from './test-results.js';

/** How many stack frames a trimmed message keeps. */
export const STACK_FRAMES_KEPT = 8;
/** Characters of a message shown in a collapsed block. */
export const MESSAGE_CHARS = 2_000;
/** Characters of a message's first line in a table. */
export const FIRST_LINE_CHARS = 160;

/** Terminal escapes (CSI, OSC, two-character), which test runners (Jest, pytest) colour with. */
export const ANSI =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
/** How much of a message is searched for the places it names. */
const PLACES_SEARCHED = 8_192;

/** The message without terminal codes. */
export function plainMessage(message: string): string {
  return message.replace(ANSI, '');
}

const FRAME = /^\s+(at |File ")|^\s*\.\.\. \d+ more$/;

/** The first non-empty line, clipped to `max` characters. */
export function firstLine(message: string, max = FIRST_LINE_CHARS): string {
  const line =
    plainMessage(message)
      .split(/\r\n?|\n/)
      .map((text) => text.trim())
      .find((text) => text !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The message with at most `frames` stack frames (Java/JS `at ...`, Python `File "..."`), a line
 * saying how many were left out, and at most `max` characters.
 */
export function trimmedMessage(
  message: string,
  frames = STACK_FRAMES_KEPT,
  max = MESSAGE_CHARS,
): string {
  const kept: string[] = [];
  let framesSeen = 0;
  let framesLeft = 0;
  for (const line of plainMessage(message).replace(/\r\n?/g, '\n').trimEnd().split('\n')) {
    if (FRAME.test(line)) {
      framesSeen += 1;
      if (framesSeen > frames) {
        framesLeft += 1;
        continue;
      }
    }
    kept.push(line);
  }
  if (framesLeft > 0)
    kept.push(`    … ${framesLeft} more stack frame${framesLeft === 1 ? '' : 's'}`);
  const text = kept.join('\n');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "suite › name", or the name alone when the suite is empty or already its prefix. */
export function testTitle(test: Pick<FailedTest, 'suite' | 'name'>): string {
  if (!test.suite || test.name.startsWith(`${test.suite}.`) || test.name === test.suite)
    return test.name;
  return `${test.suite} › ${test.name}`;
}

/** A place a stack trace or a report names: a path as written and a 1-based line. */
export interface NamedPlace {
  readonly path: string;
  readonly line: number;
}

const PLACE = /(?:^|[\s("'`[])((?:[A-Za-z]:)?[\w.@~+/\\-]+\.[A-Za-z]\w{0,7}):(\d+)(?::\d+)?/g;

/**
 * The places the start of a failure message names: `src/x.test.ts:12:5` and `(/abs/path/x.py:3)`
 * in order, then Python's `File "tests/t.py", line 7`. The caller decides which of them are
 * files of the repository. A path is one token (no spaces or brackets), so the search is linear.
 */
export function placesIn(text: string): NamedPlace[] {
  const message = plainMessage(text.slice(0, PLACES_SEARCHED));
  const places: NamedPlace[] = [];
  for (const match of message.matchAll(PLACE)) {
    const path = match[1] ?? '';
    const line = Number(match[2]);
    if (path && line > 0 && !path.includes('://')) places.push({ path, line });
  }
  for (const match of message.matchAll(/File "([^"]+)", line (\d+)/g)) {
    const line = Number(match[2]);
    if (match[1] && line > 0) places.push({ path: match[1], line });
  }
  return places;
}
