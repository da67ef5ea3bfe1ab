/** What a git commit id looks like: a full sha, or the short form code hosts accept too. */
export const FULL_SHA = /^[0-9a-f]{40}$/i;
export const COMMIT_ID = /^[0-9a-f]{7,40}$/i;

export function isFullSha(value: string | undefined): value is string {
  return value !== undefined && FULL_SHA.test(value);
}
