import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bearer, graphqlRequest, freePortBlock } from "@intersettle/shared";
import { HUB_PORTS } from "./support/hub-ports";

// `npm start` exactly as an operator or a process manager runs it, from the repository's root.
const ROOT = path.resolve(__dirname, "../..");
const TOKEN = "iso_shutdown-test-admin-token-000000000000000000";
const LINES = 300_000;

interface Started {
  npm: ChildProcess;
  hubPid: number;
  exited: Promise<number | null>;
}

function npmStart(env: NodeJS.ProcessEnv): Promise<Started> {
  const npm = spawn("npm", ["start"], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: "warn" } });
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  let out = "";
  return new Promise((resolve, reject) => {
    npm.stdout!.on("data", (chunk) => {
      out += chunk;
      if (!out.includes("Load demo data")) return;
      const hubPid = childrenOf(npm.pid!).find((pid) => commandLine(pid).includes("gateway/dist/main.js"));
      if (hubPid) resolve({ npm, hubPid, exited });
      else reject(new Error(`no hub process under npm (${npm.pid})`));
    });
    npm.stderr!.on("data", (chunk) => (out += chunk));
    void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
}


function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** Live (not zombie) processes, with their parent. */
function processes(): Array<{ pid: number; ppid: number }> {
  const found: Array<{ pid: number; ppid: number }> = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state !== "Z") found.push({ pid: Number(entry), ppid: Number(ppid) });
    } catch {
      // gone while listing
    }
  }
  return found;
}

function childrenOf(pid: number): number[] {
  return processes().filter((p) => p.ppid === pid).map((p) => p.pid);
}

/** The given pids still alive, and any process whose command line or working folder is in the data folder (PostgreSQL's). */
function leftBehind(dataDir: string, pids: number[]): number[] {
  return processes()
    .filter(({ pid }) => {
      if (pids.includes(pid) || commandLine(pid).includes(dataDir)) return true;
      try {
        return fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dataDir);
      } catch {
        return false;
      }
    })
    .map((p) => p.pid);
}

/** Sends `signal` and answers how long it took until nothing of the hub was left (or what was left after 10 s). */
async function stopAndWatch(started: Started, target: number, signal: NodeJS.Signals, dataDir: string): Promise<{ ms: number; left: string[] }> {
  const pids = [started.npm.pid!, started.hubPid];
  const t0 = Date.now();
  process.kill(target, signal);
  let left = leftBehind(dataDir, pids);
  while (left.length > 0 && Date.now() - t0 < 10_000) {
    await new Promise((r) => setTimeout(r, 100));
    left = leftBehind(dataDir, pids);
  }
  return { ms: Date.now() - t0, left: left.map((pid) => `${pid} ${commandLine(pid)}`) };
}

it("stops the whole hub within ten seconds on SIGTERM to npm start and on SIGINT to the hub, and a file cut short resumes", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-shutdown-"));
  const port = await freePortBlock(HUB_PORTS);
  const env = { INTERSETTLE_DATA_DIR: dataDir, PORT: String(port), INTERSETTLE_PG_PORT: String(port + HUB_PORTS - 1), INTERSETTLE_ADMIN_TOKEN: TOKEN, DATABASE_URL: "", INTERSETTLE_DROP_POLL_MS: "200" };
  const url = `http://localhost:${port}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const jobs = async () => (await gql(`{ ingestionJobs { edges { node { id status read rated duplicate rejected unrated } } } }`)).ingestionJobs.edges.map((e: any) => e.node);
  // The file is complete before the hub starts (and before its source, so its watcher, exists).
  const drop = path.join(dataDir, "drop", "switch");
  fs.mkdirSync(drop, { recursive: true });
  const lines = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition"];
  for (let i = 0; i < LINES; i++) lines.push(`s-${i},2026-11-20T${String(Math.floor(i / 12500)).padStart(2, "0")}:00:00Z,${(i * 7) % 500},+4420,+9${100000000 + i},a,b,ANSWERED`);
  fs.writeFileSync(path.join(drop, "day.csv"), lines.join("\n") + "\n");
  let running: Started | undefined;
  try {
    running = await npmStart(env);
    const passwordFile = path.join(dataDir, "postgres.password");
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(passwordFile, "utf8").trim()).not.toBe("intersettle");

    const ids: string[] = [];
    for (const [code, direction] of [["DOWN_CUSTOMER", "SELL"], ["DOWN_VENDOR", "BUY"]]) {
      const { createPartner } = await gql(`mutation($c: String!) { createPartner(input: { code: $c, legalName: $c, types: [CARRIER], roles: [CUSTOMER, VENDOR], currency: "USD", timezone: "UTC" }) { id } }`, { c: code });
      ids.push(createPartner.id);
      const { createRateCard } = await gql(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "v", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: createPartner.id, d: direction });
      await gql(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n9,Anywhere,0.01", effectiveFrom: "2026-01-01T00:00:00Z" } });
    }
    const { createCdrSource } = await gql(`mutation($d: String!) { createCdrSource(input: { code: "SWITCH", name: "switch", format: NATIVE, timezone: "UTC", dropFolder: $d }) { id } }`, { d: drop });
    for (const [side, partnerId] of [["INGRESS", ids[0]], ["EGRESS", ids[1]]]) await gql(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: createCdrSource.id, side, match: "DEFAULT", partnerId } });
    let cut: any[] = [];
    for (let i = 0; i < 600 && !(cut = await jobs()).some((job: any) => job.read > 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect(cut).toEqual([expect.objectContaining({ status: "RUNNING", read: expect.any(Number) })]);
    expect(cut[0].read).toBeGreaterThan(0);

    // A process manager's stop: SIGTERM to npm, which passes it on to the hub.
    const first = await stopAndWatch(running, running.npm.pid!, "SIGTERM", dataDir);
    expect(first.left).toEqual([]);
    expect(first.ms).toBeLessThan(10_000);
    await running.exited;
    // Cut short, not failed: the file waits in its folder for the next start.
    expect(fs.existsSync(path.join(drop, "day.csv"))).toBe(true);
    expect(fs.existsSync(path.join(drop, "failed"))).toBe(false);

    running = await npmStart(env);
    const moved = path.join(drop, "done", "day.csv");
    for (let i = 0; i < 1200 && !fs.existsSync(moved); i++) await new Promise((r) => setTimeout(r, 50));
    const resumed = await jobs();
    // The same job finished the file, each call once.
    expect(resumed).toEqual([expect.objectContaining({ status: "COMPLETED", read: LINES, duplicate: 0, rejected: 0 })]);
    expect(resumed[0].rated + resumed[0].unrated).toBe(LINES);
    expect(fs.existsSync(moved)).toBe(true);

    // Ctrl-C, or SIGINT to the hub process itself.
    const second = await stopAndWatch(running, running.hubPid, "SIGINT", dataDir);
    expect(second.left).toEqual([]);
    expect(second.ms).toBeLessThan(10_000);
    await running.exited;
    running = undefined;
  } finally {
    if (running) {
      process.kill(running.hubPid, "SIGKILL");
      running.npm.kill("SIGKILL");
      const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
      if (fs.existsSync(pidFile)) process.kill(Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]), "SIGQUIT");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 150_000);
