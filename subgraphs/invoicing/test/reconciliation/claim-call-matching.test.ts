import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { DataSource } from "typeorm";
import { copyLine, createTestDatabase, Decimal } from "@intersettle/shared";
import { matchCalls, type CallMatch, type MatchTolerances, type OurCall, type TheirCall } from "../../src/domain";
import { matchClaimCalls } from "../../src/services/reconciliation/claim-call-matching";

// The run's matching over PostgreSQL gives what the in-memory rule (matchCalls) gives, call for call.
let db: DataSource;
const T0 = Date.UTC(2026, 10, 1);
const tolerances: MatchTolerances = { startToleranceSeconds: 2, durationToleranceSeconds: 1, amountTolerance: new Decimal("0.0001") };

beforeAll(async () => {
  db = new DataSource({ type: "postgres", url: await createTestDatabase("claim-call-matching") });
  await db.initialize();
  await db.query(`CREATE SCHEMA invoicing`);
  await db.query(`CREATE TABLE invoicing.claim_call (claim_id uuid NOT NULL, line int NOT NULL, call_id text, start_time timestamptz NOT NULL, a_number text NOT NULL,
    b_number text NOT NULL, duration int NOT NULL, amount numeric, PRIMARY KEY (claim_id, line))`);
  await db.query(`CREATE UNIQUE INDEX claim_call_id ON invoicing.claim_call (claim_id, call_id) WHERE call_id IS NOT NULL`);
}, 60_000);
afterAll(() => db?.destroy());

async function overPostgres(ours: OurCall[], theirs: TheirCall[]): Promise<CallMatch[]> {
  const claimId = randomUUID();
  for (const t of theirs) {
    await db.query(`INSERT INTO invoicing.claim_call VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [claimId, t.line, t.callId, t.start, t.aNumber, t.bNumber, t.duration, t.amount?.toFixed() ?? null]);
  }
  return db.transaction(async (manager) => {
    // As rating's export reads: COPY text lines, a few blocks of them.
    const lines = ours.map((c) => copyLine([c.callId, c.start.getTime(), c.aNumber, c.bNumber, c.duration, c.destination, c.amount.toFixed(), c.currency]));
    async function* blocks() {
      if (lines.length > 0) yield { text: lines.slice(0, 3).join(""), firstLine: 2 };
      if (lines.length > 3) yield { text: lines.slice(3).join(""), firstLine: 5 };
    }
    const results: CallMatch[] = [];
    for await (const batch of matchClaimCalls(manager, claimId, blocks(), "EUR", tolerances)) results.push(...batch);
    return results;
  });
}

/** A result as comparable text: which of ours (by its fields: equal calls are interchangeable), which of theirs (by line), how they compare. */
const ourText = (c: OurCall) => `${c.callId}@${c.start.getTime()}/${c.aNumber}/${c.bNumber}/${c.duration}/${c.amount.toFixed()}`;
const described = (m: CallMatch) => `${m.status} ${m.ours ? ourText(m.ours) : "-"} ${m.theirs?.line ?? "-"} ${m.difference.toFixed()}`;

const few = <T>(...values: T[]) => fc.constantFrom(...values);
const ourArb = fc.record({ callId: few("c1", "c2", "c3", "c4"), second: fc.integer({ min: 0, max: 12 }), aNumber: few("491", "492"), bNumber: few("441", "442"), duration: fc.integer({ min: 58, max: 62 }), cents: fc.integer({ min: 1, max: 3 }) })
  .map((c): OurCall => ({ callId: c.callId, start: new Date(T0 + c.second * 1000), aNumber: c.aNumber, bNumber: c.bNumber, duration: c.duration, destination: "UK", amount: new Decimal(c.cents).dividedBy(100), currency: "EUR" }));
const theirArb = fc.record({ callId: few<string | null>(null, null, "c1", "c2", "c3", "c5"), second: fc.integer({ min: 0, max: 12 }), aNumber: few("491", "492"), bNumber: few("441", "442"), duration: fc.integer({ min: 58, max: 62 }), cents: fc.option(fc.integer({ min: 1, max: 3 })) });

it("pairs, compares and leaves over exactly as matchCalls does", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(ourArb, { maxLength: 12 }), fc.array(theirArb, { maxLength: 12 }), async (ours, raw) => {
      const seen = new Set<string>();
      // The claim holds each call id once (its ingestion keeps the first).
      const theirs = raw.map((t, i): TheirCall => {
        const callId = t.callId !== null && !seen.has(t.callId) ? (seen.add(t.callId), t.callId) : null;
        return { line: i + 1, callId, start: new Date(T0 + t.second * 1000), aNumber: t.aNumber, bNumber: t.bNumber, duration: t.duration, amount: t.cents === null ? null : new Decimal(t.cents).dividedBy(100) };
      });
      const expected = [...matchCalls(ours, theirs, tolerances)].map(described).sort();
      const found = (await overPostgres(ours, theirs)).map(described).sort();
      expect(found).toEqual(expected);
    }),
    { numRuns: 60 },
  );
});

it("refuses our calls in another currency than the claim's, naming the first", async () => {
  const call = (id: string, currency: string) => copyLine([id, T0, "491", "441", 60, "UK", "0.01", currency]);
  async function* blocks() {
    yield { text: call("k1", "EUR") + call("k2", "USD") + call("k3", "GBP"), firstLine: 2 };
  }
  const run = db.transaction(async (manager) => {
    for await (const _ of matchClaimCalls(manager, randomUUID(), blocks(), "EUR", tolerances));
  });
  await expect(run).rejects.toThrow("Our call k2 is rated in USD; the claim is in EUR");
});
