/**
 * A YAML file parsed once for every rule that reads it, with the line counter that turns node
 * ranges into lines and columns. Parsed as YAML 1.1, the dialect of CodeBuild's and the
 * CodeDeploy agent's parsers, so `yes` is a boolean here exactly when it is one for them.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlSource {
  /** Path as shown to the user. */
  readonly path: string;
  /** What happens to the file when it is not valid YAML, for messages: "CodeBuild rejects …". */
  readonly rejection: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export function parseYamlSource(
  path: string,
  text: string,
  rejection = 'the tool that reads it rejects it',
): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    version: '1.1',
    // Duplicate keys are reported by their own rule, naming both lines.
    uniqueKeys: false,
    prettyErrors: false,
  });
  return { path, text, document, lineCounter, rejection };
}

export function positionAt(source: YamlSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(
    Math.max(0, Math.min(offset, source.text.length)),
  );
  return { line, column: col };
}
