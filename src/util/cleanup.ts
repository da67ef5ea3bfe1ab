/**
 * Synchronous clean-ups for a forced exit (a second Ctrl-C): there is no time for anything
 * asynchronous then, so each is a plain function. Registering returns the way to take it back.
 */
export type RegisterCleanup = (cleanup: () => void) => () => void;

export class ForcedExitCleanups {
  private readonly cleanups = new Set<() => void>();

  readonly register: RegisterCleanup = (cleanup) => {
    this.cleanups.add(cleanup);
    return () => void this.cleanups.delete(cleanup);
  };

  /** Runs every clean-up once, each on its own: one failing does not stop the others. */
  runAll(): void {
    for (const cleanup of [...this.cleanups]) {
      this.cleanups.delete(cleanup);
      try {
        cleanup();
      } catch {
        // A forced exit goes on regardless.
      }
    }
  }
}
