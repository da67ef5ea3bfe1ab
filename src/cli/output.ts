/**
 * The CLI's stdout and stderr. A reader that goes away (`buildbridge ... | head -3`) closes the
 * pipe: further writes are dropped instead of throwing EPIPE, and the run is told once, so it
 * stops as it would on Ctrl-C and exits quietly. Any other write error (a full disk behind
 * `> file`) also stops the run, and is said on the other stream.
 */
export class CliOutput {
  private closed = false;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;

  constructor(
    out: NodeJS.WritableStream,
    err: NodeJS.WritableStream,
    /** `pipe` when the reader went away, else the write error. */
    private readonly onClosed: (why: 'pipe' | Error) => void,
  ) {
    out.on('error', (error: Error) => this.close(error, err));
    err.on('error', (error: Error) => this.close(error, out));
    this.stdout = (text) => void (this.closed || out.write(text));
    this.stderr = (text) => void (this.closed || err.write(text));
  }

  private close(error: Error, other: NodeJS.WritableStream): void {
    if (this.closed) return;
    this.closed = true;
    if ((error as { code?: unknown }).code === 'EPIPE') return this.onClosed('pipe');
    other.write(`error: cannot write the output any more (${error.message}); stopping.\n`);
    this.onClosed(error);
  }
}
