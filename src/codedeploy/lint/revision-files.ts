/**
 * The revision an appspec belongs to, as files on disk: CodeDeploy runs hook scripts from the
 * bundle whose root holds appspec.yml, so the scripts are looked up next to the appspec. A port,
 * so that tests and front ends say where the linted paths are relative to.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export interface RevisionFileInfo {
  readonly isFile: boolean;
  /** Permission bits, e.g. 0o755. */
  readonly mode: number;
}

export interface RevisionFiles {
  /**
   * The absolute path of the file shown as `path` in findings, when it is there and holds
   * exactly `text` (so that a finding about a script is never about another folder's files);
   * undefined for standard input or a path that cannot be found.
   */
  locate(path: string, text: string): string | undefined;
  /** What is at an absolute path, or undefined when nothing is. */
  stat(absolutePath: string): RevisionFileInfo | undefined;
  /** The names in a folder, for "did you mean"; empty when it cannot be read. */
  list(absoluteFolder: string): string[];
}

/** The real file system, with shown paths relative to `cwd` (the lint command's). */
export function nodeRevisionFiles(cwd: string): RevisionFiles {
  return {
    locate(path, text) {
      const absolute = isAbsolute(path) ? path : resolve(cwd, path);
      try {
        return readFileSync(absolute, 'utf8') === text ? absolute : undefined;
      } catch {
        return undefined;
      }
    },
    stat(absolutePath) {
      try {
        const info = statSync(absolutePath);
        return { isFile: info.isFile(), mode: info.mode & 0o7777 };
      } catch {
        return undefined;
      }
    },
    list(absoluteFolder) {
      try {
        return readdirSync(absoluteFolder);
      } catch {
        return [];
      }
    },
  };
}
