import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { Client } from "pg";
import {
  appendEvent,
  bearer,
  ensureDatabase,
  freePort,
  graphqlAudience,
  graphqlRequest,
  PRINCIPAL_HEADER,
  readHubConfig,
  signPrincipal,
  startEmbeddedPostgres,
  OperatorRole,
  type Principal,
} from "@intersettle/shared";
import { startHub, type RunningHub } from "../hub";
import type { BenchSubscriber, FromClients, ToClients } from "./subscription-bench-clients";

/**
 * Commit → event latency of `partnerEvents` at 1,000 concurrent subscribers (partner keys and operators mixed), through
 * the gateway, as a ratio to the same clients subscribed straight to the partners subgraph. A "batch" is one
 * transaction appending one partner event per partner to the event log: a stand-in for a committed ingestion batch.
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS || 1000);
const PARTNERS = Number(process.env.BENCH_PARTNERS || 20);
const BATCHES = Number(process.env.BENCH_BATCHES || 10);
/** One subscriber in five is an operator, who receives every partner's events. */
const OPERATOR_EVERY = 5;
const TOKEN = "iso_bench-admin-token-000000000000000000000000";
const SECRET = "bench-internal-secret";
const SAME = "subscription { partnerEvents { type partnerId position partner { code } } }";
const CROSS = "subscription { partnerEvents { type partnerId position partner { code rateCards { totalCount } } } }";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const now = () => performance.timeOrigin + performance.now();

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

interface Identity {
  secret: string;
  principal: Principal;
  scope: string;
}

/** Partners with a rate card and a key each, and two operator tokens (ADMIN, VIEWER). */
async function buildWorld(hub: RunningHub): Promise<{ partners: string[]; partnerKeys: Identity[]; operators: Identity[] }> {
  const partners: string[] = [];
  const partnerKeys: Identity[] = [];
  for (let i = 0; i < PARTNERS; i++) {
    const code = `BENCH_${i}`;
    const { createPartner } = await gql(hub.url, `mutation($c: String!) { createPartner(input: { code: $c, legalName: $c, types: [CARRIER], roles: [CUSTOMER], currency: "USD", timezone: "UTC" }) { id } }`, { c: code });
    const id = createPartner.id as string;
    partners.push(id);
    await gql(hub.url, `mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: id });
    const { createApiCredential } = await gql(hub.url, `mutation($p: ID!) { createApiCredential(partnerId: $p, name: "bench") { secret credential { id } } }`, { p: id });
    partnerKeys.push({ secret: createApiCredential.secret, principal: { kind: "partner", partnerId: id, credentialId: createApiCredential.credential.id }, scope: id });
  }
  const operators: Identity[] = [];
  for (const role of [OperatorRole.ADMIN, OperatorRole.VIEWER]) {
    const { createOperatorToken } = await gql(hub.url, `mutation($n: String!, $r: OperatorRole!) { createOperatorToken(name: $n, roles: [$r]) { secret token { id name } } }`, { n: `bench ${role}`, r: role });
    operators.push({ secret: createOperatorToken.secret, principal: { kind: "operator", id: createOperatorToken.token.id, name: createOperatorToken.token.name, roles: [role] }, scope: "*" });
  }
  return { partners, partnerKeys, operators };
}

/** One batch: an event for every partner, appended in one transaction. */
async function commitBatch(db: Client, partners: string[]): Promise<{ committedAt: number; events: Array<{ position: string; partnerId: string }> }> {
  await db.query("BEGIN");
  const events = [];
  for (const partnerId of partners) events.push({ position: (await appendEvent(db, { topic: "partners", type: "partner.updated", key: partnerId, payload: {}, producer: "bench" })).position, partnerId });
  await db.query("COMMIT");
  return { committedAt: now(), events };
}

interface PhaseResult {
  p50: number;
  p99: number;
  max: number;
  deliveries: number;
  lost: number;
  repeated: number;
  rssPerSubscriberKb: number;
  peakRssMb?: number;
}

async function measure(db: Client, partners: string[], subscribers: BenchSubscriber[]): Promise<PhaseResult> {
  const child: ChildProcess = fork(path.join(__dirname, "subscription-bench-clients.js"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const waiters = new Set<(m: FromClients) => void>();
  child.on("message", (m: FromClients) => waiters.forEach((w) => w(m)));
  const ask = (message: ToClients, until: (m: FromClients) => boolean, timeoutMs = 120_000) =>
    new Promise<FromClients>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${message.kind}`)), timeoutMs);
      const waiter = (m: FromClients) => {
        if (!until(m)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        resolve(m);
      };
      waiters.add(waiter);
      child.send(message);
    });
  gc();
  const rssBefore = process.memoryUsage().rss;
  await ask({ kind: "connect", subscribers }, (m) => m.kind === "connected");
  // Positions every subscriber in scope has received (the message may come before the commit call returns here).
  const delivered = new Set<string>();
  waiters.add((m) => void (m.kind === "delivered" && delivered.add(m.position)));
  const deliveredEverywhere = async (batch: { events: Array<{ position: string }> }, timeoutMs: number) => {
    for (const started = Date.now(); Date.now() - started < timeoutMs && !batch.events.every((e) => delivered.has(e.position)); ) await new Promise((r) => setTimeout(r, 20));
  };
  // Subscriptions start "now": warm-up batches until every client has had an event, then one more that every
  // client receives: once it is delivered everywhere, no warm-up event is still queued anywhere.
  for (let primed = 0; primed < subscribers.length; ) {
    await commitBatch(db, partners);
    await new Promise((r) => setTimeout(r, 1000));
    primed = ((await ask({ kind: "primed?" }, (m) => m.kind === "primed")) as { count: number }).count;
  }
  await deliveredEverywhere(await commitBatch(db, partners), 300_000);
  gc();
  const rssPerSubscriberKb = (process.memoryUsage().rss - rssBefore) / 1024 / subscribers.length;
  // Each batch is committed once the previous one has reached every client: the latency of a batch, not of a queue.
  for (let i = 0; i < BATCHES; i++) {
    const batch = await commitBatch(db, partners);
    child.send({ kind: "batch", ...batch } satisfies ToClients);
    await deliveredEverywhere(batch, 120_000);
    await new Promise((r) => setTimeout(r, 200));
  }
  const report = (await ask({ kind: "report" }, (m) => m.kind === "report")) as Extract<FromClients, { kind: "report" }>;
  await new Promise((r) => child.once("exit", r));
  return { ...report.latencies, deliveries: report.deliveries, lost: report.lost, repeated: report.repeated, rssPerSubscriberKb: +rssPerSubscriberKb.toFixed(1) };
}

type Phase = "direct" | "gateway" | "cross";

/** One phase in a process of its own, on a hub of its own: its memory figures are its own. */
async function runPhase(phase: Phase, pgUrl: string): Promise<PhaseResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-subs-${phase}-`));
  await ensureDatabase(pgUrl, `bench_${phase}`);
  const url = new URL(pgUrl);
  url.pathname = `/bench_${phase}`;
  const databaseUrl = url.toString();
  const hub = await startHub({ ...readHubConfig({}), databaseUrl, dataDir: dir, adminToken: TOKEN, internalSecret: SECRET }, { ephemeralPorts: true });
  const { partners, partnerKeys, operators } = await buildWorld(hub);
  const identities = Array.from({ length: SUBSCRIBERS }, (_, i) => (i % OPERATOR_EVERY === 0 ? operators[(i / OPERATOR_EVERY) % operators.length] : partnerKeys[i % partnerKeys.length]));
  const subscribers: BenchSubscriber[] = identities.map((id) =>
    phase === "direct"
      ? {
          url: hub.subgraphUrls.partners.replace(/^http/, "ws"),
          connectionParams: { [PRINCIPAL_HEADER]: signPrincipal(id.principal, SECRET, { audience: graphqlAudience("partners"), ttlSeconds: 3600 }) },
          query: SAME,
          scope: id.scope,
        }
      : { url: hub.url.replace(/^http/, "ws"), connectionParams: { authorization: `Bearer ${id.secret}` }, query: phase === "cross" ? CROSS : SAME, scope: id.scope },
  );
  const db = new Client({ connectionString: hub.databaseUrl });
  await db.connect();
  const result = await measure(db, partners, subscribers);
  await db.end();
  await hub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function forkPhase(phase: Phase, pgUrl: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["phase", phase], { env: { ...process.env, BENCH_PG_URL: pgUrl }, stdio: ["ignore", "ignore", "inherit", "ipc"] });
    child.once("message", (m) => resolve(m as PhaseResult));
    child.once("exit", (code) => code && reject(new Error(`phase ${phase} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-subs-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), ephemeral: true });
  const baseline = await forkPhase("direct", pg.url);
  const gateway = await forkPhase("gateway", pg.url);
  const cross = await forkPhase("cross", pg.url);
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const lost = baseline.lost + gateway.lost + cross.lost;
  const repeated = baseline.repeated + gateway.repeated + cross.repeated;
  console.error(JSON.stringify({ baseline, gateway, cross }));
  console.log(
    JSON.stringify({
      name: `Subscription latency, ${SUBSCRIBERS.toLocaleString("en")} subscribers`,
      detail:
        `commit → event at each client (p99 measured; ${BATCHES} batches of ${PARTNERS} partner events, each batch one transaction appending to the event log, a stand-in for a committed ingestion batch; ` +
        `one subscriber in ${OPERATOR_EVERY} an operator, the rest partner keys over ${PARTNERS} partners; clients in a process of their own; each batch once the previous one reached every client). Gateway, partner { code }: p50 ${gateway.p50} ms, p99 ${gateway.p99} ms; ` +
        `gateway, cross-subgraph partner { code rateCards { totalCount } }: p50 ${cross.p50} ms, p99 ${cross.p99} ms; direct to partners: p50 ${baseline.p50} ms, p99 ${baseline.p99} ms. ` +
        `Events lost ${lost}, repeated ${repeated} (of ${(baseline.deliveries + gateway.deliveries + cross.deliveries).toLocaleString("en")} deliveries). ` +
        `Hub process RSS per subscriber: ${gateway.rssPerSubscriberKb} KB through the gateway (${cross.rssPerSubscriberKb} KB cross-subgraph), ${baseline.rssPerSubscriberKb} KB direct`,
      baseline: "the same clients subscribed straight to the partners subgraph, p99",
      baselineMs: baseline.p99,
      measuredMs: gateway.p99,
      ratio: +(gateway.p99 / baseline.p99).toFixed(2),
      throughput: `${Math.round(gateway.deliveries / BATCHES).toLocaleString("en")} events delivered per batch`,
      peakRssMb: gateway.peakRssMb,
    }),
  );
}

if (process.argv[2] === "phase") {
  runPhase(process.argv[3] as Phase, process.env.BENCH_PG_URL!).then(
    (result) => process.send!(result, () => process.exit(0)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  void main();
}
