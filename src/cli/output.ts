/**
 * The CLI's stdout and stderr. A reader that goes away (`buildbridge ... | head -3`) closes the
 * pipe: further writes are dropped instead of throwing EPIPE, and the run is told once, so it
 * can stop as it would on Ctrl-C and exit quietly.
 */
export class CliOutput {
  private closed = false;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;

  constructor(
    out: NodeJS.WritableStream,
    err: NodeJS.WritableStream,
    private readonly onClosed: () => void,
  ) {
    out.on('error', (error) => this.fail(error));
    err.on('error', (error) => this.fail(error));
    this.stdout = (text) => void (this.closed || out.write(text));
    this.stderr = (text) => void (this.closed || err.write(text));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private fail(error: unknown): void {
    // EPIPE, EIO: whoever read the output is gone; there is no one to tell.
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    void error;
  }
}
