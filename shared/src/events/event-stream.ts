import { currentPosition, decodePosition, readEvents, type EventRecord, type EventTopic, type SqlExecutor } from "./event-log";
import { BadUserInputError } from "../errors";
import type { EventWakeups } from "./wakeups";

export interface EventStreamOptions {
  topics: EventTopic[];
  /** A position to resume after, or "now" for events committed from here on. */
  from: string | "now";
  filter?: (event: EventRecord) => boolean;
  pollMs?: number;
}

/**
 * An async iterator over the log from a cursor, for GraphQL subscriptions; `return()` ends it at once.
 * It resolves once its start position is fixed, so nothing committed after that is missed.
 */
export async function streamEvents(executor: SqlExecutor, wakeups: EventWakeups, options: EventStreamOptions): Promise<AsyncIterableIterator<EventRecord>> {
  const pollMs = options.pollMs ?? 1000;
  let position = options.from === "now" ? await currentPosition(executor) : options.from;
  let buffer: EventRecord[] = [];
  let closed = false;
  const signal = wakeups.signal(options.topics);

  async function fill(): Promise<void> {
    while (!closed && buffer.length === 0) {
      const batch = await readEvents(executor, { topics: options.topics, after: position, limit: 200 });
      if (batch.length > 0) position = batch[batch.length - 1].position;
      buffer = options.filter ? batch.filter(options.filter) : batch;
      if (buffer.length === 0 && batch.length === 0) await signal.wait(pollMs);
    }
  }

  const iterator: AsyncIterableIterator<EventRecord> = {
    async next() {
      if (buffer.length === 0) await fill();
      if (closed) return { done: true, value: undefined };
      return { done: false, value: buffer.shift()! };
    },
    async return() {
      closed = true;
      signal.close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * Calls `beforeEach` as each event is handed out. A subscription is one long-lived request whose context
 * (and dataloader caches) would otherwise serve every event the data as it was at the first one.
 */
export function beforeEachEvent<T>(iterator: AsyncIterableIterator<T>, beforeEach: (value: T) => void): AsyncIterableIterator<T> {
  const wrapped: AsyncIterableIterator<T> = {
    async next() {
      const result = await iterator.next();
      if (!result.done) beforeEach(result.value);
      return result;
    },
    return: () => iterator.return?.() ?? Promise.resolve({ done: true, value: undefined }),
    [Symbol.asyncIterator]: () => wrapped,
  };
  return wrapped;
}

/** A subscription's `after` argument as where its stream starts: "now" when absent; not a log position is bad input naming the field. */
export function resumeAfter(after: string | null | undefined): string | "now" {
  if (after === null || after === undefined) return "now";
  try {
    return decodePosition(after);
  } catch {
    throw new BadUserInputError([{ field: "after", message: "is not an event position" }]);
  }
}
