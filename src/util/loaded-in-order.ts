/**
 * Something loaded on first use (a module, a client), with the uses queued behind the load and
 * run in the order they were asked for. The Actions runtime loads @actions/core this way, and
 * reporters their HTTP clients, so that neither is parsed before the first AWS request.
 */
export class LoadedInOrder<T> {
  private loading: Promise<T> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly load: () => Promise<T>) {}

  /** Runs `use` with the loaded value after every earlier use; starts the load if needed. */
  use(use: (value: T) => void | Promise<void>): Promise<void> {
    this.loading ??= this.load();
    const loading = this.loading;
    this.queue = this.queue.then(async () => use(await loading));
    return this.queue;
  }

  /** Resolves when every use asked for so far has run. */
  settled(): Promise<void> {
    return this.queue;
  }
}
