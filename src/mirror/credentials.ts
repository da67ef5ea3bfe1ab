/**
 * The mirror's credentials, from their variables or from Secrets Manager: each secret is read
 * once per cold start and kept (a failed read is not kept, so the next event tries again).
 * Every value read is registered with the logger as a secret before it is used.
 */
import type { SecretSource } from './mirror-settings.js';
import { UserError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

/** Reads a Secrets Manager secret's SecretString; throws a UserError naming the IAM action. */
export interface SecretReader {
  read(secretId: string): Promise<string>;
}

/** Keys a JSON secret may keep its credential under, when it has more than one value. */
const CREDENTIAL_KEYS = ['token', 'privateKey', 'private_key', 'password'];

/**
 * The credential in a secret's text: the text itself, or — for a JSON object — its only string
 * value or the one under a credential key.
 */
export function credentialIn(text: string, source: SecretSource): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  let document: unknown;
  try {
    document = JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return trimmed;
  const entries = Object.entries(document).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  const chosen =
    entries.length === 1 ? entries[0] : entries.find(([key]) => CREDENTIAL_KEYS.includes(key));
  if (!chosen || chosen[1].trim() === '')
    throw new UserError(
      `The secret ${describeSource(source)} is a JSON object with keys ${Object.keys(document).join(', ') || '(none)'}: store the credential alone as the secret's text, or as {"token": "…"}.`,
    );
  return chosen[1].trim();
}

export function describeSource(source: SecretSource): string {
  return source.from === 'secret' ? `"${source.secretId}" (${source.variable})` : source.variable;
}

/** A code host rejected a credential outright (HTTP 401): expired, revoked, rotated, mistyped. */
export class CredentialRejected extends UserError {
  override readonly name = 'CredentialRejected';
}

export class Credentials {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(
    private readonly secrets: SecretReader,
    private readonly logger: Logger,
  ) {}

  /** Forgets a secret's value: the next use reads it again (it may have been rotated). */
  forget(source: SecretSource): void {
    if (source.from === 'secret') this.cache.delete(source.secretId);
  }

  value(source: SecretSource): Promise<string> {
    if (source.from === 'variable') {
      this.logger.mask(source.value);
      return Promise.resolve(source.value);
    }
    const cached = this.cache.get(source.secretId);
    if (cached) return cached;
    const read = this.secrets.read(source.secretId).then((text) => {
      const credential = credentialIn(text, source);
      this.logger.mask(credential);
      if (text.trim() !== credential) this.logger.mask(text.trim());
      return credential;
    });
    this.cache.set(source.secretId, read);
    read.catch(() => this.cache.delete(source.secretId));
    return read;
  }
}
