import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { bearer, createTestDatabase, freePort, graphqlRequest } from "@intersettle/shared";

// What each docker-compose service runs: one part of the hub per process, sharing one database.
const STANDALONE = path.resolve(__dirname, "../dist/standalone.js");
const TOKEN = "iso_standalone-admin-token-000000000000000000";

function run(part: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [STANDALONE, part], { env: { ...process.env, ...env, LOG_LEVEL: "info" } });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${part} exited with ${code}: ${out}`)));
  });
}

it("runs partners, rating, invoicing, routing, revenue share and the gateway as separate processes", async () => {
  const databaseUrl = await createTestDatabase("standalone");
  const [gatewayPort, partnersPort, ratingPort, invoicingPort, routingPort, revsharePort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const common = { DATABASE_URL: databaseUrl, INTERSETTLE_INTERNAL_SECRET: "standalone-secret", INTERSETTLE_ADMIN_TOKEN: TOKEN };
  const children: ChildProcess[] = [];
  try {
    children.push(await run("partners", { ...common, SUBGRAPH_PORT: String(partnersPort) }, /partners subgraph listening/));
    children.push(await run("rating", { ...common, SUBGRAPH_PORT: String(ratingPort) }, /rating subgraph listening/));
    const urls = { INTERSETTLE_PARTNERS_URL: `http://127.0.0.1:${partnersPort}/graphql`, INTERSETTLE_RATING_URL: `http://127.0.0.1:${ratingPort}/graphql`, INTERSETTLE_INVOICING_URL: `http://127.0.0.1:${invoicingPort}/graphql`, INTERSETTLE_ROUTING_URL: `http://127.0.0.1:${routingPort}/graphql`, INTERSETTLE_REVENUE_SHARE_URL: `http://127.0.0.1:${revsharePort}/graphql` };
    children.push(await run("invoicing", { ...common, ...urls, SUBGRAPH_PORT: String(invoicingPort) }, /invoicing subgraph listening/));
    // Routing loads rating's tariff export from its own process before it listens.
    children.push(await run("routing", { ...common, ...urls, SUBGRAPH_PORT: String(routingPort) }, /routing subgraph listening/));
    children.push(await run("revenue-share", { ...common, ...urls, SUBGRAPH_PORT: String(revsharePort) }, /revenue-share subgraph listening/));
    children.push(await run("gateway", { ...common, ...urls, PORT: String(gatewayPort) }, /gateway listening/));
    const url = `http://localhost:${gatewayPort}/graphql`;
    const created = await graphqlRequest(url, `mutation { createPartner(input: { code: "SOLO", legalName: "Solo Ltd", types: [CARRIER], roles: [VENDOR], currency: "EUR", timezone: "Europe/Madrid" }) { id } }`, {}, bearer(TOKEN));
    expect(created.errors).toBeUndefined();
    const card = await graphqlRequest(url, `mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "buy", direction: BUY, currency: "EUR", service: VOICE }) { id } }`, { p: created.data.createPartner.id }, bearer(TOKEN));
    expect(card.errors).toBeUndefined();
    const both = await graphqlRequest(url, `{ partnerByCode(code: "SOLO") { timezone rateCards { totalCount } } }`, {}, bearer(TOKEN));
    expect(both.data).toEqual({ partnerByCode: { timezone: "Europe/Madrid", rateCards: { totalCount: 1 } } });
    // Invoicing reaches rating through its API from its own process: an on-demand run of a closed period answers.
    const billing = await graphqlRequest(url, `mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-15") { side usageLines invoiceId } }`, { p: created.data.createPartner.id }, bearer(TOKEN));
    expect(billing.data).toEqual({ runBilling: [{ side: "PAYABLE", usageLines: 0, invoiceId: null }] });
    // Routing learns the partner from the partners topic; a vendor is not a customer with a sell rate.
    const routes = await graphqlRequest(url, `query($p: ID!) { routes(customerId: $p, number: "+44207") { routable unroutable { reason } } }`, { p: created.data.createPartner.id }, bearer(TOKEN));
    expect(routes.data).toEqual({ routes: { routable: false, unroutable: { reason: "NO_SELL_RATE" } } });
    // Revenue share learns the partner from the partners topic in its own process: a service names it as provider.
    await graphqlRequest(url, `mutation { createPartner(input: { code: "SOLO_CP", legalName: "Solo Content Ltd", types: [CONTENT_PROVIDER], roles: [VENDOR], currency: "EUR", timezone: "Europe/Madrid" }) { id } }`, {}, bearer(TOKEN));
    const provider = await graphqlRequest(url, `{ partnerByCode(code: "SOLO_CP") { id } }`, {}, bearer(TOKEN));
    const service = await graphqlRequest(url, `mutation($p: ID!) { createContentService(input: { code: "SOLO-VOD", name: "Solo VOD", kind: VOD, currency: "EUR", providerId: $p }) { code provider { code } } }`, { p: provider.data.partnerByCode.id }, bearer(TOKEN));
    expect(service.data).toEqual({ createContentService: { code: "SOLO-VOD", provider: { code: "SOLO_CP" } } });
    expect(await (await fetch(`http://localhost:${gatewayPort}/ready`)).json()).toEqual({
      status: "ready",
      subgraphs: { partners: { status: "ready", database: "ok" }, rating: { status: "ready", database: "ok" }, invoicing: { status: "ready", database: "ok" }, routing: { status: "ready", database: "ok" }, "revenue-share": { status: "ready", database: "ok" } },
    });
  } finally {
    for (const child of children.reverse()) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }
}, 120_000);
