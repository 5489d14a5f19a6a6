import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import pino from "pino";
import { uploadFile } from "../src/cli/hub-client";
import { fileSha256 } from "../src/cli/cdrs-commands";
import { CdrRatingPool } from "../../subgraphs/rating/src/services/mediation/cdr-rating-pool";
import { PartitionBounds1764530000000 } from "../../subgraphs/rating/src/migrations/1764530000000-partition-bounds";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";
import { querySql } from "./support/database";

let hub: TestHub;
let customer: { id: string };
let vendor: { id: string };
const logs: Array<Record<string, any>> = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-cdr-jobs-"));
const cli = path.resolve(__dirname, "../dist/cli/main.js");
const HEADER = "call_id,start,duration,a_number,b_number,ingress,egress,disposition";
const call = (id: string, start = "2026-11-20T10:00:00Z") => `${id},${start},60,+442070000000,+919800000001,in,out,ANSWERED`;
const JOB = "id status error read rated duplicate rejected unrated finishedAt quarantine { edges { node { jobId line field reason raw } } }";

const sql = (query: string, params: unknown[] = []) => querySql(hub.databaseUrl, query, params);

async function source(code: string, dropFolder?: string): Promise<string> {
  const s = await hub.query(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code, name: code, format: "NATIVE", timezone: "UTC", dropFolder } });
  expect(s.errors).toBeUndefined();
  for (const side of ["INGRESS", "EGRESS"]) {
    await hub.query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: s.data.createCdrSource.id, side, match: "DEFAULT", partnerId: side === "INGRESS" ? customer.id : vendor.id } });
  }
  return s.data.createCdrSource.id;
}

const ingest = async (sourceCode: string, fileName: string, content: string) => {
  const res = await hub.query(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { ${JOB} } }`, { i: { source: sourceCode, fileName, content } });
  expect(res.errors).toBeUndefined();
  return res.data.ingestCdrs;
};
const write = (name: string, content: string | Buffer) => {
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};
const stored = async (sourceId: string) => (await sql(`SELECT count(*)::int AS n FROM rating.rated_cdr WHERE source_id = $1`, [sourceId]))[0].n;
const running = () => sql(`SELECT id, file_name FROM rating.ingestion_job WHERE status = 'RUNNING'`);
const accounted = (job: any) => expect(job.read).toBe(job.rated + job.duplicate + job.rejected + job.unrated);

beforeAll(async () => {
  const logger = pino({ level: "warn" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  hub = await startTestHub("cdrjobs", { logger });
  customer = await createPartner(hub, "JOBS_IN", { roles: ["CUSTOMER"] });
  vendor = await createPartner(hub, "JOBS_OUT", { roles: ["VENDOR"] });
  for (const [partnerId, direction] of [[customer.id, "SELL"], [vendor.id, "BUY"]]) {
    const c = await hub.query(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: partnerId, d: direction });
    await hub.query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: c.data.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n91,India,0.0100", effectiveFrom: "1990-01-01T00:00:00Z" } });
  }
});
afterAll(async () => {
  jest.restoreAllMocks();
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => expect(await running()).toEqual([]));

describe("files that are not text", () => {
  it("fail as a whole with the reason, through the upload route and GraphQL, storing nothing", async () => {
    const sourceId = await source("NOT_TEXT");
    const gz = write("calls.csv.gz", gzipSync([HEADER, call("z-1"), call("z-2")].join("\n")));
    const job = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/cdrs", { source: "NOT_TEXT", fileName: "calls.csv.gz", sha256: await fileSha256(gz) }, gz);
    expect(job).toMatchObject({ status: "FAILED", error: "calls.csv.gz: the file is gzip-compressed: decompress it before ingesting", read: 0 });
    const binary = await ingest("NOT_TEXT", "dump.bin", randomBytes(4096).toString("latin1"));
    expect(binary).toMatchObject({ status: "FAILED", error: "dump.bin: the file is binary, not CSV text", read: 0, rejected: 0 });
    expect(binary.finishedAt).not.toBeNull();
    expect(await stored(sourceId)).toBe(0);
  });

  it("fail through the CLI with a clear line and a non-zero exit; a good file exits 0 and lists its rejects by line and field", async () => {
    await source("CLI_SRC");
    const gz = write("cli.csv.gz", gzipSync([HEADER, call("c-1")].join("\n")));
    const failed = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "cdrs", "ingest", gz, "--source", "CLI_SRC"]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("cli.csv.gz: ingestion FAILED: cli.csv.gz: the file is gzip-compressed: decompress it before ingesting");
    expect(failed.stderr).not.toMatch(/at .*\.js:\d+|SQLSTATE|node_modules/);

    const good = write("cli.csv", [HEADER, call("c-1"), "c-2,2026-11-20T10:00:00Z,sixty,+44,+91,in,out,ANSWERED", call("c-3")].join("\n") + "\n");
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "cdrs", "ingest", good, "--source", "CLI_SRC"]);
    expect(stdout).toMatch(/cli.csv: job [0-9a-f-]{36} COMPLETED: read 3 = rated 2 \+ duplicate 0 \+ rejected 1 \+ unrated 0/);
    expect(stderr).toMatch(/cli\.csv:3 duration: .+/);

    const missing = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "cdrs", "ingest", path.join(dir, "nope.csv"), "--source", "CLI_SRC"]).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.csv: no such file");
  });
});

describe("errors during a job", () => {
  it("a rating thread that dies fails the job with the lines it was rating; the same file sent again resumes that job to the end", async () => {
    const sourceId = await source("THREADS");
    const lines = [HEADER, ...Array.from({ length: 30_000 }, (_, i) => call(`t-${i}`, `2026-11-2${i % 3}T10:${String(i % 60).padStart(2, "0")}:00Z`))];
    const file = write("threads.csv", lines.join("\n") + "\n");
    const sha256 = await fileSha256(file);
    const rate = CdrRatingPool.prototype.rate;
    const spy = jest.spyOn(CdrRatingPool.prototype, "rate").mockImplementation(function (this: any, block, skip) {
      const rated = rate.call(this, block, skip);
      // The second block's thread dies while rating it, as a thread does on an out-of-memory or a native crash.
      if (block.firstLine > 1) void [...this.busy.keys()][0]?.terminate();
      return rated;
    });
    const services = hub.subgraphServices.rating as any;
    const failed = await services.ingestion.ingest({ kind: "service", service: "test" }, { source: "THREADS", fileName: "threads.csv", fileSha256: sha256, chunkSize: 10_000, body: fs.createReadStream(file) });
    spy.mockRestore();
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/^a rating thread stopped \(exit code \d\) while rating lines \d+–\d+$/);
    expect(logs.find((l) => l.jobId === failed.id && l.msg.startsWith("CDR ingestion job failed"))).toBeDefined();

    const resumed = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/cdrs", { source: "THREADS", fileName: "threads.csv", sha256 }, file);
    expect(resumed).toMatchObject({ id: failed.id, status: "COMPLETED", error: null, read: 30_000, rated: 30_000, duplicate: 0 });
    expect(await stored(sourceId)).toBe(30_000);
    const audit = await hub.query(`query($id: ID!) { auditTrail(filter: { entityId: $id }) { edges { node { action } } } }`, { id: failed.id });
    expect(audit.data?.auditTrail.edges.map((e: any) => e.node.action)).toContain("ingestion_job.retried");
  });

  it("a row the database refuses is quarantined with its line and field; the rest of its chunk is stored", async () => {
    const sourceId = await source("REFUSED");
    const longId = randomBytes(3000).toString("base64");
    const content = [HEADER, call("r-1"), call(longId), call("r-3"), call("r-\u00004"), call("r-5")].join("\n");
    const job = await ingest("REFUSED", "refused.csv", content);
    expect(job).toMatchObject({ status: "COMPLETED", read: 5, rated: 3, rejected: 2 });
    accounted(job);
    expect(job.quarantine.edges.map((e: any) => [e.node.line, e.node.field])).toEqual([[3, "call_id"], [5, "call_id"]]);
    for (const { node } of job.quarantine.edges) expect(node.reason).not.toMatch(/SQLSTATE|index row|btree|0x00/);
    expect((await sql(`SELECT call_id FROM rating.rated_cdr WHERE source_id = $1 ORDER BY call_id`, [sourceId])).map((r) => r.call_id)).toEqual(["r-1", "r-3", "r-5"]);
    const [traffic] = await sql(`SELECT sum(attempts)::int AS attempts FROM rating.traffic_hourly WHERE partner_id = $1 AND role = 'CUSTOMER' AND hour = '2026-11-20T10:00:00Z'`, [customer.id]);
    expect(traffic.attempts).toBeGreaterThanOrEqual(3);
  });
});

describe("partitions", () => {
  // Runs before any test stores calls from 0005 to 2005: the partition the old code wrote would overlap theirs.
  it("a partition written with a short year by an older hub is repaired at start, its calls kept", async () => {
    await source("REPAIR");
    const job = await ingest("REPAIR", "repair.csv", [HEADER, call("p-1")].join("\n"));
    expect(job.rated).toBe(1);
    // Written as the hub wrote it before, as the rating subgraph's own role.
    const runner = (hub.subgraphServices.rating as any).dataSource.createQueryRunner();
    await runner.query(`CREATE TABLE rating.rated_cdr_5_01 PARTITION OF rating.rated_cdr FOR VALUES FROM ('0005-01-01 00:00:00+00') TO ('5-02-01 00:00:00+00')`);
    await runner.query(`CREATE TEMP TABLE one AS SELECT * FROM rating.rated_cdr WHERE job_id = $1`, [job.id]);
    for (const [id, start] of [["p-5", "0005-01-10T00:00:00Z"], ["p-1999", "1999-05-05T12:00:00Z"]]) {
      await runner.query(`UPDATE one SET call_id = $1, start_time = $2`, [id, start]);
      await runner.query(`INSERT INTO rating.rated_cdr SELECT * FROM one`);
    }
    await runner.startTransaction();
    await new PartitionBounds1764530000000().up(runner);
    await runner.commitTransaction();
    await runner.release();
    const where = await sql(`SELECT call_id, tableoid::regclass::text AS partition FROM rating.rated_cdr WHERE call_id IN ('p-1', 'p-5', 'p-1999') ORDER BY call_id`);
    expect(where).toEqual([
      { call_id: "p-1", partition: "rating.rated_cdr_2026_11" },
      { call_id: "p-1999", partition: "rating.rated_cdr_1999_05" },
      { call_id: "p-5", partition: "rating.rated_cdr_0005_01" },
    ]);
    await sql(`DELETE FROM rating.rated_cdr WHERE call_id IN ('p-5', 'p-1999')`);
  });

  it("a call in year 0001 does not break later files with calls in 1999 and 2000, and every partition spans exactly its month", async () => {
    const sourceId = await source("ANCIENT");
    const first = await ingest("ANCIENT", "ancient.csv", [HEADER, call("y-1", "0001-01-15T10:00:00Z"), call("y-2")].join("\n"));
    expect(first.status).toBe("COMPLETED");
    accounted(first);
    const later = await ingest("ANCIENT", "y2k.csv", [HEADER, call("y-3", "1999-12-31T23:59:00Z"), call("y-4", "2000-01-01T00:01:00Z"), call("y-5", "2000-06-01T00:00:00Z")].join("\n"));
    expect(later).toMatchObject({ status: "COMPLETED", read: 3 });
    accounted(later);
    expect(later.rated + later.unrated + later.rejected).toBe(3);
    await sql(`SET TimeZone = 'UTC'`);
    const wrong = await sql(`
      SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid,
             LATERAL (SELECT regexp_match(pg_get_expr(c.relpartbound, c.oid), $$FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$$) AS m) b
       WHERE i.inhparent = 'rating.rated_cdr'::regclass AND b.m[2]::timestamptz <> b.m[1]::timestamptz + interval '1 month'`);
    expect(wrong).toEqual([]);
    expect(await stored(sourceId)).toBe(first.rated + first.unrated + later.rated + later.unrated);
  });
});

describe("re-ingested files", () => {
  it("count their rejects again without quarantining them twice; the second job lists the first's quarantine", async () => {
    const sourceId = await source("AGAIN");
    const content = [HEADER, call("a-1"), "a-2,not-a-time,60,+44,+91,in,out,ANSWERED", call("a-3"), "a-4,2026-11-20T10:00:00Z,-,+44,+91,in,out,ANSWERED"].join("\n");
    const first = await ingest("AGAIN", "again.csv", content);
    const second = await ingest("AGAIN", "again.csv", content);
    expect(first).toMatchObject({ status: "COMPLETED", read: 4, rated: 2, rejected: 2 });
    expect(second).toMatchObject({ status: "COMPLETED", read: 4, rated: 0, duplicate: 2, rejected: 2 });
    accounted(second);
    expect(second.id).not.toBe(first.id);
    expect(second.quarantine.edges).toEqual(first.quarantine.edges);
    expect(second.quarantine.edges.map((e: any) => [e.node.jobId, e.node.line, e.node.field])).toEqual([[first.id, 3, "start"], [first.id, 5, "duration"]]);
    expect(await sql(`SELECT count(*)::int AS n FROM rating.cdr_quarantine WHERE source_id = $1`, [sourceId])).toEqual([{ n: 2 }]);
  });
});

describe("drop folders", () => {
  it("move a file that failed to failed/ with a report naming the reason, and retry it when it is dropped again", async () => {
    const folder = path.join(hub.dropRoot, "jobs");
    fs.mkdirSync(folder, { recursive: true });
    await source("DROP_JOBS", folder);
    const watcher = (hub.subgraphServices.rating as any).dropFolders;
    fs.writeFileSync(path.join(folder, "day.csv.gz"), gzipSync(call("g-1")));
    fs.writeFileSync(path.join(folder, "day.csv"), [HEADER, call("d-1"), "d-2,2026-11-20T10:00:00Z,60,+44,,in,out,ANSWERED", call("d-3")].join("\n") + "\n");
    await watcher.scan();
    await watcher.scan();
    const failed = fs.readFileSync(path.join(folder, "failed", "day.csv.gz.error.txt"), "utf8");
    expect(failed).toMatch(/^file day\.csv\.gz \(source DROP_JOBS\): job [0-9a-f-]{36} FAILED: day\.csv\.gz: the file is gzip-compressed: decompress it before ingesting$/m);
    expect(failed).toContain("read 0 = rated 0 + duplicate 0 + rejected 0 + unrated 0");
    const done = fs.readFileSync(path.join(folder, "done", "day.csv.report.txt"), "utf8");
    expect(done).toMatch(/job [0-9a-f-]{36} COMPLETED/);
    expect(done).toContain("read 3 = rated 2 + duplicate 0 + rejected 1 + unrated 0");
    expect(done).toMatch(/^ {2}line 3, field b_number: .+$/m);

    // Dropped again unchanged: the same job is tried again (and fails again, for the same reason).
    const jobId = /job ([0-9a-f-]{36})/.exec(failed)![1];
    fs.renameSync(path.join(folder, "failed", "day.csv.gz"), path.join(folder, "day.csv.gz"));
    await watcher.scan();
    await watcher.scan();
    expect(fs.readFileSync(path.join(folder, "failed", "day.csv.gz.error.txt"), "utf8")).toContain(`job ${jobId} FAILED`);
    expect(await sql(`SELECT count(*)::int AS n FROM rating.ingestion_job WHERE file_name = 'day.csv.gz'`)).toEqual([{ n: 1 }]);
  });
});
