import { startTestHub, type TestHub } from "./support/test-hub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub("health");
});
afterAll(() => hub?.stop());

it("answers /health and /ready, naming each subgraph", async () => {
  const base = hub.url.replace(/\/graphql$/, "");
  expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok" });
  const ready = await fetch(`${base}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({
    status: "ready",
    subgraphs: { partners: { status: "ready", database: "ok" }, rating: { status: "ready", database: "ok" }, invoicing: { status: "ready", database: "ok" }, routing: { status: "ready", database: "ok" }, "revenue-share": { status: "ready", database: "ok" } },
  });
});
