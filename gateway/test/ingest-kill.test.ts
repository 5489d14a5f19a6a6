import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bearer, graphqlRequest, freePortBlock } from "@intersettle/shared";
import { HUB_PORTS } from "./support/hub-ports";

// The built hub and CLI, as `npm start` and `npx intersettle` run them.
const MAIN = path.resolve(__dirname, "../dist/main.js");
const CLI = path.resolve(__dirname, "../dist/cli/main.js");
const TOKEN = "iso_kill-test-admin-token-00000000000000000000";


function startHub(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, LOG_LEVEL: "warn" } });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c) => {
      out += c;
      if (out.includes("Load demo data")) resolve(child);
    });
    child.stderr!.on("data", (c) => (out += c));
    child.on("exit", (code) => reject(new Error(`hub exited with ${code}: ${out}`)));
  });
}

/** If the test failed between the kill and the restart, the killed hub's PostgreSQL is still running. */
function stopLeftoverPostgres(dataDir: string): void {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  try {
    process.kill(Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]), "SIGINT");
  } catch {
    // already gone
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
  let out = "";
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (out += c));
  return { child, done: new Promise((resolve) => child.on("exit", (code) => resolve({ code, out }))) };
}

it("ends with the exact totals of one clean run after the hub is killed mid-file and started again", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-kill-"));
  const port = await freePortBlock(HUB_PORTS);
  const env = { INTERSETTLE_DATA_DIR: dataDir, PORT: String(port), INTERSETTLE_PG_PORT: String(port + HUB_PORTS - 1), INTERSETTLE_ADMIN_TOKEN: TOKEN, DATABASE_URL: "" };
  const url = `http://localhost:${port}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  let hub = await startHub(env);
  try {
    const ids: string[] = [];
    for (const [code, direction] of [["KILL_CUSTOMER", "SELL"], ["KILL_VENDOR", "BUY"]]) {
      const { createPartner } = await gql(`mutation($c: String!) { createPartner(input: { code: $c, legalName: $c, types: [CARRIER], roles: [CUSTOMER, VENDOR], currency: "USD", timezone: "UTC" }) { id } }`, { c: code });
      ids.push(createPartner.id);
      const { createRateCard } = await gql(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "v", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: createPartner.id, d: direction });
      await gql(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: createRateCard.id, mode: "FULL", content: `prefix,destination,rate\n9,Anywhere,0.0${direction === "SELL" ? 13 : 11}`, effectiveFrom: "2026-01-01T00:00:00Z" } });
    }
    for (const code of ["KILLED", "CLEAN"]) {
      const { createCdrSource } = await gql(`mutation($c: String!) { createCdrSource(input: { code: $c, name: $c, format: NATIVE, timezone: "UTC" }) { id } }`, { c: code });
      for (const [side, partnerId] of [["INGRESS", ids[0]], ["EGRESS", ids[1]]]) await gql(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: createCdrSource.id, side, match: "DEFAULT", partnerId } });
    }
    const file = path.join(dataDir, "day.csv");
    const lines = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition"];
    for (let i = 0; i < 150_000; i++) lines.push(`k-${i},2026-11-20T${String(Math.floor(i / 6250)).padStart(2, "0")}:00:00Z,${(i * 7) % 500},+4420,+9${100000000 + i},a,b,ANSWERED`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const cliEnv = { INTERSETTLE_URL: url, INTERSETTLE_TOKEN: TOKEN };

    // Kill the hub as soon as part of the file is committed.
    const first = runCli(["cdrs", "ingest", file, "--source", "KILLED"], cliEnv);
    for (let i = 0; i < 600; i++) {
      const { ingestionJobs } = await gql(`{ ingestionJobs { edges { node { read status } } } }`);
      if (ingestionJobs.edges.some((e: any) => e.node.read > 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    hub.kill("SIGKILL");
    const cut = await first.done;
    expect(cut.code).not.toBe(0);
    hub = await startHub(env);
    const { ingestionJobs: afterKill } = await gql(`{ ingestionJobs { edges { node { read status } } } }`);
    expect(afterKill.edges).toHaveLength(1);
    expect(afterKill.edges[0].node.status).toBe("RUNNING");
    expect(afterKill.edges[0].node.read).toBeGreaterThan(0);
    expect(afterKill.edges[0].node.read).toBeLessThan(150_000);
    const resumed = await runCli(["cdrs", "ingest", file, "--source", "KILLED"], cliEnv).done;
    const clean = await runCli(["cdrs", "ingest", file, "--source", "CLEAN"], cliEnv).done;
    expect(resumed.code).toBe(0);
    expect(clean.code).toBe(0);
    const counts = (out: string) => /read (\d+) = rated (\d+) \+ duplicate (\d+) \+ rejected (\d+) \+ unrated (\d+)/.exec(out)!.slice(1);
    expect(counts(resumed.out)).toEqual(counts(clean.out));
    expect(counts(clean.out)).toEqual(["150000", "150000", "0", "0", "0"]);
    const { ingestionJobs } = await gql(`{ ingestionJobs { edges { node { sourceId status totals { side currency amount } } } } }`);
    const totals = ingestionJobs.edges.map((e: any) => e.node.totals);
    expect(ingestionJobs.edges.every((e: any) => e.node.status === "COMPLETED")).toBe(true);
    expect(totals[0]).toEqual(totals[1]);
  } finally {
    if (hub.exitCode === null && hub.signalCode === null) {
      hub.kill("SIGTERM");
      await new Promise((r) => hub.once("exit", r));
    }
    stopLeftoverPostgres(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000); // two hub starts; routing loads its whole index before it listens
