import type { DataSource, EntityManager } from "typeorm";
import { LOG_START, readEvents, type EventRecord, type EventTopic } from "./event-log";
import type { EventWakeups, WakeSignal } from "./wakeups";
import type { Logger } from "../logger";
import { eventConsumerLag } from "../metrics";

export interface EventConsumerOptions {
  /** Durable name; the cursor is stored under it. */
  name: string;
  topics: EventTopic[];
  /** Applies one event; runs in the same transaction as the cursor move, so it happens exactly once. */
  handle: (event: EventRecord, manager: EntityManager) => Promise<void>;
  /**
   * Runs once after a batch's events, in the same transaction, before the cursor moves: where a consumer that
   * appends events of its own appends them, last, after every row lock it took (appends serialize until commit).
   */
  afterBatch?: (manager: EntityManager) => Promise<void>;
  batchSize?: number;
  pollMs?: number;
  logger?: Logger;
}

/**
 * Applies log events in order with a durable cursor. Each batch's effects and the cursor advance commit
 * together: a crash mid-batch rolls both back, and the restarted consumer resumes at the same event.
 */
export class EventConsumer {
  private running = false;
  private loop?: Promise<void>;
  private signal?: WakeSignal;

  constructor(private readonly dataSource: DataSource, private readonly wakeups: EventWakeups, private readonly options: EventConsumerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.signal = this.wakeups.signal(this.options.topics);
    this.loop = this.run(this.signal);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal?.close();
    await this.loop;
  }

  /** Applies everything committed so far; returns how many events were applied. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const applied = await this.applyBatch();
      total += applied;
      if (applied === 0) return total;
    }
  }

  private async run(signal: WakeSignal): Promise<void> {
    while (this.running) {
      let applied = 0;
      try {
        applied = await this.applyBatch();
        await this.measureLag(applied);
      } catch (err) {
        this.options.logger?.error({ err, consumer: this.options.name }, "event consumer failed; retrying");
      }
      if (applied === 0 && this.running) await signal.wait(this.options.pollMs ?? 1000);
    }
  }

  /** How many events of its topics this consumer has still to apply (none right after an empty batch). */
  private async measureLag(applied: number): Promise<void> {
    if (applied === 0) return void eventConsumerLag.set({ consumer: this.options.name }, 0);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS behind FROM (
         SELECT 1 FROM events.event WHERE topic = ANY($1)
           AND id > coalesce((SELECT position::bigint FROM events.consumer_cursor WHERE consumer = $2), 0)
         LIMIT 100000) pending`,
      [this.options.topics, this.options.name],
    )) as Array<{ behind: number }>;
    eventConsumerLag.set({ consumer: this.options.name }, row.behind);
  }

  private applyBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Two instances of one consumer take turns.
      await manager.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`consumer:${this.options.name}`]);
      const cursor = (await manager.query("SELECT position FROM events.consumer_cursor WHERE consumer = $1", [this.options.name])) as Array<{ position: string }>;
      const after = cursor[0]?.position ?? LOG_START;
      const events = await readEvents(manager, { topics: this.options.topics, after, limit: this.options.batchSize ?? 200 });
      if (events.length === 0) return 0;
      for (const event of events) await this.options.handle(event, manager);
      await this.options.afterBatch?.(manager);
      await manager.query(
        `INSERT INTO events.consumer_cursor (consumer, position) VALUES ($1, $2)
         ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [this.options.name, events[events.length - 1].position],
      );
      return events.length;
    });
  }
}
