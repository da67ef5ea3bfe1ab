/** Replaces registered secret values with *** in any text before it is printed or posted. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret; false when it was already known or too short to redact safely. */
  add(secret: string | undefined): boolean {
    const value = secret?.trim();
    // Very short values would redact ordinary words; the Actions runner skips them too.
    if (!value || value.length < 4 || this.secrets.has(value)) return false;
    this.secrets.add(value);
    return true;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('***');
    }
    return out;
  }
}
