/**
 * A kind of file the linter knows (buildspec, appspec): how to recognise one and how to check
 * it. The engine handles discovery, parsing, the YAML rules every file gets and the output; a
 * kind only contributes recognition and its own rules, so a new kind plugs in through the
 * registry in src/file-kinds.ts without changing the engine.
 */
import type { FindingCollector } from './finding-collector.js';
import type { RuleInfo } from './rule.js';
import type { YamlSource } from './yaml-source.js';

export interface FileKind {
  /** 'buildspec', 'appspec': shown in reports and in the JSON output. */
  readonly name: string;
  /** How messages call it: "CodeBuild buildspec", "CodeDeploy appspec". */
  readonly title: string;
  /** What happens to a file of this kind that is not valid YAML, e.g. "CodeBuild rejects it". */
  readonly rejection: string;
  /** True when the file name alone (no directory) says the file is of this kind. */
  matchesName(fileName: string): boolean;
  /**
   * Cheap test on the raw text of a YAML file whose name says nothing, so that discovery does
   * not parse every YAML file of a repository. False when this kind is recognised by name only.
   */
  mayMatchText(text: string): boolean;
  /** The full test on the parsed file, after `mayMatchText` said yes. */
  matchesDocument(source: YamlSource): boolean;
  /**
   * For a file named like this kind: why its content is plainly something else (another tool's
   * YAML), or undefined when it may be one. A file that does not parse is still this kind.
   */
  mismatch(source: YamlSource): string | undefined;
  /** Every rule this kind may report, for docs and --help. */
  readonly rules: readonly RuleInfo[];
  /** Runs this kind's rules; only called when the file parsed. */
  lint(source: YamlSource, findings: FindingCollector): void;
}
