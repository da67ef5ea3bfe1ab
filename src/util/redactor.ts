/** Replaces registered secret values with *** in any text before it is printed or posted. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would redact ordinary words; the Actions runner skips them too.
    if (secret && secret.trim().length >= 4) this.secrets.add(secret.trim());
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('***');
    }
    return out;
  }
}
