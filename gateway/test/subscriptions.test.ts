import { Client as PgClient } from "pg";
import WebSocket from "ws";
import { appendEvent } from "@intersettle/shared";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { connectionAnswer, eventually, metric, primed, watch, wsUrl, type Watch } from "./support/ws-client";

let hub: TestHub;
let a: { id: string; key: string };
let b: { id: string; key: string };
const open: Watch[] = [];

const CROSS = `subscription Cross($p: ID, $after: String) {
  partnerEvents(partnerId: $p, after: $after) { type partnerId position partner { code rateCards { totalCount } } }
}`;
const PLAIN = `subscription Plain($p: ID, $after: String) { partnerEvents(partnerId: $p, after: $after) { type partnerId position } }`;

function track(w: Watch): Watch {
  open.push(w);
  return w;
}

async function touch(partnerId: string, name = `renamed ${Math.random().toString(36).slice(2, 8)}`) {
  const res = await hub.query(`mutation($id: ID!, $n: String!) { updatePartner(id: $id, input: { legalName: $n }) { id } }`, { id: partnerId, n: name });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

const events = (w: Watch) => w.results.map((r) => r.data?.partnerEvents);
const positions = (w: Watch) => events(w).map((e) => e.position as string);
/** Waits until the watch has received an event after `position`. */
async function untilPast(w: Watch, position: string, timeoutMs = 15_000) {
  const started = Date.now();
  while (!positions(w).some((p) => BigInt(p) > BigInt(position))) {
    if (Date.now() - started > timeoutMs) throw new Error(`no event after ${position}: ${positions(w)}`);
    await w.until(w.results.length + 1, timeoutMs).catch(() => undefined);
  }
}

/** The positions received are exactly A's events in the log from the first of them to the last: none lost or repeated. */
async function expectTheLog(received: string[]) {
  const truth = track(watch(hub.url, ADMIN_TOKEN, PLAIN, { p: a.id, after: (BigInt(received[0]) - 1n).toString() }));
  await untilPast(truth, (BigInt(received.at(-1)!) - 1n).toString());
  const log = positions(truth).filter((p) => BigInt(p) <= BigInt(received.at(-1)!));
  expect(received).toEqual(log);
}

const upstreams = () => metric(hub.url, "intersettle_gateway_upstream_subscriptions", { subgraph: "partners" });

beforeAll(async () => {
  // Heartbeats every second, so that a dead client is found within the test.
  process.env.INTERSETTLE_WS_KEEPALIVE_MS = "1000";
  hub = await startTestHub("subscriptions");
  const partnerA = await createPartner(hub, "SUB_ALPHA");
  const partnerB = await createPartner(hub, "SUB_BRAVO");
  const card = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: partnerA.id });
  if (card.errors) throw new Error(JSON.stringify(card.errors));
  a = { id: partnerA.id, key: (await issueApiKey(hub, partnerA.id)).secret };
  b = { id: partnerB.id, key: (await issueApiKey(hub, partnerB.id)).secret };
}, 120_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.dispose()));
});
afterAll(() => hub?.stop());

describe("federated subscriptions over graphql-ws", () => {
  it("resolves each event across subgraphs: the partner from partners, its rate cards from rating", async () => {
    const w = track(watch(hub.url, ADMIN_TOKEN, CROSS, { p: a.id }));
    await primed(w, () => touch(a.id));
    await touch(a.id);
    const [, second] = await w.until(2);
    expect(second.errors).toBeUndefined();
    expect(second.data.partnerEvents).toEqual({ type: "partner.updated", partnerId: a.id, position: expect.any(String), partner: { code: "SUB_ALPHA", rateCards: { totalCount: 1 } } });
    // The gateway's resume cursor is its own business: never in what the client receives.
    expect(JSON.stringify(w.results)).not.toContain("gatewayResume");
  });

  it("gives a client only what it selected, without position when it did not ask", async () => {
    const w = track(watch(hub.url, ADMIN_TOKEN, `subscription { e: partnerEvents { partnerId p: partner { code } } }`));
    await primed(w, () => touch(a.id));
    expect(w.results[0]).toEqual({ data: { e: { partnerId: a.id, p: { code: "SUB_ALPHA" } } } });
  });

  it("shows a partner key only its own partner's events, and refuses another partner's id", async () => {
    const mine = track(watch(hub.url, a.key, PLAIN));
    await primed(mine, () => touch(a.id));
    await touch(b.id);
    await touch(a.id);
    await mine.until(2);
    expect(events(mine).map((e) => e.partnerId)).toEqual([a.id, a.id]);
    expect(JSON.stringify(mine.results)).not.toContain(b.id);

    const theirs = track(watch(hub.url, a.key, PLAIN, { p: b.id }));
    const [refused] = await theirs.until(1);
    expect(refused.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    expect(refused.data?.partnerEvents ?? null).toBeNull();
    await theirs.until(2, 3000).catch(() => undefined);
    expect(theirs.completed).toBe(true);
  });

  it("refuses a connection without a key (4401) or with a wrong one (4403)", async () => {
    expect(await connectionAnswer(hub.url, undefined)).toMatchObject({ ack: false, code: 4401 });
    expect(await connectionAnswer(hub.url, { authorization: "Bearer isk_not-a-real-key-000000000000000000000000000" })).toMatchObject({ ack: false, code: 4403 });
    expect(await connectionAnswer(hub.url, { Authorization: `Bearer ${a.key}` })).toEqual({ ack: true });
  });

  it("holds subscriptions to the HTTP limits: a too-deep one is refused before any subgraph is asked", async () => {
    const deep = `subscription { partnerEvents { partner { rateCards(first: 1) { edges { node { partner { rateCards(first: 1) { edges { node {
      partner { rateCards(first: 1) { edges { node { id } } } } } } } } } } } } } }`;
    const before = await upstreams();
    const w = track(watch(hub.url, ADMIN_TOKEN, deep));
    await w.until(1);
    expect(w.error).toBeDefined();
    expect((w.error as any[]).map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect((w.error as any[])[0].message).toMatch(/depth/i);
    expect(await upstreams()).toBe(before);
  });

  it("resumes after a dropped connection with every missed event, in order, none repeated", async () => {
    const first = track(watch(hub.url, a.key, PLAIN));
    await primed(first, () => touch(a.id));
    await touch(a.id);
    await first.until(2);
    const seen = positions(first);
    await first.dispose();
    // Missed while away.
    await touch(a.id);
    await touch(a.id);
    const again = track(watch(hub.url, a.key, PLAIN, { after: seen.at(-1) }));
    await again.until(2);
    await touch(a.id);
    await again.until(3);
    await expectTheLog([...seen, ...positions(again)]);
  });

  it("reconnects to a restarted subgraph and resumes after the last event delivered: no event lost or repeated", async () => {
    const w = track(watch(hub.url, ADMIN_TOKEN, CROSS, { p: a.id }));
    await primed(w, () => touch(a.id));
    const reconnects = await metric(hub.url, "intersettle_gateway_upstream_reconnects_total", { subgraph: "partners" });
    await hub.stopSubgraph("partners");
    // Committed while the partners subgraph is down (as another writer of its topic would).
    const db = new PgClient({ connectionString: hub.databaseUrl });
    await db.connect();
    const appended: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        await db.query("BEGIN");
        appended.push((await appendEvent(db, { topic: "partners", type: "partner.updated", key: a.id, payload: {}, producer: "test" })).position);
        await db.query("COMMIT");
      }
    } finally {
      await db.end();
    }
    await hub.startSubgraph("partners");
    await touch(a.id);
    await untilPast(w, appended[1], 30_000);
    expect(positions(w)).toEqual(expect.arrayContaining(appended));
    expect(w.results.every((r) => !r.errors && r.data.partnerEvents.partner.code === "SUB_ALPHA")).toBe(true);
    expect(w.error).toBeUndefined();
    await expectTheLog(positions(w));
    expect(await metric(hub.url, "intersettle_gateway_upstream_reconnects_total", { subgraph: "partners" })).toBeGreaterThan(reconnects);
  }, 90_000);

  it("shares one upstream per topic and scope among many clients, and closes it when the last leaves", async () => {
    await eventually(upstreams, 0);
    const operators = Array.from({ length: 5 }, () => track(watch(hub.url, ADMIN_TOKEN, CROSS)));
    const partners = Array.from({ length: 3 }, () => track(watch(hub.url, a.key, CROSS)));
    for (const w of [operators[0], ...partners]) await primed(w, () => touch(a.id));
    await eventually(upstreams, 2);
    await touch(a.id);
    for (const w of [...operators, ...partners]) {
      const last = (await w.until(1)).at(-1);
      expect(last.data.partnerEvents).toMatchObject({ partnerId: a.id, partner: { code: "SUB_ALPHA", rateCards: { totalCount: 1 } } });
    }
    expect(await metric(hub.url, "intersettle_gateway_subscriptions")).toBe(8);
    await Promise.all(operators.slice(1).map((w) => w.dispose()));
    await eventually(upstreams, 2);
    await operators[0].dispose();
    await eventually(upstreams, 1);
    await Promise.all(partners.map((w) => w.dispose()));
    await eventually(upstreams, 0);
    await eventually(() => metric(hub.url, "intersettle_gateway_subscriptions"), 0);
  });

  it("drops a client that stops answering heartbeats, and closes its upstream", async () => {
    await eventually(upstreams, 0);
    // A client whose process froze: its socket stays open but never answers a ping.
    const socket = new WebSocket(wsUrl(hub.url), "graphql-transport-ws", { autoPong: false });
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.on("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${a.key}` } }));
    await new Promise((resolve) => socket.once("message", resolve));
    socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: PLAIN } }));
    await eventually(upstreams, 1);
    expect(await closed).toBe(1006);
    await eventually(upstreams, 0);
  });

  it("answers queries sent over the socket too, with the same authentication", async () => {
    const w = track(watch(hub.url, a.key, `{ viewer { kind } }`));
    const [answer] = await w.until(1);
    expect(answer).toEqual({ data: { viewer: { kind: "PARTNER" } } });
  });

  // Last: it throttles this client's address for the rest of the window.
  it("throttles failed authentications like HTTP: past the limit, 4429 without a lookup", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await connectionAnswer(hub.url, { authorization: `Bearer isk_wrong-${i}-0000000000000000000000000000000000` })).code);
    expect(answers.slice(0, 9).every((c) => c === 4403)).toBe(true);
    expect(answers.at(-1)).toBe(4429);
    const http = await hub.query(`{ viewer { kind } }`, {}, a.key);
    expect(http.status).toBe(429);
  });
});
