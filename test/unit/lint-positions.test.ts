import { isSeq } from 'yaml';
import { scalarText } from '../../src/lint/scalar-text.js';
import { parseYamlSource, positionAt } from '../../src/lint/yaml-source.js';

/** Line and column of `needle` in the command's value, mapped back to the file. */
function locate(text: string, needle: string): [number, number] {
  const source = parseYamlSource('f.yml', text);
  const list = source.document.contents;
  if (!isSeq(list)) throw new Error('test input must be a list');
  const scalar = scalarText(text, list.items[0]);
  if (!scalar) throw new Error('first item is not a string');
  const { line, column } = positionAt(source, scalar.sourceOffset(scalar.value.indexOf(needle)));
  return [line, column];
}

describe('positions inside a scalar', () => {
  it('maps a plain scalar one to one', () => {
    expect(locate('- echo [[ x ]]\n', '[[')).toEqual([1, 8]);
  });

  it('maps a plain scalar continued on the next line', () => {
    expect(locate('- echo one\n  two [[\n', '[[')).toEqual([2, 7]);
  });

  it("maps through '' in single quotes and escapes in double quotes", () => {
    expect(locate("- 'it''s [[ x'\n", '[[')).toEqual([1, 10]);
    expect(locate('- "a\\tb [[ x"\n', '[[')).toEqual([1, 9]);
  });

  it('maps each line of a "|" block to its own line', () => {
    expect(locate('- |\n  set -e\n  if [[ x ]]; then\n    y\n  fi\n', '[[')).toEqual([3, 6]);
  });

  it('maps a ">" block through its folding', () => {
    expect(locate('- >\n  docker build\n  --tag x [[\n', '[[')).toEqual([3, 11]);
  });

  it('falls back to the start of the scalar for a multi-line quoted string', () => {
    expect(locate('- "one\n  two [["\n', '[[')).toEqual([1, 3]);
  });
});
