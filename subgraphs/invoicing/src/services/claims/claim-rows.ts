import type { EntityManager } from "typeorm";
import { BinaryCopyWriter, copyBinary, MAX_RAW_CHARS, storableRaw } from "@intersettle/shared";
import type { ClaimedLine, ClaimProblem, TheirCall } from "../../domain";

/** Rows per COPY: a few MB of data, so memory stays flat whatever the file's size. */
const ROWS_PER_COPY = 20_000;
const CALL_COLUMNS = ["claim_id", "line", "call_id", "start_time", "a_number", "b_number", "duration", "amount"] as const;
/** Calls wait here, with the key that tells a duplicate, until the file is read; then the first of each key is kept. */
const STAGED = "claim_call_staged";
const STAGED_COLUMNS = [...CALL_COLUMNS, "key"] as const;
const REJECTION_COLUMNS = ["claim_id", "line", "field", "reason", "raw"] as const;

/**
 * A claim's rows as they are read: calls and rejections written with COPY in batches, invoice lines (a few hundred
 * at most) inserted. Everything goes through the claim's one transaction (`manager`). Calls are told apart from their
 * duplicates by PostgreSQL once the file is read (`finish`), so the hub holds no key per call whatever the file's size.
 */
export class ClaimRows {
  private calls = new BinaryCopyWriter();
  private callCount = 0;
  private staged = 0;
  private rejections = new BinaryCopyWriter();
  private rejectionCount = 0;
  private lines: ClaimedLine[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly claimId: string,
  ) {}

  /** A call of the file; a later call of the same `key` (call id, or content without one) is a duplicate. */
  async call(call: TheirCall, key: string): Promise<void> {
    const w = this.calls;
    w.row(STAGED_COLUMNS.length);
    w.uuid(this.claimId);
    w.int4(call.line);
    if (call.callId === null) w.null();
    else w.text(call.callId);
    w.timestamptz(call.start.getTime());
    w.text(call.aNumber);
    w.text(call.bNumber);
    w.int4(call.duration);
    if (call.amount === null) w.null();
    else w.numeric(call.amount.toFixed());
    w.text(key);
    if (++this.callCount >= ROWS_PER_COPY) await this.flushCalls();
  }

  async line(line: ClaimedLine): Promise<void> {
    this.lines.push(line);
    if (this.lines.length >= 1000) await this.flushLines();
  }

  async rejection(line: number, problem: ClaimProblem, raw: string): Promise<void> {
    const w = this.rejections;
    w.row(REJECTION_COLUMNS.length);
    w.uuid(this.claimId);
    w.int4(line);
    w.text(problem.field);
    w.text(problem.reason);
    w.text(storableRaw(raw.slice(0, MAX_RAW_CHARS)));
    if (++this.rejectionCount >= ROWS_PER_COPY) await this.flushRejections();
  }

  /** Writes what is pending and keeps the first call of each key: how many calls were duplicates. */
  async finish(): Promise<{ duplicates: number }> {
    // One connection: one statement at a time.
    await this.flushCalls();
    await this.flushRejections();
    await this.flushLines();
    if (this.staged === 0) return { duplicates: 0 };
    const [{ kept }] = (await this.manager.query(
      `WITH kept AS (
         INSERT INTO invoicing.claim_call (${CALL_COLUMNS.join(", ")})
         SELECT DISTINCT ON (key) ${CALL_COLUMNS.join(", ")} FROM ${STAGED} ORDER BY key, line
         RETURNING 1)
       SELECT count(*)::int AS kept FROM kept`,
    )) as Array<{ kept: number }>;
    return { duplicates: this.staged - kept };
  }

  private async flushCalls(): Promise<void> {
    if (this.callCount === 0) return;
    if (this.staged === 0) {
      // Dropped with the transaction; key in byte order, the fastest to sort.
      await this.manager.query(`CREATE TEMP TABLE ${STAGED} (LIKE invoicing.claim_call, key text COLLATE "C" NOT NULL) ON COMMIT DROP`);
    }
    const messages = this.calls.messages();
    this.staged += this.callCount;
    this.calls = new BinaryCopyWriter();
    this.callCount = 0;
    await copyBinary(this.manager, STAGED, STAGED_COLUMNS, messages);
  }

  private async flushRejections(): Promise<void> {
    if (this.rejectionCount === 0) return;
    const messages = this.rejections.messages();
    this.rejections = new BinaryCopyWriter();
    this.rejectionCount = 0;
    await copyBinary(this.manager, "invoicing.claim_rejection", REJECTION_COLUMNS, messages);
  }

  private async flushLines(): Promise<void> {
    if (this.lines.length === 0) return;
    const rows = this.lines.splice(0);
    await this.manager.query(
      `INSERT INTO invoicing.claim_line (claim_id, line, destination, calls, minutes, rate, amount, currency)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[], $5::numeric[], $6::numeric[], $7::numeric[], $8::text[])`,
      [this.claimId, rows.map((r) => r.line), rows.map((r) => r.destination), rows.map((r) => r.calls), rows.map((r) => r.minutes.toFixed()), rows.map((r) => r.rate?.toFixed() ?? null), rows.map((r) => r.amount.toFixed()), rows.map((r) => r.currency)],
    );
  }
}
