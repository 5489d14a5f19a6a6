import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bearer, ensureDatabase, freePort, graphqlAudience, graphqlRequest, OperatorRole, PRINCIPAL_HEADER, readHubConfig, RatedService, signPrincipal, startEmbeddedPostgres } from "@intersettle/shared";
import type { RoutingServices } from "@intersettle/routing";
import { startHub, type RunningHub } from "../hub";
import { uploadFile } from "../cli/hub-client";
import type { LoadPhase, LoadResult } from "./routing-bench-load";
import { profiled } from "./phase-profile";

/**
 * `routes` over HTTP with concurrent clients: requests per second and p99 through the gateway, as a ratio to the same
 * query sent straight to the routing subgraph with a signed principal, against 20 vendors × 50k prefixes.
 */
const VENDORS = Number(process.env.BENCH_VENDORS || 20);
const PREFIXES = Number(process.env.BENCH_PREFIXES || 50_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 64);
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const TOKEN = "iso_bench-admin-token-000000000000000000000000";
const SECRET = "bench-internal-secret";
const AT = "2026-11-20T10:00:00Z";
const QUERY = `query($c: ID!, $n: String!) { routes(customerId: $c, number: $n, at: "${AT}", limit: 5) { routable routes { vendorId prefix cost } } }`;

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

const prefixOf = (i: number) => String(2_000_000 + i * 17);

/** A deck over the shared prefixes; each vendor's rates differ, the customer sells above every vendor. */
function writeDeck(file: string, rateOf: (i: number) => number): void {
  const out = fs.openSync(file, "w");
  fs.writeSync(out, "prefix,destination,rate\n");
  let chunk = "";
  for (let i = 0; i < PREFIXES; i++) {
    chunk += `${prefixOf(i)},Destination ${i % 400},${rateOf(i).toFixed(6)}\n`;
    if (chunk.length > 1 << 16) (fs.writeSync(out, chunk), (chunk = ""));
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function partnerWithDeck(hub: RunningHub, dir: string, code: string, role: "CUSTOMER" | "VENDOR", rateOf: (i: number) => number): Promise<string> {
  const { createPartner } = await gql(hub.url, `mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, {
    i: { code, legalName: `${code} Ltd`, types: ["CARRIER"], roles: [role], currency: "USD", timezone: "UTC" },
  });
  await gql(hub.url, `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`, { i: { partnerId: createPartner.id, reference: `${code}-1`, type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", status: "ACTIVE" } });
  const { createRateCard } = await gql(hub.url, `mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`, {
    i: { partnerId: createPartner.id, name: `${code}-card`, direction: role === "CUSTOMER" ? "SELL" : "BUY", currency: "USD", service: "VOICE" },
  });
  const deck = path.join(dir, `${code}.csv`);
  writeDeck(deck, rateOf);
  await uploadFile({ url: hub.url, token: TOKEN }, "rating/rate-decks", { rateCardId: createRateCard.id, mode: "FULL", fileName: `${code}.csv`, effectiveFrom: "2026-01-01T00:00:00Z" }, deck);
  return createPartner.id;
}

/** One load phase, with the hub process's CPU time (every thread: main, workers, GC) per answered request. */
function load(phase: LoadPhase): Promise<LoadResult & { hubCpuUs: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, "routing-bench-load.js"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    let cpu = process.cpuUsage();
    child.once("message", (message) => {
      cpu = process.cpuUsage(cpu);
      child.kill();
      const result = message as LoadResult;
      const hubCpuUs = Math.round((cpu.user + cpu.system) / Math.max(result.total, 1));
      // Each phase as it ends, on stderr (the result line on stdout stays the last): for runs by hand.
      console.error(`${phase.url} ${phase.query.slice(0, 40)}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99} ms, hub CPU ${hubCpuUs} µs a request`);
      resolve({ ...result, hubCpuUs });
    });
    child.once("exit", (code) => code && reject(new Error(`load client exited with ${code}`)));
    child.send(phase);
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-routing-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), ephemeral: true });
  await ensureDatabase(pg.url, "bench");
  // As npm start runs it, the gateway on its own thread; BENCH_GATEWAY_THREAD=0 keeps it on the main thread, where
  // BENCH_PROFILE sees it.
  const gatewayThread = process.env.BENCH_GATEWAY_THREAD !== "0";
  const hub = await startHub({ ...readHubConfig({}), databaseUrl: pg.urlFor("bench"), dataDir: dir, adminToken: TOKEN, internalSecret: SECRET }, { ephemeralPorts: true, gatewayThread });
  try {
    let t = performance.now();
    const customerId = await partnerWithDeck(hub, dir, "BENCH_CUST", "CUSTOMER", () => 0.2);
    for (let v = 0; v < VENDORS; v++) await partnerWithDeck(hub, dir, `BENCH_V${String(v).padStart(2, "0")}`, "VENDOR", (i) => 0.01 + ((i * 7919 + v * 104_729) % 10_000) / 100_000);
    const setupMs = performance.now() - t;

    const numbers = Array.from({ length: 20_000 }, (_, k) => `+${prefixOf((k * 7_919) % PREFIXES)}${String(k % 100_000).padStart(5, "0")}`);
    // Routing reloads each card as its deck is published: wait until every vendor is in the index.
    t = performance.now();
    for (;;) {
      const { routes } = await gql(hub.url, `query($c: ID!, $n: String!) { routes(customerId: $c, number: $n, at: "${AT}", limit: 50) { routes { vendorId } } }`, { c: customerId, n: numbers[0] });
      if (routes.routes.length === VENDORS) break;
      if (performance.now() - t > 120_000) throw new Error(`routing has ${routes.routes.length} of ${VENDORS} vendors after 2 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const catchUpMs = performance.now() - t;
    for (const n of numbers.slice(0, 20)) {
      const { routes } = await gql(hub.url, QUERY, { c: customerId, n });
      if (!routes.routable || routes.routes.length !== Math.min(5, VENDORS)) throw new Error(`unexpected answer for ${n}: ${JSON.stringify(routes)}`);
    }

    // In-process lookups through the same index, for where the time goes.
    const services = hub.subgraphServices.routing as RoutingServices;
    t = performance.now();
    const LOOKUPS = 20_000;
    for (let k = 0; k < LOOKUPS; k++) services.index.routes({ customerId, number: numbers[k % numbers.length], at: new Date(AT), limit: 5, service: RatedService.VOICE });
    const lookupUs = ((performance.now() - t) * 1000) / LOOKUPS;

    const operator = { kind: "operator" as const, id: "bench", name: "bench", roles: [OperatorRole.VIEWER] };
    const signed = signPrincipal(operator, SECRET, { audience: graphqlAudience("routing"), ttlSeconds: 3600 });
    const common = { query: QUERY, customerId, numbers, connections: CONNECTIONS, seconds: SECONDS };
    // What the hub burns with no request at all (consumers polling, timers), which every phase's CPU figure includes.
    let idle = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 3000));
    idle = process.cpuUsage(idle);
    const idleCpuPercent = ((idle.user + idle.system) / 30_000).toFixed(1);
    console.error(`hub idle: ${idleCpuPercent} % of a core`);
    // Warm both paths (JIT, connection pools, query plan cache) before measuring.
    await load({ ...common, url: hub.url, headers: { authorization: `Bearer ${TOKEN}` }, seconds: 3 });
    const direct = await profiled("direct", () => load({ ...common, url: hub.subgraphUrls.routing, headers: { [PRINCIPAL_HEADER]: signed } }));
    const gateway = await profiled("gateway", () => load({ ...common, url: hub.url, headers: { authorization: `Bearer ${TOKEN}` } }));
    // Where the gateway's time goes: its own pipeline with authentication but no subgraph fetch, and the authentication
    // alone (the partners subgraph's lookup the gateway makes on every request).
    const gatewayOnly = await profiled("gateway-only", () => load({ ...common, query: "{ __typename }", variables: false, url: hub.url, headers: { authorization: `Bearer ${TOKEN}` } }));
    const gatewaySigned = signPrincipal({ kind: "service", service: "gateway" }, SECRET, { audience: graphqlAudience("partners"), ttlSeconds: 3600 });
    const auth = await profiled("authentication", () => load({
      ...common,
      query: `{ authenticate(secret: "${TOKEN}") { kind roles } }`,
      variables: false,
      url: hub.subgraphUrls.partners,
      headers: { [PRINCIPAL_HEADER]: gatewaySigned },
    }));
    for (const [name, r] of [["direct", direct], ["gateway", gateway], ["gateway only", gatewayOnly], ["authentication", auth]] as const) {
      if (r.errors || r.non2xx) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
    }
    const rps = (r: LoadResult) => Math.round(r.requestsPerSecond).toLocaleString("en");
    // CPU per request, unlike throughput, hardly moves with what else the machine runs.
    const cpu = (r: { hubCpuUs: number }) => `hub CPU ${r.hubCpuUs} µs a request`;
    console.log(
      JSON.stringify({
        name: "Routes over HTTP, 20 vendors × 50k prefixes",
        detail:
          `${VENDORS} vendors × ${PREFIXES.toLocaleString("en")} prefixes and a customer's sell card (${Math.round(setupMs / 1000)} s to create and upload through the gateway, ` +
          `${Math.round(catchUpMs)} ms more for routing to reload the last cards); ${CONNECTIONS} concurrent clients (autocannon, own process) for ${SECONDS} s each, ` +
          `routes(limit 5) for random numbers as an operator; gateway (${gatewayThread ? "on its own thread" : "on the hub's main thread"}) ${rps(gateway)} req/s (p50 ${gateway.p50} ms, p99 ${gateway.p99} ms, ${cpu(gateway)}), ` +
          `straight to routing ${rps(direct)} req/s (p50 ${direct.p50} ms, p99 ${direct.p99} ms, ${cpu(direct)}), ${(direct.requestsPerSecond / gateway.requestsPerSecond).toFixed(2)}× the gateway's throughput; ` +
          `the index alone ${lookupUs.toFixed(1)} µs a lookup in process; where the gateway's time goes: { __typename } through the gateway (authentication, ` +
          `limits, no subgraph fetch) ${rps(gatewayOnly)} req/s (p99 ${gatewayOnly.p99} ms, ${cpu(gatewayOnly)}), the partners subgraph's authenticate alone ${rps(auth)} req/s (p99 ${auth.p99} ms, ${cpu(auth)})`,
        baseline: "the same query straight to the routing subgraph (signed principal), p99",
        baselineMs: direct.p99,
        measuredMs: gateway.p99,
        ratio: +(gateway.p99 / Math.max(direct.p99, 1)).toFixed(2),
        throughput: `${rps(gateway)} req/s through the gateway (${rps(direct)} direct)`,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await hub.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
