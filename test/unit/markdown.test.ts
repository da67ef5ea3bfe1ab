import { markdownCell, markdownCodeCell, markdownUrl } from '../../src/util/markdown.js';

describe('Markdown for summaries', () => {
  it('keeps a cell one cell: pipes, line breaks, HTML, links and emphasis are escaped', () => {
    expect(
      markdownCell('a | b\nc <img src=x onerror=y> [link](http://x) *bold* `code` ~s~ & _x_'),
    ).toBe(
      'a \\| b c &lt;img src=x onerror=y&gt; \\[link\\](http://x) \\*bold\\* \\`code\\` \\~s\\~ &amp; \\_x\\_',
    );
  });

  it('leaves underscores inside words alone', () => {
    expect(markdownCell('BUILD_GENERAL1_MEDIUM and pull_request')).toBe(
      'BUILD_GENERAL1_MEDIUM and pull_request',
    );
  });

  it('fences code cells longer than any backtick run inside, and escapes pipes', () => {
    expect(markdownCodeCell('repo/web:abc')).toBe('`repo/web:abc`');
    expect(markdownCodeCell('a `b` | c')).toBe('``a `b` \\| c``');
    expect(markdownCodeCell('`edge`')).toBe('`` `edge` ``');
    expect(markdownCodeCell('')).toBe('');
  });

  it('encodes what would end a link target', () => {
    expect(markdownUrl('https://x/a b)(c')).toBe('https://x/a%20b%29%28c');
    expect(markdownUrl('https://x/build/web%3Aid/?region=us-east-1')).toBe(
      'https://x/build/web%3Aid/?region=us-east-1',
    );
  });
});
