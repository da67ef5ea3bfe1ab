/** Writing a value back as a YAML scalar that reads as exactly that text, for "quote it" fixes. */

/** The value as a single-quoted YAML scalar (inner ' doubled), or double-quoted when that reads better. */
export function quoteYaml(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"') && !value.includes('\\')) return `"${value}"`;
  return `'${value.replace(/'/g, "''")}'`;
}
