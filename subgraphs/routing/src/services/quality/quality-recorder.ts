import type { DataSource, EntityManager } from "typeorm";
import { EventConsumer, type EventRecord, type EventWakeups, type Logger } from "@intersettle/shared";
import { QualityWindow } from "./quality-window";
import type { RoutingSettings } from "../routing-settings";

/** The fields of rating's `traffic.batch` payload quality needs (notes: traffic contract). */
interface TrafficBatch {
  kind?: "INGEST" | "RERATE";
  partnerId: string;
  role: "CUSTOMER" | "VENDOR";
  /** The latest call start of the batch for this leg: its calls are counted in that bucket. */
  to: string;
  destinations: Array<{ destination: string; calls: number; answered: number; seconds: number }>;
}

interface StoredBucket {
  vendorId: string;
  destination: string;
  startMs: string;
  calls: number;
  answered: number;
  seconds: string;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Vendor quality from `traffic.batch` events (VENDOR legs of ingested calls; a re-rating reprices calls, it does not
 * change whether they were answered): per destination and bucket of call time, in routing.quality_bucket and in
 * the in-memory window lookups read. Buckets past the retention are pruned.
 */
export class QualityRecorder {
  readonly consumer: EventConsumer;
  readonly window: QualityWindow;
  private prunedAt = 0;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, private readonly settings: RoutingSettings, logger?: Logger) {
    this.window = new QualityWindow(settings.bucketMinutes * 60_000);
    this.consumer = new EventConsumer(dataSource, wakeups, {
      name: "routing.quality",
      topics: ["traffic"],
      handle: (event, manager) => this.record(event, manager),
      afterBatch: (manager) => this.pruneWhenDue(manager),
      logger,
    });
  }

  /** Fills the window from the table: what survives a restart. */
  async load(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT vendor_id::text AS "vendorId", destination, (extract(epoch FROM bucket_start) * 1000)::bigint::text AS "startMs", calls, answered, seconds::text AS seconds
         FROM routing.quality_bucket`,
    )) as StoredBucket[];
    for (const r of rows) this.window.set(r.vendorId, r.destination, Number(r.startMs), { calls: r.calls, answered: r.answered, seconds: Number(r.seconds) });
  }

  private async record(event: EventRecord, manager: EntityManager): Promise<void> {
    if (event.type !== "traffic.batch") return;
    const batch = event.payload as TrafficBatch;
    if (batch.role !== "VENDOR" || batch.kind === "RERATE" || batch.destinations.length === 0) return;
    const bucketMs = this.window.bucketMs;
    const startMs = Math.floor(Date.parse(batch.to) / bucketMs) * bucketMs;
    if (!Number.isFinite(startMs)) return;
    const rows = merged(batch.destinations);
    const values = rows.map((_, i) => `($1, $${4 * i + 3}, $2, $${4 * i + 4}::int, $${4 * i + 5}::int, $${4 * i + 6}::bigint)`);
    // The stored totals come back and are set in the window, so a batch retried after a rollback is not counted twice.
    const stored = (await manager.query(
      `INSERT INTO routing.quality_bucket (vendor_id, destination, bucket_start, calls, answered, seconds) VALUES ${values.join(", ")}
       ON CONFLICT (vendor_id, destination, bucket_start) DO UPDATE SET calls = quality_bucket.calls + EXCLUDED.calls,
         answered = quality_bucket.answered + EXCLUDED.answered, seconds = quality_bucket.seconds + EXCLUDED.seconds
       RETURNING destination, calls, answered, seconds::text AS seconds`,
      [batch.partnerId, new Date(startMs), ...rows.flatMap((d) => [d.destination, d.calls, d.answered, d.seconds])],
    )) as Array<{ destination: string; calls: number; answered: number; seconds: string }>;
    for (const s of stored) this.window.set(batch.partnerId, s.destination, startMs, { calls: s.calls, answered: s.answered, seconds: Number(s.seconds) });
  }

  private async pruneWhenDue(manager: EntityManager): Promise<void> {
    const now = Date.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    // Counted back from the newest traffic (a hub loading last month's calls keeps them), never from the future.
    const cutoff = Math.min(now, this.window.newestMs) - this.settings.retentionDays * 86_400_000;
    if (!Number.isFinite(cutoff)) return;
    await manager.query(`DELETE FROM routing.quality_bucket WHERE bucket_start < $1`, [new Date(cutoff)]);
    this.window.prune(cutoff);
  }
}

/** One row per destination (a leg priced in two currencies lists a destination twice; one statement may not upsert a row twice). */
function merged(destinations: TrafficBatch["destinations"]): TrafficBatch["destinations"] {
  const byName = new Map<string, TrafficBatch["destinations"][number]>();
  for (const d of destinations) {
    const held = byName.get(d.destination);
    if (held) byName.set(d.destination, { destination: d.destination, calls: held.calls + d.calls, answered: held.answered + d.answered, seconds: held.seconds + d.seconds });
    else byName.set(d.destination, d);
  }
  return [...byName.values()];
}
