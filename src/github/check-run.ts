/**
 * Publishes a run as a GitHub check run named after the status context: created `in_progress`
 * when the build starts, completed with a conclusion, the job summary and one annotation per
 * failed phase and one per failed test (at most MAX_TEST_ANNOTATIONS) when it ends. GitHub takes at most 50 annotations per request (the rest follow in
 * further updates, which append) and at most 65,535 bytes of summary (cut at a line break, code
 * blocks and collapsed sections closed, with a note). Creating check runs needs a GitHub App token with `checks: write`:
 * GITHUB_TOKEN is one, a personal access token is not. A refusal or an outage is a warning; a
 * check run once started is always completed, with `cancelled` when the run was cut short.
 */
import type { GitHubClient } from './octokit.js';
import { REQUEST_TIMEOUT_MS } from './octokit.js';
import {
  checkRunAnnotations,
  fallbackPlace,
  type AnnotationTarget,
  type CheckRunAnnotation,
} from './check-run-annotations.js';
import { testAnnotations } from './test-annotations.js';
import type { RunPublisher, RunReport } from '../codebuild/run-report.js';
import type { CommitRef } from '../status/github-commit-status.js';
import { clip } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { errorMessage, httpStatus } from '../util/errors.js';
import { noAnswerReason } from '../util/network-errors.js';

export type CheckRunConclusion = 'success' | 'failure' | 'cancelled' | 'timed_out';

/** GitHub's limits on a check run's output. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_SUMMARY_BYTES = 65_535;
const MAX_TITLE = 255;

const CONCLUSIONS: Record<string, CheckRunConclusion> = {
  SUCCEEDED: 'success',
  FAILED: 'failure',
  FAULT: 'failure',
  TIMED_OUT: 'timed_out',
  STOPPED: 'cancelled',
};

const CUT_NOTE =
  "\n\n---\n_This summary was cut to fit GitHub's limit of 65,535 characters; the workflow run's job summary has all of it._\n";

/** The build's (or the batch's) final CodeBuild status as a conclusion; a run not ended was cancelled. */
export function checkRunConclusion(report: RunReport): CheckRunConclusion {
  const status =
    report.kind === 'batch'
      ? report.batch?.buildBatchStatus
      : report.members[0]?.build?.buildStatus;
  return CONCLUSIONS[status ?? ''] ?? 'cancelled';
}

/**
 * The summary within GitHub's 65,535 bytes (UTF-8, so also characters). When it must be cut it is
 * cut at the last line break that fits (inside a line only when that line alone is most of what
 * fits), never inside a character; a code block or `<details>`
 * section the cut falls inside is closed, so the rest of the check run's page reads as Markdown,
 * and a note says the summary was cut. `tail` (a closing line of our own) is kept after the cut.
 */
export function fitSummary(markdown: string, tail = ''): string {
  const whole = `${markdown}${tail}`;
  if (Buffer.byteLength(whole, 'utf8') <= MAX_SUMMARY_BYTES) return whole;
  let budget =
    MAX_SUMMARY_BYTES - Buffer.byteLength(CUT_NOTE, 'utf8') - Buffer.byteLength(tail, 'utf8');
  for (;;) {
    const end = cutAt(markdown, budget);
    const kept = markdown.slice(0, end);
    const closers = openBlockClosers(kept);
    const size = Buffer.byteLength(kept, 'utf8') + Buffer.byteLength(closers, 'utf8');
    if (size <= budget || budget <= 0) return `${kept}${closers}${CUT_NOTE}${tail}`;
    budget -= Buffer.byteLength(closers, 'utf8');
  }
}

/**
 * Where to cut `text` to keep it within `budget` bytes: after its last line break that fits,
 * unless that would drop most of what fits (one very long line), then on a character boundary.
 */
function cutAt(text: string, budget: number): number {
  let used = 0;
  let end = 0;
  // for...of walks code points, so a surrogate pair is kept or dropped whole.
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  const lineBreak = text.lastIndexOf('\n', end - 1);
  return lineBreak >= 0 && lineBreak + 1 >= end * 0.75 ? lineBreak + 1 : end;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** What closes the code block and the `<details>` sections left open at the end of `text`. */
function openBlockClosers(text: string): string {
  let fence: string | undefined;
  let details = 0;
  for (const line of text.split('\n')) {
    const match = FENCE.exec(line);
    const marker = match?.[1] ?? '';
    const info = match?.[2] ?? '';
    if (fence !== undefined) {
      // A closing fence: the same character, at least as long, nothing after it.
      if (marker[0] === fence[0] && marker.length >= fence.length && info.trim() === '')
        fence = undefined;
      continue;
    }
    // A backtick fence's info string has no backtick (else it is inline code).
    if (marker !== '' && !(marker.startsWith('`') && info.includes('`'))) {
      fence = marker;
      continue;
    }
    details += (line.match(/<details[\s>]/gi) ?? []).length;
    details = Math.max(0, details - (line.match(/<\/details\s*>/gi) ?? []).length);
  }
  const closers: string[] = [];
  if (fence !== undefined) closers.push(fence);
  for (let index = 0; index < details; index++) closers.push('</details>');
  if (closers.length === 0) return '';
  return `${text.endsWith('\n') ? '' : '\n'}${closers.join('\n\n')}\n`;
}

export interface CheckRunOptions {
  /** Where annotations point; none are sent when undefined (the file is unknown). */
  readonly annotationTarget: AnnotationTarget | undefined;
  /** Kept on the check run for the integrator's own reference, e.g. the build id. */
  readonly externalId?: string;
  /** The checked-out repository, where failed tests' files are looked up. */
  readonly workspace?: string;
  readonly clock: Pick<Clock, 'now'>;
}

type CheckRunBody = Record<string, unknown>;

type Sent = { ok: true; id: number } | { ok: false; status: number | undefined };

export class CheckRunPublisher implements RunPublisher {
  readonly target = 'GitHub check run';
  private queue: Promise<void> = Promise.resolve();
  private id: number | undefined;
  private name: string | undefined;
  private startedAt: string | undefined;
  private refused = false;

  constructor(
    private readonly octokit: GitHubClient,
    private readonly commit: CommitRef,
    private readonly apiUrl: string,
    private readonly logger: Logger,
    private readonly options: CheckRunOptions,
  ) {}

  start(run: { readonly statusContext: string; readonly url: string }): Promise<void> {
    return this.enqueue(async () => {
      this.name = clip(run.statusContext, MAX_TITLE);
      this.startedAt = this.timestamp();
      const created = await this.send('POST', 'create the check run', {
        ...this.identity(),
        status: 'in_progress',
        started_at: this.startedAt,
        ...this.links(run.url),
      });
      if (created.ok) this.id = created.id;
    });
  }

  finish(report: RunReport): Promise<void> {
    return this.enqueue(async () => {
      if (this.refused) return;
      this.name ??= clip(report.statusContext, MAX_TITLE);
      const conclusion = checkRunConclusion(report);
      const target = this.options.annotationTarget;
      const redact = (text: string): string => this.logger.redact(text);
      const annotations: CheckRunAnnotation[] = [];
      let notAnnotated = 0;
      if (target) {
        annotations.push(...checkRunAnnotations(report, target, redact));
        const tests = testAnnotations(
          report,
          { workspace: this.options.workspace, fallback: fallbackPlace(target) },
          redact,
        );
        annotations.push(...tests.annotations);
        notAnnotated = tests.notAnnotated;
      }
      const title = clip(this.logger.redact(report.headline), MAX_TITLE);
      const summary = fitSummary(
        report.summaryMarkdown,
        notAnnotated > 0
          ? `\n\n_${notAnnotated} more failed test${notAnnotated === 1 ? ' is' : 's are'} not annotated; see the job summary._\n`
          : '',
      );
      const batches = chunks(annotations, MAX_ANNOTATIONS_PER_REQUEST);
      const completion = {
        status: 'completed',
        conclusion,
        completed_at: this.timestamp(),
        ...this.links(report.url),
      };
      const completed = await this.complete(completion, {
        title,
        summary,
        annotations: batches[0] ?? [],
      });
      if (!completed) return;
      for (const batch of batches.slice(1)) {
        // Each update appends its annotations to those already on the check run.
        const added = await this.send('PATCH', 'add annotations to the check run', {
          output: { title, summary, annotations: batch },
        });
        if (!added.ok) return;
      }
    });
  }

  /**
   * Completes the check run (creating it completed when start did not create it). Should GitHub
   * refuse the output, the conclusion still goes through without it: a run never stays in progress.
   */
  private async complete(completion: CheckRunBody, output: CheckRunBody): Promise<boolean> {
    const firstTry = await this.send(
      this.id === undefined ? 'POST' : 'PATCH',
      'complete the check run',
      this.id === undefined
        ? { ...this.identity(), started_at: this.startedAt, ...completion, output }
        : { ...completion, output },
    );
    if (firstTry.ok) {
      this.id ??= firstTry.id;
      return true;
    }
    if (firstTry.status !== 422 || this.id === undefined) return false;
    const bare = await this.send('PATCH', 'complete the check run', {
      ...completion,
      output: { title: output.title, summary: 'See the workflow run for the details.' },
    });
    return bare.ok;
  }

  private identity(): CheckRunBody {
    return {
      name: this.name,
      head_sha: this.commit.sha,
      ...(this.options.externalId ? { external_id: this.options.externalId } : {}),
    };
  }

  private links(url: string): CheckRunBody {
    return url ? { details_url: url } : {};
  }

  private timestamp(): string {
    return new Date(this.options.clock.now()).toISOString();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step);
    return this.queue;
  }

  /** One request; when it did not go through, a warning and GitHub's answer, if any. Never throws. */
  private async send(method: 'POST' | 'PATCH', what: string, body: CheckRunBody): Promise<Sent> {
    if (this.refused) return { ok: false, status: undefined };
    const { owner, repo, sha } = this.commit;
    const route =
      method === 'POST'
        ? `POST /repos/${owner}/${repo}/check-runs`
        : `PATCH /repos/${owner}/${repo}/check-runs/${this.id ?? '?'}`;
    try {
      const response = await this.octokit.request(
        method === 'POST'
          ? 'POST /repos/{owner}/{repo}/check-runs'
          : 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
        {
          owner,
          repo,
          ...(method === 'PATCH' ? { check_run_id: this.id } : {}),
          ...body,
          // A fresh request object per call: the retry plugin keeps its back-off count there.
          request: { retryCount: 0, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
        } as never,
      );
      return { ok: true, id: (response.data as { id: number }).id };
    } catch (error) {
      const answer = (error as { response?: unknown } | undefined)?.response;
      if (!answer) {
        this.logger.warn(
          `Could not reach GitHub at ${this.apiUrl} to ${what} (${route}: ${noAnswerReason(error) ?? errorMessage(error)}). Check the network and GITHUB_API_URL. The build itself is unaffected.`,
        );
        return { ok: false, status: undefined };
      }
      const code = httpStatus(error);
      if (code === 403 || code === 404) {
        // Further requests would be refused the same way: one warning is enough.
        this.refused = true;
        this.logger.warn(
          `GitHub refused the check run for ${owner}/${repo}@${sha.slice(0, 7)} (HTTP ${code}): the token needs "checks: write" (add "permissions: checks: write" to the job; on pull requests from forks GITHUB_TOKEN is read-only). Check runs can only be created with a GitHub App token, such as GITHUB_TOKEN; a personal access token cannot create them. The build itself is unaffected.`,
        );
        return { ok: false, status: code };
      }
      this.logger.warn(
        `GitHub did not ${what} (${route}: HTTP ${code ?? '?'}: ${errorMessage(error)}). The build itself is unaffected.`,
      );
      return { ok: false, status: code };
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    out.push(items.slice(index, index + size));
  return out;
}
