import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { Client } from "pg";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
let partnerId: string;
const logs: Array<Record<string, any>> = [];
/** A folder outside the drop root holding a CDR file nobody meant the hub to read. */
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-outside-"));
const SECRET_CDRS = "call_id,start,duration,a_number,b_number,ingress,egress,disposition\nsecret-1,2026-11-22T08:00:00Z,60,+44,+919800000001,x,y,ANSWERED\n";

beforeAll(async () => {
  const logger = pino({ level: "warn" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  hub = await startTestHub("dropconfine", { logger });
  partnerId = (await createPartner(hub, "DROPPER")).id;
  fs.writeFileSync(path.join(outside, "secret.csv"), SECRET_CDRS);
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(outside, { recursive: true, force: true });
});

const watcher = () => (hub.subgraphServices.rating as any).dropFolders as { scan(): Promise<void> };

async function createSource(code: string, dropFolder: string) {
  const res = await hub.query(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id dropFolder } }`, { i: { code, name: code, format: "NATIVE", timezone: "UTC", dropFolder } });
  if (res.data?.createCdrSource) {
    for (const side of ["INGRESS", "EGRESS"]) await hub.query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: res.data.createCdrSource.id, side, match: "DEFAULT", partnerId } });
  }
  return res;
}

async function jobsOf(sourceId: string): Promise<Array<{ file_name: string; status: string }>> {
  const db = new Client({ connectionString: hub.databaseUrl });
  await db.connect();
  try {
    return (await db.query(`SELECT file_name, status FROM rating.ingestion_job WHERE source_id = $1 ORDER BY file_name`, [sourceId])).rows;
  } finally {
    await db.end();
  }
}

describe("a source's drop folder is confined to the drop root", () => {
  it("creates the root at start, and accepts a folder inside it", async () => {
    expect(fs.statSync(hub.dropRoot).isDirectory()).toBe(true);
    const res = await createSource("INSIDE", path.join(hub.dropRoot, "switch-a", ".", "in"));
    expect(res.errors).toBeUndefined();
    expect(res.data.createCdrSource.dropFolder).toBe(path.join(hub.dropRoot, "switch-a", "in"));
  });

  it.each([
    ["outside the root", () => path.join(outside, "cdrs"), /inside the drop root/],
    ["that is the root itself", () => hub.dropRoot, /inside the drop root/],
    ["given as a relative path", () => "switch-b/in", /absolute path inside the drop root/],
    ["given as ./relative", () => "./switch-b", /absolute path inside the drop root/],
    ["with '..' leading out", () => path.join(hub.dropRoot, "..") + "/../etc", /must not contain '\.\.'/],
    ["with '..' even when it stays inside", () => `${hub.dropRoot}/a/../b`, /must not contain '\.\.'/],
    ["beside the root, named like it", () => `${hub.dropRoot}-other/in`, /inside the drop root/],
  ])("refuses a folder %s with BAD_USER_INPUT on dropFolder", async (_, folder, message) => {
    const res = await createSource(`BAD_${Math.random().toString(36).slice(2, 8)}`, folder());
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "dropFolder" });
    expect(res.errors![0].message).toMatch(message);
    expect(res.errors![0].message).not.toContain(os.tmpdir());
  });

  it("refuses a folder that leads out through a symbolic link, itself or one of its parents", async () => {
    fs.symlinkSync(outside, path.join(hub.dropRoot, "link-out"));
    for (const folder of [path.join(hub.dropRoot, "link-out"), path.join(hub.dropRoot, "link-out", "not-yet-made")]) {
      const res = await createSource(`LINK_${folder.length}`, folder);
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "dropFolder" });
      expect(res.errors![0].message).toMatch(/leads out of the drop root through a symbolic link/);
    }
    fs.symlinkSync(path.join(hub.dropRoot, "nowhere"), path.join(hub.dropRoot, "dangling"));
    const dangling = await createSource("DANGLING", path.join(hub.dropRoot, "dangling"));
    expect(dangling.errors![0].message).toMatch(/symbolic link that leads nowhere/);
  });

  it("accepts a link that stays inside the root", async () => {
    fs.mkdirSync(path.join(hub.dropRoot, "real-in"));
    fs.symlinkSync(path.join(hub.dropRoot, "real-in"), path.join(hub.dropRoot, "link-in"));
    expect((await createSource("LINK_IN", path.join(hub.dropRoot, "link-in"))).errors).toBeUndefined();
  });
});

describe("every scan checks the folder and each file again", () => {
  it("reads nothing from a folder swapped for a link out after the source was created, and says so in the log", async () => {
    const folder = path.join(hub.dropRoot, "swapped");
    fs.mkdirSync(folder);
    const res = await createSource("SWAPPED", folder);
    expect(res.errors).toBeUndefined();
    fs.rmdirSync(folder);
    fs.symlinkSync(outside, folder);
    await watcher().scan();
    await watcher().scan();
    expect(await jobsOf(res.data.createCdrSource.id)).toEqual([]);
    expect(fs.readdirSync(outside)).toEqual(["secret.csv"]); // nothing read, moved or written there
    const refusals = logs.filter((l) => l.source === "SWAPPED");
    expect(refusals).toHaveLength(1); // once, not at every scan
    expect(refusals[0]).toMatchObject({ level: 40, msg: "drop folder refused: nothing in it is read", reason: "dropFolder leads out of the drop root through a symbolic link" });
  });

  it("moves a file that is a link out to failed/ unread, with the reason, and still ingests the real files beside it", async () => {
    const folder = path.join(hub.dropRoot, "with-link");
    fs.mkdirSync(folder);
    const res = await createSource("WITH_LINK", folder);
    fs.symlinkSync(path.join(outside, "secret.csv"), path.join(folder, "a-secret.csv"));
    fs.writeFileSync(path.join(folder, "b-real.csv"), SECRET_CDRS.replace("secret-1", "real-1"));
    await watcher().scan();
    await watcher().scan();
    expect(await jobsOf(res.data.createCdrSource.id)).toEqual([{ file_name: "b-real.csv", status: "COMPLETED" }]);
    expect(fs.lstatSync(path.join(folder, "failed", "a-secret.csv")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(folder, "failed", "a-secret.csv.error.txt"), "utf8")).toMatch(/refused, not read: it is a symbolic link/);
    expect(fs.readFileSync(path.join(outside, "secret.csv"), "utf8")).toBe(SECRET_CDRS);
    expect(logs.find((l) => l.source === "WITH_LINK")).toMatchObject({ msg: "drop folder file refused", file: "a-secret.csv" });
  });

  it("never writes a report through a failed/ that is a link out", async () => {
    const folder = path.join(hub.dropRoot, "failed-link");
    fs.mkdirSync(folder);
    const res = await createSource("FAILED_LINK", folder);
    fs.symlinkSync(outside, path.join(folder, "failed"));
    fs.symlinkSync(path.join(outside, "secret.csv"), path.join(folder, "x.csv"));
    await watcher().scan();
    expect(await jobsOf(res.data.createCdrSource.id)).toEqual([]);
    expect(fs.readdirSync(outside)).toEqual(["secret.csv"]);
    expect(logs.find((l) => l.source === "FAILED_LINK" && l.file === "x.csv" && l.level === 50)).toMatchObject({ msg: "refused drop folder file could not be moved aside" });
  });
});
