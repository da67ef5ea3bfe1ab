/**
 * The check run's annotations for failed tests: one per failed or errored test a member's
 * CodeBuild reports list, placed at the test's own file and line when the report gives them,
 * else at the first place its message names that is a file of the repository, else at a fallback
 * (the buildspec's first line, or the workflow file). A place is a file of the repository when it
 * exists in the checked-out workspace: a relative path as it is, an absolute path (CodeBuild
 * checks sources out under /codebuild/output/src<digits>/src/...) by its longest tail that
 * exists there. Nothing outside the workspace is ever pointed at. Titles and messages come from
 * the build: they are redacted and clipped, shown as text, never obeyed.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { RunReport } from '../codebuild/run-report.js';
import { placesIn, testTitle, trimmedMessage } from '../codebuild/test-message.js';
import type { FailedTest } from '../codebuild/test-results.js';
import { clip } from '../status/commit-status.js';
import type { CheckRunAnnotation } from './check-run-annotations.js';

/**
 * At most this many test annotations per check run. GitHub shows a check run's annotations in
 * one list and takes them 50 to a request: 200 keeps that list readable and the updates few.
 * The rest are counted (`notAnnotated`) and left to the job summary.
 */
export const MAX_TEST_ANNOTATIONS = 200;

/** GitHub's limits: 255 characters for a title; messages are kept to 4,000 like the phases'. */
const MAX_TITLE = 255;
const MAX_MESSAGE = 4_000;

/** Where CodeBuild checks a primary source out: `/codebuild/output/src123/src/`. */
const CODEBUILD_SOURCE = /^\/codebuild\/output\/src\d+\/src\//;
/** Installed dependencies are not the repository's code, even when checked out beside it. */
const DEPENDENCY_SEGMENTS = new Set(['node_modules', 'site-packages', 'dist-packages', '.venv']);

export interface TestAnnotationPlaces {
  /** The checked-out repository; undefined when unknown, so every test goes to the fallback. */
  readonly workspace: string | undefined;
  /** Where a test goes whose report and message name no file of the repository. */
  readonly fallback: { readonly path: string; readonly line: number };
}

export interface TestAnnotations {
  readonly annotations: CheckRunAnnotation[];
  /** Failed tests without an annotation: beyond the cap, or not listed by their report. */
  readonly notAnnotated: number;
}

export function testAnnotations(
  report: RunReport,
  where: TestAnnotationPlaces,
  redact: (text: string) => string,
  cap = MAX_TEST_ANNOTATIONS,
): TestAnnotations {
  const place = placeFinder(where);
  const annotations: CheckRunAnnotation[] = [];
  let notAnnotated = 0;
  for (const member of report.members) {
    const level = member.ignoreFailure ? 'warning' : 'failure';
    const prefix = member.identifier ? `${member.identifier}: ` : '';
    for (const testReport of member.tests?.reports ?? []) {
      notAnnotated += testReport.failedNotListed;
      for (const test of testReport.failed) {
        if (annotations.length >= cap) {
          notAnnotated += 1;
          continue;
        }
        const at = place(test);
        // Redacted before trimming too, so that a cut never leaves half a secret behind.
        const message = redact(trimmedMessage(redact(test.message))).trim();
        annotations.push({
          path: at.path,
          start_line: at.line,
          end_line: at.line,
          annotation_level: level,
          title: clip(redact(`${prefix}${testTitle(test)}`), MAX_TITLE),
          message:
            message === ''
              ? `The test ${test.status === 'ERROR' ? 'errored' : 'failed'}.`
              : clip(message, MAX_MESSAGE),
        });
      }
    }
  }
  return { annotations, notAnnotated };
}

type Place = { path: string; line: number };

function placeFinder(where: TestAnnotationPlaces): (test: FailedTest) => Place {
  const { workspace, fallback } = where;
  if (workspace === undefined) return () => ({ ...fallback });
  const inRepository = repositoryFiles(workspace);
  return (test) => {
    const named = placesIn(test.message);
    const own = test.file ? inRepository(test.file) : undefined;
    if (own !== undefined) {
      const line =
        positive(test.line) ?? named.find((entry) => inRepository(entry.path) === own)?.line ?? 1;
      return { path: own, line };
    }
    for (const entry of named) {
      const path = inRepository(entry.path);
      if (path !== undefined) return { path, line: entry.line };
    }
    return { ...fallback };
  };
}

function positive(line: number | undefined): number | undefined {
  return line !== undefined && Number.isInteger(line) && line > 0 ? line : undefined;
}

/**
 * Maps a path as a report or a stack trace writes it to the repository-relative path of a file
 * in the workspace, or undefined. Each file is looked up once.
 */
function repositoryFiles(workspace: string): (written: string) => string | undefined {
  const root = resolve(workspace);
  const seen = new Map<string, boolean>();
  const exists = (path: string): boolean => {
    let found = seen.get(path);
    if (found === undefined) {
      try {
        found = statSync(resolve(root, path)).isFile();
      } catch {
        found = false;
      }
      seen.set(path, found);
    }
    return found;
  };
  /** The repository-relative form of `path`, when it stays inside the workspace. */
  const inside = (path: string): string | undefined => {
    const rel = relative(root, resolve(root, path));
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      return undefined;
    const posix = rel.split(sep).join('/');
    if (posix.split('/').some((segment) => DEPENDENCY_SEGMENTS.has(segment))) return undefined;
    return exists(posix) ? posix : undefined;
  };
  return (written) => {
    const path = written.trim().replace(/\\/g, '/');
    if (path === '') return undefined;
    const absolute = path.startsWith('/') || /^[A-Za-z]:\//.test(path);
    if (!absolute) return inside(path);
    const underRoot = relative(root, path);
    if (
      isAbsolute(path) &&
      underRoot !== '' &&
      !underRoot.startsWith('..') &&
      !isAbsolute(underRoot)
    )
      return inside(underRoot);
    // The longest tail that is a file of the repository: after CodeBuild's source directory
    // come the host, owner and repository (`github.com/octo/app/`), or the repository itself.
    const rest = path.replace(CODEBUILD_SOURCE, '').replace(/^[A-Za-z]:\//, '');
    const segments = rest.split('/').filter((segment) => segment !== '' && segment !== '.');
    if (segments.includes('..')) return undefined;
    for (let start = 0; start < segments.length; start++) {
      const found = inside(segments.slice(start).join('/'));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}
