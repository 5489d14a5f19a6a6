import path from "node:path";
import { Worker } from "node:worker_threads";
import type { RoundingRule } from "@intersettle/shared";
import type { BillableRules } from "../../domain/mediation/rate-cdr";
import type { TrunkMapping } from "../../domain/mediation/trunk-mapping";
import type { ExchangeRateRecord, PlanAgreement, PricePlanEntry } from "@intersettle/shared";
import type { TimeBand } from "@intersettle/shared";
import type { RatedService } from "@intersettle/shared";
import { ExplainedFailure, type CsvBlock } from "@intersettle/shared";
import type { BlockSource, RatedBlock } from "./cdr-block-rating";
import type { DestinationLabel } from "../reference-data/destination-labels";
import type { RateRecord } from "../tariffs/rating-card-cache";
import type { IrsfRange } from "../../domain/fraud/irsf-ranges";
import type { PumpingWatch } from "../../domain/fraud/fraud-rules";

/** A rating thread died or threw while rating some lines; the detail (a stack) goes to the log, not to operators. */
export class RatingThreadError extends ExplainedFailure {}

/** A job's rating context as plain data, to rebuild in another thread: cards as their rate rows, not tries. */
export interface BlockRatingSnapshot extends BlockSource {
  mappings: TrunkMapping[];
  billable: BillableRules;
  cards: Array<{
    partnerId: string;
    direction: "SELL" | "BUY";
    cardId: string;
    rounding: RoundingRule & { perCdr: boolean };
    spec: { service: RatedService; currency: string; timezone: string; bands: TimeBand[] };
    records: RateRecord[];
  }>;
  plans: PricePlanEntry[];
  agreements: PlanAgreement[];
  timezones: Record<string, string>;
  destinations: DestinationLabel[];
  exchangeRates: ExchangeRateRecord[];
  irsfRanges: IrsfRange[];
  pumping: Array<[partnerId: string, watch: PumpingWatch]>;
}

interface Task {
  block: CsvBlock;
  skipThrough: number;
  blocked: string[];
  resolve: (rated: RatedBlock) => void;
  reject: (err: Error) => void;
}

/**
 * Threads rating a file's blocks side by side: parsing, rating and encoding take most of an ingestion's time,
 * and one thread cannot keep PostgreSQL busy. Blocks are handed out as threads come free; the caller writes
 * the results in file order.
 */
export class CdrRatingPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly busy = new Map<Worker, Task>();
  private failure: Error | undefined;

  constructor(
    snapshot: BlockRatingSnapshot,
    readonly size: number,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SCRIPT, { workerData: snapshot });
      worker.on("message", (reply: { rated?: RatedBlock; error?: string }) => this.done(worker, reply));
      worker.on("error", (err) => this.fail(new RatingThreadError(`a rating thread failed${this.linesOf(worker)}`, err.stack ?? String(err))));
      // A thread only ends when the pool is closed: any other exit, whatever its code, strands the blocks it held.
      worker.on("exit", (code) => this.fail(new RatingThreadError(`a rating thread stopped (exit code ${code})${this.linesOf(worker)}`, `exit code ${code}`)));
      this.idle.push(worker);
    }
  }

  /** `blocked`: the partners BLOCKED now, whose calls in the block are marked. */
  rate(block: CsvBlock, skipThrough: number, blocked: string[]): Promise<RatedBlock> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ block, skipThrough, blocked, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the CDR rating threads were closed");
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.postMessage({ block: task.block, skipThrough: task.skipThrough, blocked: task.blocked });
    }
  }

  private done(worker: Worker, reply: { rated?: RatedBlock; error?: string }): void {
    const task = this.busy.get(worker)!;
    this.busy.delete(worker);
    this.idle.push(worker);
    if (reply.error) task.reject(new RatingThreadError(`a rating thread failed${lines(task.block)}`, reply.error));
    else {
      // Buffers arrive as plain Uint8Arrays: wrapped again, without copying.
      const rows = reply.rated!.rows;
      rows.copyData = rows.copyData.map((m) => Buffer.from(m.buffer, m.byteOffset, m.byteLength));
      task.resolve(reply.rated!);
    }
    this.next();
  }

  /** The lines a thread was rating, for the reason a job failed. */
  private linesOf(worker: Worker): string {
    const task = this.busy.get(worker);
    return task ? lines(task.block) : "";
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const task of [...this.busy.values(), ...this.queue.splice(0)]) task.reject(err);
    this.busy.clear();
  }
}

const lines = (block: CsvBlock) => ` while rating lines ${block.firstLine}–${block.firstLine + block.lines - 1}`;

// Under jest the services run from their TypeScript sources; threads then run the build (`npm test` builds first).
const WORKER_SCRIPT = __filename.endsWith(".ts") ? path.resolve(__dirname, "../../../dist/services/mediation/cdr-rating-worker.js") : path.join(__dirname, "cdr-rating-worker.js");
