/**
 * Recognises the lines CodeBuild's agent writes into a build's log, e.g.
 * `[Container] 2026/11/27 12:00:01.234567 Entering phase BUILD` and
 * `[Container] ... Phase complete: BUILD State: FAILED`. The log announces phases (and the end)
 * before BatchGetBuilds does, so the watcher uses these to group output and to poll fast near the end.
 */
const AGENT = /^\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? /;
const ENTERING = /(?:Entering phase|Phase is) ([A-Z_]+)\s*$/;
const COMPLETE = /Phase complete: ([A-Z_]+) State: ([A-Z_]+)/;
const CONTEXT = /^Phase context status code:/;

export type AgentLine =
  | { readonly kind: 'entering'; readonly phase: string }
  | { readonly kind: 'complete'; readonly phase: string; readonly state: string }
  /** Follows each "Phase complete" line: the last line the agent writes for a phase. */
  | { readonly kind: 'context' };

export function parseAgentLine(line: string): AgentLine | undefined {
  const prefix = AGENT.exec(line);
  if (!prefix) return undefined;
  const rest = line.slice(prefix[0].length);
  const complete = COMPLETE.exec(rest);
  if (complete)
    return { kind: 'complete', phase: complete[1] as string, state: complete[2] as string };
  if (CONTEXT.test(rest)) return { kind: 'context' };
  const entering = ENTERING.exec(rest);
  if (entering) return { kind: 'entering', phase: entering[1] as string };
  return undefined;
}

/** Phases after which the agent writes nothing more: the build is about to end. */
const EARLY_PHASES = new Set(['DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD']);

export function announcesEnd(line: AgentLine): boolean {
  if (line.kind === 'context') return false;
  if (line.kind === 'entering') return line.phase === 'FINALIZING';
  return (
    line.phase === 'UPLOAD_ARTIFACTS' ||
    line.phase === 'FINALIZING' ||
    (EARLY_PHASES.has(line.phase) && line.state !== 'SUCCEEDED')
  );
}
