/** Polling a fake until something has happened, for integration tests. */

/** What `read` gives once it gives something (not undefined, not false); fails after `timeoutMs`. */
export async function until<T>(
  read: () => T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
