import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createHash } from "node:crypto";
import { Client } from "pg";
import { createTestDatabase, IngestionInterruptedError, OperatorRole, type Logger, type Principal } from "@intersettle/shared";
import { createInvoicingSubgraph, type InvoicingServices } from "../../src";
import type { ClaimReconciler } from "../../src/services/reconciliation/reconciliation-ports";

// The invoicing subgraph alone on its own database: what claim ingestion hands to the reconciler, and what it does when
// the reconciler fails. (End-to-end ingestion is tested through the gateway in gateway/test/claims.test.ts.)
const PARTNER = "00000000-0000-4000-8000-0000000000a1";
const OPERATOR: Principal = { kind: "operator", id: "op-1", name: "Operator", roles: [OperatorRole.OPERATOR] };
const dropRoot = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-claims-handoff-"));
const calls: Array<{ principal: Principal; claimId: string }> = [];
const logged: Array<Record<string, unknown>> = [];
let failNext = false;
const reconciler: ClaimReconciler = {
  async reconcileClaim(principal, claimId) {
    calls.push({ principal, claimId });
    if (failNext) throw new Error("our calls could not be read");
    return { reconciliationId: "r-1" };
  },
};
const logger = { error: (fields: Record<string, unknown>) => void logged.push(fields), warn: () => undefined, info: () => undefined, child: () => logger } as unknown as Logger;
let invoicing: ReturnType<typeof createInvoicingSubgraph>;
let services: InvoicingServices;
let databaseUrl: string;

const file = (lines: string[]) => {
  const text = lines.join("\n") + "\n";
  return { body: Readable.from([Buffer.from(text)]), fileSha256: createHash("sha256").update(text).digest("hex") };
};
const cdrs = (lines: string[], fileName = "cdrs.csv") => services.claims.ingestion.ingest(OPERATOR, { partnerId: PARTNER, side: "PAYABLE", period: "2026-11", format: "NATIVE", fileName, ...file(lines) });

beforeAll(async () => {
  databaseUrl = await createTestDatabase("claims-handoff");
  invoicing = createInvoicingSubgraph({ databaseUrl, internalSecret: "handoff-secret", ratingUrl: () => "http://127.0.0.1:9/graphql", dropRoot, claimReconciler: reconciler, logger });
  await invoicing.start(0);
  services = invoicing.services()!;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO invoicing.billing_account (partner_id, code, legal_name, roles, currency, timezone, billing_cycle, payment_terms_days, tax_rate_percent, rounding_decimals, rounding_mode, rounding_scope, billing_emails, status, billing_start)
     VALUES ($1, 'HANDOFF', 'Handoff Ltd', '{VENDOR}', 'EUR', 'UTC', 'MONTHLY', 30, 0, 2, 'HALF_UP', 'PER_INVOICE', '{}', 'ACTIVE', '2026-01-01')`,
    [PARTNER],
  );
  await db.end();
}, 120_000);
afterAll(async () => {
  await invoicing?.stop();
  fs.rmSync(dropRoot, { recursive: true, force: true });
});

const HEADER = "call_id,start,duration,a_number,b_number";

it("hands a RECEIVED claim to the reconciler once, with the sender's principal; the same file again is not handed again", async () => {
  const lines = [HEADER, "h-1,2026-11-02 10:00:00,60,+44,+4479"];
  const claim = await cdrs(lines);
  expect(claim.status).toBe("RECEIVED");
  expect(calls).toEqual([{ principal: OPERATOR, claimId: claim.id }]);
  const again = await cdrs(lines);
  expect(again.id).toBe(claim.id);
  expect(calls).toHaveLength(1);
});

it("does not hand a FAILED claim", async () => {
  const claim = await cdrs(["call_id,duration", "x,1"], "no-start.csv");
  expect(claim.status).toBe("FAILED");
  expect(claim.failure).toBe("no-start.csv: line 1: the header lacks start, bNumber");
  expect(calls).toHaveLength(1);
});

it("keeps the claim RECEIVED and logs the reconciler's failure with the claim's id", async () => {
  failNext = true;
  const claim = await cdrs([HEADER, "h-2,2026-11-02 10:00:00,60,+44,+4479"], "second.csv");
  failNext = false;
  expect(claim.status).toBe("RECEIVED");
  expect(calls.at(-1)!.claimId).toBe(claim.id);
  // (The billing scheduler also logs here: it cannot reach the absent rating subgraph.)
  expect(logged.filter((fields) => "claimId" in fields)).toEqual([expect.objectContaining({ claimId: claim.id, err: expect.objectContaining({ message: "our calls could not be read" }) })]);
});

it("stops when the hub stops, keeping nothing of the file: the claim stays RECEIVING and the same file reads it again", async () => {
  const lines = [HEADER, "s-1,2026-11-03 10:00:00,60,+44,+4479", "s-2,2026-11-03 11:00:00,60,+44,+4479"];
  const { fileSha256 } = file(lines);
  const stopping = new AbortController();
  // The file arrives slowly: its first lines, then nothing until the stop.
  const body = new Readable({ read() {} });
  body.push(`${lines.slice(0, 2).join("\n")}\n`);
  const ingesting = services.claims.ingestion.ingest(OPERATOR, { partnerId: PARTNER, side: "PAYABLE", period: "2026-11", format: "NATIVE", fileName: "slow.csv", body, fileSha256, signal: stopping.signal });
  await new Promise((r) => setTimeout(r, 300));
  stopping.abort();
  await expect(ingesting).rejects.toThrow(IngestionInterruptedError);
  const handed = calls.length;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const [claim] = (await db.query(`SELECT id, status, (SELECT count(*)::int FROM invoicing.claim_call c WHERE c.claim_id = claim.id) AS calls FROM invoicing.claim WHERE file_name = 'slow.csv'`)).rows;
    expect(claim).toMatchObject({ status: "RECEIVING", calls: 0 });
    const again = await cdrs(lines, "slow.csv");
    expect(again).toMatchObject({ id: claim.id, status: "RECEIVED", accepted: 2 });
    expect(calls).toHaveLength(handed + 1);
  } finally {
    await db.end();
  }
});

it("keeps the first call of each id, and without ids the first of each identical record; the rest count as duplicates", async () => {
  const withIds = await cdrs([HEADER, "i-1,2026-11-05 10:00:00,60,+44,+4479", "i-2,2026-11-05 11:00:00,60,+44,+4479", "i-1,2026-11-05 12:00:00,90,+44,+4479"], "ids.csv");
  expect(withIds).toMatchObject({ status: "RECEIVED", read: 3, accepted: 2, duplicate: 1, rejected: 0 });
  const noIds = await cdrs(["start,duration,a_number,b_number", "2026-11-06 10:00:00,60,+44,+4479", "2026-11-06 10:00:00,61,+44,+4479", "2026-11-06 10:00:00,60,+44,+4479"], "no-ids.csv");
  expect(noIds).toMatchObject({ status: "RECEIVED", read: 3, accepted: 2, duplicate: 1, rejected: 0 });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const kept = async (claimId: string) => (await db.query(`SELECT line, call_id, duration FROM invoicing.claim_call WHERE claim_id = $1 ORDER BY line`, [claimId])).rows;
    expect(await kept(withIds.id)).toEqual([{ line: 2, call_id: "i-1", duration: 60 }, { line: 3, call_id: "i-2", duration: 60 }]);
    expect(await kept(noIds.id)).toEqual([{ line: 2, call_id: null, duration: 60 }, { line: 3, call_id: null, duration: 61 }]);
  } finally {
    await db.end();
  }
});
