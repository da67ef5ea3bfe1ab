/**
 * Runs buildspec commands one after another in a shell (`sh` or `bash`), each as its own process
 * group, streaming its output line by line, carrying variables and the working directory to the
 * next command (buildspec 0.2; 0.1 starts every command afresh). A stop kills the running
 * command's whole group; `close()` ends whatever the commands left running in the background,
 * as the end of a CodeBuild build ends its container.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../util/clock.js';
import { commandScript, parseEnvDump, type StateFiles } from './command-script.js';
import { LineSplitter } from './line-splitter.js';
import { groupIsAlive, signalGroup } from './process-group.js';

export interface ShellState {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

export interface ShellSessionOptions {
  /** The shell's absolute path: sh or bash. */
  readonly shell: string;
  /** Whether variables and the working directory carry to the next command (buildspec 0.2). */
  readonly carryState: boolean;
  /** A private directory for the state files. */
  readonly stateDir: string;
  readonly initial: ShellState;
  readonly clock: Clock;
  /** Receives output lines as they complete. */
  readonly onOutput: (lines: string[]) => void;
  /** How long a stopped command gets between SIGTERM and SIGKILL. */
  readonly stopGraceMs?: number;
}

export interface CommandOutcome {
  readonly succeeded: boolean;
  readonly stopped: boolean;
  /** In the agent's words: "exit status 2", "signal: killed". */
  readonly reason: string;
}

/** Output that is still in the pipe when the shell exits arrives within this time. */
const OUTPUT_SETTLE_MS = 100;

export class ShellSession {
  private env: Record<string, string>;
  private cwd: string;
  private readonly groups = new Set<number>();
  private readonly stateFiles: StateFiles;

  constructor(private readonly options: ShellSessionOptions) {
    this.env = { ...options.initial.env };
    this.cwd = options.initial.cwd;
    this.stateFiles = { env: join(options.stateDir, 'env'), cwd: join(options.stateDir, 'cwd') };
  }

  get state(): ShellState {
    return { env: { ...this.env }, cwd: this.cwd };
  }

  /** Sets a variable for the commands that follow, e.g. CODEBUILD_BUILD_SUCCEEDING. */
  setVariable(name: string, value: string): void {
    this.env[name] = value;
  }

  async run(command: string, signal: AbortSignal): Promise<CommandOutcome> {
    if (signal.aborted) return { succeeded: false, stopped: true, reason: 'stopped' };
    const cwd = this.options.carryState ? this.cwd : this.options.initial.cwd;
    if (!isDirectory(cwd)) {
      this.options.onOutput([`The working directory ${cwd} no longer exists.`]);
      return { succeeded: false, stopped: false, reason: 'exit status 1' };
    }
    const state = this.options.carryState ? this.stateFiles : undefined;
    if (state) await Promise.all([rm(state.env, { force: true }), rm(state.cwd, { force: true })]);
    const env = this.options.carryState
      ? this.env
      : { ...this.options.initial.env, ...this.pinned() };
    const outcome = await this.spawnCommand(command, { ...env, PWD: cwd }, cwd, signal);
    if (state) await this.loadState(state);
    return outcome;
  }

  /** Ends the background processes commands left behind: SIGTERM, then SIGKILL after the grace. */
  async close(): Promise<void> {
    const alive = [...this.groups].filter((group) => signalGroup(group, 'SIGTERM'));
    const grace = this.options.stopGraceMs ?? 3000;
    for (let waited = 0; waited < grace && alive.some(groupIsAlive); waited += 50)
      await this.options.clock.sleep(50);
    for (const group of alive) signalGroup(group, 'SIGKILL');
    this.groups.clear();
  }

  /** Kills every process group the commands started, at once (the process is being forced out). */
  kill(): void {
    for (const group of this.groups) signalGroup(group, 'SIGKILL');
  }

  /** Under 0.1 nothing carries over, except what the runner itself sets between commands. */
  private pinned(): Record<string, string> {
    const value = this.env.CODEBUILD_BUILD_SUCCEEDING;
    return value === undefined ? {} : { CODEBUILD_BUILD_SUCCEEDING: value };
  }

  private spawnCommand(
    command: string,
    env: Record<string, string>,
    cwd: string,
    signal: AbortSignal,
  ): Promise<CommandOutcome> {
    const { clock, onOutput } = this.options;
    const script = commandScript(command, this.options.carryState ? this.stateFiles : undefined);
    return new Promise((resolve) => {
      const child = spawn(this.options.shell, ['-c', script], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const splitter = new LineSplitter();
      let stopped = false;
      let settled = false;
      const forward = (chunk: string) => {
        const lines = splitter.push(chunk);
        if (lines.length > 0) onOutput(lines);
      };
      child.stdout.setEncoding('utf8').on('data', forward);
      child.stderr.setEncoding('utf8').on('data', forward);
      if (child.pid !== undefined) this.groups.add(child.pid);

      const exited = new AbortController();
      const onAbort = () => {
        if (child.pid === undefined || exited.signal.aborted) return;
        stopped = true;
        const group = child.pid;
        signalGroup(group, 'SIGTERM');
        // Whatever ignores SIGTERM is killed after the grace, or as soon as the shell is gone.
        void clock
          .sleep(this.options.stopGraceMs ?? 3000, exited.signal)
          .then(() => signalGroup(group, 'SIGKILL'));
      };
      signal.addEventListener('abort', onAbort, { once: true });

      const finish = (outcome: CommandOutcome) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        const rest = splitter.flush();
        if (rest.length > 0) onOutput(rest);
        resolve(outcome);
      };
      child.on('error', (error) => {
        onOutput([`Could not start ${this.options.shell}: ${error.message}`]);
        finish({ succeeded: false, stopped: false, reason: 'exit status 127' });
      });
      child.on('exit', (code, exitSignal) => {
        exited.abort();
        const outcome: CommandOutcome = {
          succeeded: code === 0 && !stopped,
          stopped,
          reason: code !== null ? `exit status ${code}` : `signal: ${signalWord(exitSignal)}`,
        };
        // Background processes may keep the pipes open: wait for the end of the output, not longer.
        const streams = [child.stdout, child.stderr];
        const onEnd = () => {
          if (streams.every((stream) => stream.readableEnded)) finish(outcome);
        };
        for (const stream of streams) stream.once('end', onEnd);
        onEnd();
        setTimeout(() => finish(outcome), OUTPUT_SETTLE_MS);
      });
    });
  }

  private async loadState(state: StateFiles): Promise<void> {
    const [dump, cwd] = await Promise.all([readOptional(state.env), readOptional(state.cwd)]);
    // No dump means the shell ended without running its EXIT trap (killed, `exec`): keep the old state.
    if (dump !== undefined) this.env = parseEnvDump(dump);
    const directory = cwd?.replace(/\n$/, '');
    if (directory) this.cwd = directory;
  }
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Go's wording, which the agent's "Reason:" uses. */
function signalWord(signal: NodeJS.Signals | null): string {
  switch (signal) {
    case 'SIGKILL':
      return 'killed';
    case 'SIGTERM':
      return 'terminated';
    case 'SIGINT':
      return 'interrupt';
    default:
      return signal ?? 'unknown';
  }
}
