import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

/**
 * Dirty files as real switches write them, each generated here with what it holds: how many records, which lines
 * are rejected and on which field, which are duplicates. Every file goes through the CLI, GraphQL and a drop folder
 * (GraphQL only takes text), and for every job the counts must add up to the records written, each reject must be
 * on its line and field, no job may stay RUNNING, and the hub must keep answering /health throughout.
 */
const HEADER = "call_id,start,duration,a_number,b_number,ingress,egress,disposition";
const cli = path.resolve(__dirname, "../dist/cli/main.js");

interface HostileFile {
  name: string;
  content: Buffer;
  /** Records in the file (header excluded; a record spanning lines counts once). */
  records: number;
  /** [physical line, field] of every record that must be rejected. */
  rejects: Array<[number, string]>;
  duplicates: number;
  /** Not text at all: the job must end FAILED with a reason, storing nothing. */
  notText?: RegExp;
}

const call = (id: string, second = 0, overrides: Partial<Record<"start" | "duration" | "a" | "b" | "ingress" | "egress", string>> = {}) =>
  [id, overrides.start ?? `2026-11-20T10:${String(Math.floor(second / 60)).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}Z`, overrides.duration ?? "60", overrides.a ?? "+442079460000", overrides.b ?? "+447700900123", overrides.ingress ?? "in", overrides.egress ?? "out", "ANSWERED"].join(",");

function quoting(): HostileFile {
  const lines = [HEADER, call("q1", 1)];
  lines.push(call("q2", 2, { a: '"+442079460000' })); // line 3: a quote opens a field and never closes
  for (let i = 3; i <= 22; i++) lines.push(call(`q${i}`, i)); // lines 4-23: read again after line 3, not swallowed
  lines.push(call('q"23', 23)); // line 24: a quote inside an unquoted field is a character
  lines.push(call('"q24"', 24)); // line 25: a quoted call id
  lines.push(call("q25", 25, { ingress: '"in,trunk"' })); // line 26: the delimiter inside quotes
  lines.push(call("q26", 26, { ingress: '"in\nline"' })); // lines 27-28: one record over two lines
  lines.push(call("q27", 27, { ingress: '"in"x' })); // line 29: garbage after a closing quote
  lines.push(call("q28", 28)); // line 30
  return { name: "quoting.csv", content: Buffer.from(lines.join("\n") + "\n"), records: 28, rejects: [[3, "record"], [29, "record"]], duplicates: 0 };
}

function lineEndings(): HostileFile {
  const endings = ["\n", "\r\n", "\r"];
  let text = HEADER + "\n";
  for (let i = 1; i <= 30; i++) text += call(`e${i}`, i) + endings[i % 3];
  return { name: "endings.csv", content: Buffer.from(text), records: 30, rejects: [], duplicates: 0 };
}

function bareCarriageReturns(): HostileFile {
  const lines = [HEADER, ...Array.from({ length: 10 }, (_, i) => call(`cr${i}`, i))];
  return { name: "bare-cr.csv", content: Buffer.from(lines.join("\r") + "\r"), records: 10, rejects: [], duplicates: 0 };
}

function extremeValues(): HostileFile {
  const rows: Array<[string, string | null]> = [
    [call("v1", 1, { duration: "1000000000000" }), "duration"],
    [call("v2", 2, { duration: "2147483648" }), "duration"],
    [call("v3", 3, { a: "+4420\u00007946" }), "a_number"],
    [call("v4", 4, { start: "2026-02-30T10:00:00Z" }), "start"],
    [call("v5", 5, { start: "2026-04-31T10:00:00Z" }), "start"],
    [call("v6", 6, { start: "2026-11-20T10:61:00Z" }), "start"],
    [call("v7", 7, { start: "0001-01-01T00:00:00Z" }), "start"],
    [call("v8", 8, { start: "26-11-20T10:00:00Z" }), "start"],
    [call("v".repeat(5000), 9), "call_id"],
    [call("v10", 10), null],
    [call("v10\u00a0", 10), null], // the same call padded with a no-break space: a duplicate, not a second bill
  ];
  const text = Buffer.from([HEADER, ...rows.map(([r]) => r), call("v11", 11)].join("\n") + "\n");
  // Invalid UTF-8 inside a number: bytes no text can hold.
  const invalid = Buffer.concat([Buffer.from(`v12,2026-11-20T10:00:12Z,60,+442079460000,+4477`), Buffer.from([0xff, 0xfe]), Buffer.from("00900123,in,out,ANSWERED\n")]);
  const rejects = rows.flatMap(([, field], i): Array<[number, string]> => (field ? [[i + 2, field]] : []));
  return { name: "values.csv", content: Buffer.concat([text, invalid]), records: rows.length + 2, rejects: [...rejects, [rows.length + 3, "b_number"]], duplicates: 1 };
}

function binary(): HostileFile {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  return { name: "switch.dat", content: bytes, records: 0, rejects: [], duplicates: 0, notText: /binary|not .*text/i };
}

function compressed(): HostileFile {
  return { name: "calls.csv.gz", content: gzipSync(Buffer.from([HEADER, call("z1", 1)].join("\n"))), records: 0, rejects: [], duplicates: 0, notText: /gzip/i };
}

const CORPUS = [quoting(), lineEndings(), bareCarriageReturns(), extremeValues(), binary(), compressed()];

let hub: TestHub;
let sources: Record<"CLI" | "GQL" | "DROP", string>;
let dropFolder: string;
const health: { checks: number; failures: string[] } = { checks: 0, failures: [] };
let watching = true;
let watcher: Promise<void>;

beforeAll(async () => {
  hub = await startTestHub("hostile");
  const customer = await createPartner(hub, "HOSTILE_C", { roles: ["CUSTOMER"] });
  const vendor = await createPartner(hub, "HOSTILE_V", { roles: ["VENDOR"] });
  for (const [partner, direction] of [[customer.id, "SELL"], [vendor.id, "BUY"]]) {
    const card = await hub.query(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: partner, d: direction });
    await hub.query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: card.data.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,UK,0.01\n", effectiveFrom: "2026-01-01T00:00:00Z" } });
  }
  dropFolder = path.join(hub.dropRoot!, "hostile");
  fs.mkdirSync(dropFolder, { recursive: true });
  sources = {} as typeof sources;
  for (const route of ["CLI", "GQL", "DROP"] as const) {
    const s = await hub.query(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: `HOSTILE_${route}`, name: route, format: "NATIVE", timezone: "UTC", ...(route === "DROP" && { dropFolder }) } });
    sources[route] = s.data.createCdrSource.id;
    for (const [side, partnerId] of [["INGRESS", customer.id], ["EGRESS", vendor.id]]) {
      await hub.query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: sources[route], side, match: "DEFAULT", value: "", partnerId } });
    }
  }
  const healthUrl = hub.url.replace(/graphql$/, "health");
  watcher = (async () => {
    while (watching) {
      const started = Date.now();
      const ok = await fetch(healthUrl, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
      health.checks++;
      if (!ok) health.failures.push(`health failed after ${Date.now() - started} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
}, 60_000);

afterAll(async () => {
  watching = false;
  await watcher;
  await hub?.stop();
});

const JOB = `id fileName status error read rated duplicate rejected unrated quarantine(first: 100) { edges { node { line field reason } } }`;

async function jobOf(route: keyof typeof sources, fileName: string) {
  const res = await hub.query(`query($s: ID!) { ingestionJobs(sourceId: $s, first: 20) { edges { node { ${JOB} } } } }`, { s: sources[route] });
  const jobs = res.data.ingestionJobs.edges.map((e: any) => e.node).filter((j: any) => j.fileName === fileName);
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

function expectAccounted(job: any, file: HostileFile): void {
  if (file.notText) {
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(file.notText);
    expect(job.read).toBe(0);
    return;
  }
  expect(job.status).toBe("COMPLETED");
  expect(job.read).toBe(file.records);
  expect(job.rated + job.duplicate + job.rejected + job.unrated).toBe(job.read);
  expect(job.duplicate).toBe(file.duplicates);
  const rejects = job.quarantine.edges.map((e: any) => [e.node.line, e.node.field]);
  expect(rejects).toEqual(file.rejects);
  expect(job.rejected).toBe(file.rejects.length);
  for (const e of job.quarantine.edges) expect(e.node.reason.length).toBeGreaterThan(5);
}

describe.each(CORPUS)("$name", (file) => {
  it("through the CLI", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-cli-"));
    const local = path.join(dir, file.name);
    fs.writeFileSync(local, file.content);
    const run = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "cdrs", "ingest", local, "--source", "HOSTILE_CLI"]).catch((e) => e);
    expect(run.code ?? 0).toBe(file.notText ? 1 : 0);
    const job = await jobOf("CLI", file.name);
    expectAccounted(job, file);
    if (file.rejects.length) expect(run.stderr).toContain(`${file.name}:${file.rejects[0][0]} ${file.rejects[0][1]}`);
  });

  // GraphQL carries text: binary and compressed files reach the hub through the upload route and drop folders.
  if (!file.notText) it("through GraphQL", async () => {
    const res = await hub.query(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { id } }`, { i: { source: "HOSTILE_GQL", fileName: file.name, content: file.content.toString("utf8") } });
    expect(res.errors).toBeUndefined();
    expectAccounted(await jobOf("GQL", file.name), file);
  });

  it("through the drop folder", async () => {
    fs.writeFileSync(path.join(dropFolder, file.name), file.content);
    const folders = (hub.subgraphServices.rating as { dropFolders: { scan(): Promise<void> } }).dropFolders;
    await folders.scan(); // sees the file
    await folders.scan(); // finds it unchanged: finished, so ingested
    expectAccounted(await jobOf("DROP", file.name), file);
    expect(fs.existsSync(path.join(dropFolder, file.notText ? "failed" : "done", file.name))).toBe(true);
  });
});

it("leaves no job RUNNING and kept answering /health throughout", async () => {
  const res = await hub.query(`{ ingestionJobs(first: 500) { edges { node { fileName status } } } }`);
  expect(res.data.ingestionJobs.edges.filter((e: any) => e.node.status === "RUNNING")).toEqual([]);
  expect(health.checks).toBeGreaterThan(5);
  expect(health.failures).toEqual([]);
});
