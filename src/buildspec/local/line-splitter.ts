/**
 * Turns a stream of text chunks into whole lines as they complete, so a command's output reaches
 * the log line by line while it runs; a last line without a newline is released by `flush()`.
 */
export class LineSplitter {
  private partial = '';

  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map(stripCarriageReturn);
  }

  flush(): string[] {
    if (this.partial === '') return [];
    const line = stripCarriageReturn(this.partial);
    this.partial = '';
    return [line];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
