/**
 * Results produced side by side, written one at a time in the order they were submitted: a file's blocks are
 * rated in parallel but committed in file order, so a job's resume point stays a single line. At most `ahead`
 * results wait unwritten, which keeps memory flat whatever the file's size.
 */
export class OrderedWrites<T> {
  private last: Promise<void> = Promise.resolve();
  private readonly pending: Promise<void>[] = [];
  private abandoned = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ahead: number,
    private readonly write: (result: T) => Promise<void>,
  ) {}

  /** Queues a result's write after the earlier ones'; waits while too many are unwritten. A failure surfaces here or in `finish`. */
  async submit(result: Promise<T>): Promise<void> {
    result.catch(() => undefined); // surfaced through its write
    this.last = this.last.then(() => result).then((value) => (this.abandoned ? undefined : (this.writing = this.write(value))));
    this.last.catch(() => undefined);
    this.pending.push(this.last);
    while (this.pending.length > this.ahead) await this.pending.shift();
  }

  /** Writes nothing more: waits only for the write under way (the results not yet written are dropped). */
  async abandon(): Promise<void> {
    this.abandoned = true;
    this.pending.length = 0;
    await this.writing.catch(() => undefined);
  }

  /** Waits for every write; the first failure is thrown, and no write after it was made. */
  async finish(): Promise<void> {
    while (this.pending.length > 0) await this.pending.shift();
  }
}
