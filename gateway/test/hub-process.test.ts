import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { bearer, graphqlRequest, freePortBlock } from "@intersettle/shared";
import { HUB_PORTS } from "./support/hub-ports";

// The built hub, exactly as `npm start` runs it (npm install builds it).
const MAIN = path.resolve(__dirname, "../dist/main.js");


interface StartedHub {
  child: ChildProcessWithoutNullStreams;
  banner: string;
}

function startHubProcess(env: NodeJS.ProcessEnv): Promise<StartedHub> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, LOG_LEVEL: "warn" } });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("Load demo data")) resolve({ child, banner: out });
    });
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => reject(new Error(`hub exited with ${code}:\n${out}`)));
  });
}

function stopHubProcess(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

it("starts with a first operator token, shuts down gracefully on SIGTERM, and keeps its data across a restart", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-hub-"));
  // The first start makes its cluster as earlier versions did, with the built-in password; the restart replaces it.
  const passwordFile = path.join(dataDir, "postgres.password");
  fs.writeFileSync(passwordFile, "intersettle\n", { mode: 0o600 });
  const gatewayPort = await freePortBlock(HUB_PORTS);
  const env = { INTERSETTLE_DATA_DIR: dataDir, PORT: String(gatewayPort), INTERSETTLE_PG_PORT: String(gatewayPort + HUB_PORTS - 1), DATABASE_URL: "", INTERSETTLE_ADMIN_TOKEN: "" };
  const url = `http://localhost:${gatewayPort}/graphql`;
  try {
    const first = await startHubProcess(env);
    const token = /First operator token.*\n\s+(iso_\S+)/.exec(first.banner)?.[1];
    expect(first.banner).toContain(`GraphQL:   ${url}`);
    expect(token).toBeDefined();
    expect(fs.readFileSync(path.join(dataDir, "admin-token"), "utf8").trim()).toBe(token);
    const created = await graphqlRequest(url, `mutation { createPartner(input: { code: "KEPT", legalName: "Kept Ltd", types: [CARRIER], roles: [CUSTOMER], currency: "EUR", timezone: "Europe/Paris" }) { id } }`, {}, bearer(token!));
    expect(created.errors).toBeUndefined();
    // The gateway runs on its own thread; its /metrics still shows the whole hub's, the process's metrics once.
    const metrics = await (await fetch(url.replace(/graphql$/, "metrics"))).text();
    expect(metrics).toMatch(/intersettle_requests_total\{[^}]*server="gateway"/);
    expect(metrics).toMatch(/intersettle_requests_total\{[^}]*server="partners"/);
    expect(metrics.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
    expect(metrics.match(/^# TYPE intersettle_requests_total /gm)).toHaveLength(1);
    expect(await stopHubProcess(first.child)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false); // its PostgreSQL stopped too

    fs.rmSync(passwordFile);
    const second = await startHubProcess(env);
    const password = fs.readFileSync(passwordFile, "utf8").trim();
    expect(password).not.toBe("intersettle");
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(second.banner).not.toContain("First operator token");
    const read = await graphqlRequest(url, `{ partnerByCode(code: "KEPT") { legalName currency } }`, {}, bearer(token!));
    expect(read.data).toEqual({ partnerByCode: { legalName: "Kept Ltd", currency: "EUR" } });
    const port = Number(env.INTERSETTLE_PG_PORT);
    const legacy = new Client({ host: "127.0.0.1", port, user: "intersettle", password: "intersettle", database: "intersettle" });
    await expect(legacy.connect()).rejects.toMatchObject({ code: "28P01" });
    await legacy.end().catch(() => undefined);
    const current = new Client({ host: "127.0.0.1", port, user: "intersettle", password, database: "intersettle" });
    await current.connect();
    await current.end();
    expect(await stopHubProcess(second.child)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
