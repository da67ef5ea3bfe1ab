/**
 * Stand-in executables for tools a buildspec calls (docker, aws, npm, ...): shell scripts put
 * first on PATH that append their name and arguments to a log file, then behave as the test's
 * script says. They let tests prove the order of calls, the waits and the teardown.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryDirectory } from './local-build.js';

export interface StandIns {
  /** PATH and the variables the stand-ins read (STANDIN_LOG, STANDIN_STATE). */
  readonly env: Record<string, string>;
  /** Where stand-ins may keep state between calls (counters, what was piped in). */
  readonly stateDir: string;
  /** Every call so far, as "name arg1 arg2 ...". */
  calls(): string[];
}

export function createStandIns(scripts: Record<string, string>): StandIns {
  const root = temporaryDirectory('bb-stand-ins-');
  const binDir = join(root, 'bin');
  const stateDir = join(root, 'state');
  const logFile = join(root, 'calls.log');
  mkdirSync(binDir);
  mkdirSync(stateDir);
  for (const [name, body] of Object.entries(scripts)) {
    const path = join(binDir, name);
    writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> "$STANDIN_LOG"\n${body}\n`);
    chmodSync(path, 0o755);
  }
  return {
    env: {
      PATH: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      STANDIN_LOG: logFile,
      STANDIN_STATE: stateDir,
    },
    stateDir,
    calls: () =>
      existsSync(logFile)
        ? readFileSync(logFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => line.trimEnd())
        : [],
  };
}

/** Shell snippet: increments the counter file NAME in the state directory and sets $count. */
export function countCall(name: string): string {
  return `count=$(cat "$STANDIN_STATE/${name}" 2>/dev/null || echo 0); count=$((count + 1)); echo "$count" > "$STANDIN_STATE/${name}"`;
}
