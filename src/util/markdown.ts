/**
 * Markdown for job summaries and PR texts. Everything that is not ours (build names, report
 * names, variable values, command lines) goes through these, so that it reads as the text it
 * is: no table broken by a `|`, no HTML, link or emphasis made from someone else's string.
 */

/**
 * A table cell of plain text: one line; `|` and the characters that make emphasis, code, links
 * or HTML escaped (the others mean something only at the start of a line, which a cell is not).
 */
export function markdownCell(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, ' ')
      .replace(/[\\`*[\]|~]/g, (char) => `\\${char}`)
      // An underscore inside a word (BUILD_GENERAL1_MEDIUM) never makes emphasis; only edges do.
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/**
 * A table cell shown as code: a backtick fence longer than any run of backticks inside, and
 * `|` escaped (GitHub's tables split cells at `|` even inside code spans).
 */
export function markdownCodeCell(text: string): string {
  const value = text.replace(/\r\n?|\n/g, ' ');
  if (value === '') return '';
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

/** A URL as a Markdown link target: the characters that would end or break the link encoded. */
export function markdownUrl(url: string): string {
  return url.replace(
    /[\s()<>[\]`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
