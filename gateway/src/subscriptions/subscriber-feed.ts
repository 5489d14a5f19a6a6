import { GraphQLError, type ExecutionResult } from "graphql";
import type { UpstreamEvent } from "./event-resolution";
import type { StreamListener } from "./upstream-stream";

interface Pending {
  position?: string;
  result: Promise<ExecutionResult>;
}

/**
 * One client's subscription: the events of the stream it is attached to, each completed for this client as it
 * arrives (so completions overlap) and handed out in arrival order. A client that falls `maxPending` events behind
 * is ended with the position to resume after, rather than buffered without bound.
 */
export class SubscriberFeed implements StreamListener, AsyncIterableIterator<ExecutionResult> {
  private readonly pending: Pending[] = [];
  private wake?: () => void;
  private ended = false;
  private left = false;
  private delivered?: string;

  constructor(
    /** Where the client started: its own `after`, if it gave one. */
    startAfter: string | null,
    private readonly complete: (event: UpstreamEvent) => Promise<ExecutionResult>,
    private readonly positionOf: (event: UpstreamEvent) => string | undefined,
    private readonly maxPending: number,
    private readonly onLeave: () => void,
  ) {
    this.delivered = startAfter ?? undefined;
  }

  event(event: UpstreamEvent): void {
    if (this.ended) return;
    if (this.pending.length >= this.maxPending) return this.fallBehind();
    this.pending.push({ position: this.positionOf(event), result: this.complete(event) });
    this.wake?.();
  }

  end(errors?: UpstreamEvent["errors"]): void {
    if (this.ended) return;
    if (errors?.length) this.pending.push({ result: Promise.resolve({ data: null, errors: errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions })) }) });
    this.ended = true;
    this.wake?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      const head = this.pending.shift();
      if (head) {
        const value = await head.result;
        if (head.position !== undefined) this.delivered = head.position;
        return { done: false, value };
      }
      if (this.ended) return this.leave();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.ended = true;
    this.pending.length = 0;
    this.wake?.();
    return this.leave();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private leave(): IteratorResult<ExecutionResult> {
    if (!this.left) {
      this.left = true;
      this.onLeave();
    }
    return { done: true, value: undefined };
  }

  private fallBehind(): void {
    const resume = this.delivered;
    this.pending.length = 0;
    this.end([
      {
        message: `This subscription fell more than ${this.maxPending} events behind and was ended; subscribe again${resume ? ` with after: "${resume}"` : ""} to continue without a gap`,
        extensions: { code: "UNAVAILABLE", ...(resume ? { resumeAfter: resume } : {}) },
      },
    ]);
  }
}
