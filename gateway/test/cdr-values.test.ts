import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { uploadFile } from "../src/cli/hub-client";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-cdr-values-"));

beforeAll(async () => {
  hub = await startTestHub("cdr-values");
  const customer = await createPartner(hub, "VALUES_IN", { roles: ["CUSTOMER"], timezone: "Europe/London", rounding: { decimals: 4, mode: "HALF_UP", scope: "PER_CDR" } });
  const vendor = await createPartner(hub, "VALUES_OUT", { roles: ["VENDOR"] });
  for (const [partner, direction, deck] of [
    [customer.id, "SELL", "prefix,destination,rate,time_band\n91,India,0.02,PEAK\n91,India,0.01,"],
    [vendor.id, "BUY", "prefix,destination,rate\n91,India,0.005"],
  ]) {
    const card = await hub.query(
      `mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE,
        timeBands: [{ name: "PEAK", weekdays: [1,2,3,4,5], start: "08:00", end: "18:00" }] }) { id } }`,
      { p: partner, d: direction },
    );
    const imported = await hub.query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: card.data.createRateCard.id, mode: "FULL", content: deck, effectiveFrom: "2026-01-01T00:00:00Z" } });
    expect(imported.errors).toBeUndefined();
  }
  const source = await hub.query(`mutation { createCdrSource(input: { code: "HOSTILE", name: "hostile", format: NATIVE, timezone: "UTC" }) { id } }`);
  for (const [side, partnerId] of [["INGRESS", customer.id], ["EGRESS", vendor.id]]) {
    await hub.query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.data.createCdrSource.id, side, match: "DEFAULT", value: "", partnerId } });
  }
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("quarantines every value the rating or storage cannot take, bills a padded id once, and rates a week-long banded call", async () => {
  const call = (id: string, start: string, duration: string, extra: { a?: string; b?: string; service?: string; units?: string } = {}) =>
    `${id},${start},${duration},${extra.a ?? "+442079460018"},${extra.b ?? "+919876543210"},in,out,ANSWERED,${extra.service ?? ""},${extra.units ?? ""}\n`;
  const file = Buffer.concat([
    Buffer.from("call_id,start,duration,a_number,b_number,ingress,egress,disposition,service,units\n"),
    Buffer.from(call("good-1", "2026-11-20T10:00:00Z", "60")), // line 2
    Buffer.from(call("\u00A0good-1\u00A0", "2026-11-20T10:00:00Z", "60")), // 3: the same call, padded
    Buffer.from(call("big-1", "2026-11-20T10:00:00Z", "1000000000000")), // 4
    Buffer.from(call("data-1", "2026-11-20T10:00:00Z", "0", { service: "DATA", units: "3000000000" })), // 5
    Buffer.from(call("nul-1", "2026-11-20T10:00:00Z", "60", { a: "+44\u00002079" })), // 6
    Buffer.from(call("x".repeat(3000), "2026-11-20T10:00:00Z", "60")), // 7
    Buffer.from(call("feb-1", "2026-02-30T10:00:00Z", "60")), // 8
    Buffer.from(call("min-1", "2026-11-20T10:61:00Z", "60")), // 9
    Buffer.from(call("old-1", "0001-01-01T00:00:00Z", "60")), // 10
    Buffer.from("utf-1,2026-11-20T10:00:00Z,60,+442079460018,+9198"), Buffer.from([0xff, 0xfe]), Buffer.from("76,in,out,ANSWERED,,\n"), // 11
    Buffer.from(call("week-1", "2026-11-16T00:00:00Z", "604800")), // 12: Monday to Monday
    Buffer.from(call("\u3000\uFEFF", "2026-11-20T10:00:00Z", "60")), // 13
  ]);
  fs.writeFileSync(path.join(dir, "hostile.csv"), file);
  const job = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/cdrs", { source: "HOSTILE", fileName: "hostile.csv" }, path.join(dir, "hostile.csv"));
  expect(job).toMatchObject({ status: "COMPLETED", read: 12, rated: 2, duplicate: 1, rejected: 9, unrated: 0 });

  const quarantine = await hub.query(`query($j: ID!) { ingestionJob(id: $j) { quarantine(first: 20) { edges { node { line field reason raw } } } } }`, { j: job.id });
  expect(quarantine.errors).toBeUndefined();
  expect(quarantine.data.ingestionJob.quarantine.edges.map((e: any) => [e.node.line, e.node.field, e.node.reason])).toEqual([
    [4, "duration", "duration 1000000000000 s is beyond the ceiling of 604800 s (7 days)"],
    [5, "units", "units 3000000000 is beyond 2147483647, the most a record holds"],
    [6, "a_number", "a NUL byte in a_number"],
    [7, "call_id", "call_id is 3000 characters; at most 200"],
    [8, "start", "start 2026-02-30T10:00:00Z is not a date"],
    [9, "start", "start 2026-11-20T10:61:00Z is not a time of day"],
    [10, "start", expect.stringMatching(/^start 0001-01-01T00:00:00Z is before \d{4}-\d\d-\d\d \d\d:\d\d UTC, the earliest start accepted$/)],
    [11, "b_number", "b_number is not valid UTF-8 (a byte sequence was replaced by U+FFFD)"],
    [13, "call_id", "call_id is only whitespace"],
  ]);
  // PostgreSQL text holds no NUL: the stored record shows it as ␀.
  expect(quarantine.data.ingestionJob.quarantine.edges[2].node.raw).toContain("+44\u24002079");

  // The week: 5 × 10 h PEAK at 0.02/min (60) and 118 h off-peak at 0.01/min (70.8); good-1 is a PEAK minute (0.02).
  const calls = await hub.query(`query($j: ID!) { ratedCdrs(filter: { jobId: $j }) { edges { node { callId duration } } } }`, { j: job.id });
  expect(calls.data.ratedCdrs.edges.map((e: any) => e.node).sort((a: any, b: any) => a.callId.localeCompare(b.callId))).toEqual([
    { callId: "good-1", duration: 60 },
    { callId: "week-1", duration: 604800 },
  ]);
  const totals = await hub.query(`query($j: ID!) { ingestionJob(id: $j) { totals { side amount } } }`, { j: job.id });
  expect(totals.data.ingestionJob.totals).toContainEqual({ side: "REVENUE", amount: "130.82" });
  expect((await fetch(`${hub.url.replace(/\/graphql$/, "")}/health`)).status).toBe(200);
});
