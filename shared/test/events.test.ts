import { DataSource } from "typeorm";
import { Client } from "pg";
import {
  appendEvent,
  appendEvents,
  EventConsumer,
  EventWakeups,
  LOG_START,
  readEvents,
  streamEvents,
  type EventRecord,
} from "../src/events";
import { createTestDatabase } from "../src/testing";
import { ensureSharedLogs } from "../src/db";

let url: string;
let dataSource: DataSource;
let wakeups: EventWakeups;

beforeAll(async () => {
  url = await createTestDatabase("events");
  await ensureSharedLogs(url);
  dataSource = new DataSource({ type: "postgres", url });
  await dataSource.initialize();
  await dataSource.query("CREATE TABLE applied (event_id bigint PRIMARY KEY, n int NOT NULL)");
  wakeups = new EventWakeups(url);
  await wakeups.start();
});

afterAll(async () => {
  await wakeups.stop();
  await dataSource.destroy();
});

const traffic = (n: number) => ({ topic: "traffic" as const, type: "usage.rated", key: `p${n % 3}`, payload: { n }, producer: "test" });

it("never delivers an event appended in a rolled-back transaction", async () => {
  await expect(
    dataSource.transaction(async (m) => {
      await appendEvent(m, { ...traffic(0), topic: "fraud" });
      throw new Error("boom");
    }),
  ).rejects.toThrow("boom");
  await dataSource.transaction((m) => appendEvent(m, { ...traffic(1), topic: "fraud", type: "kept" }));
  const events = await readEvents(dataSource, { topics: ["fraud"], after: LOG_START });
  expect(events.map((e) => e.type)).toEqual(["kept"]);
});

it("hands out positions in commit order, so a reader never skips an event committed late", async () => {
  const slow = new Client({ connectionString: url });
  await slow.connect();
  await slow.query("BEGIN");
  await appendEvent(slow, { ...traffic(1), topic: "disputes", type: "first-begun" });
  let secondDone = false;
  const second = dataSource.transaction((m) => appendEvent(m, { ...traffic(2), topic: "disputes", type: "second-begun" })).then(() => (secondDone = true));
  await new Promise((r) => setTimeout(r, 200));
  // The second appender waits for the first to commit instead of taking a position a reader could pass.
  expect(secondDone).toBe(false);
  expect(await readEvents(dataSource, { topics: ["disputes"], after: LOG_START })).toEqual([]);
  await slow.query("COMMIT");
  await slow.end();
  await second;
  const events = await readEvents(dataSource, { topics: ["disputes"], after: LOG_START });
  expect(events.map((e) => e.type)).toEqual(["first-begun", "second-begun"]);
  expect(Number(events[0].position)).toBeLessThan(Number(events[1].position));
});

it("appends many events in one statement, in the order given, and wakes the readers of their topics", async () => {
  const woken = wakeups.signal(["invoices"]);
  await dataSource.transaction((m) => appendEvents(m, [1, 2, 3].map((n) => ({ ...traffic(n), topic: "invoices" as const, type: `batch-${n}` }))));
  expect(await woken.wait(5000)).toBe(true);
  woken.close();
  const events = await readEvents(dataSource, { topics: ["invoices"], after: LOG_START });
  expect(events.map((e) => [e.type, e.key, e.payload])).toEqual([["batch-1", "p1", { n: 1 }], ["batch-2", "p2", { n: 2 }], ["batch-3", "p0", { n: 3 }]]);
  expect(Number(events[0].position)).toBeLessThan(Number(events[2].position));
});

it("is not held back by a long transaction that appends nothing", async () => {
  const idle = new Client({ connectionString: url });
  await idle.connect();
  await idle.query("BEGIN");
  await idle.query("SELECT txid_current()");
  await dataSource.transaction((m) => appendEvent(m, { ...traffic(3), topic: "disputes", type: "while-others-run" }));
  const events = await readEvents(dataSource, { topics: ["disputes"], after: LOG_START });
  await idle.query("ROLLBACK");
  await idle.end();
  expect(events.map((e) => e.type)).toContain("while-others-run");
});

it("resumes a consumer restarted mid-stream with nothing lost or applied twice", async () => {
  for (let n = 0; n < 100; n++) await dataSource.transaction((m) => appendEvent(m, traffic(n)));
  let crashAt = 37;
  const handle = async (event: EventRecord, manager: import("typeorm").EntityManager) => {
    const n = (event.payload as { n: number }).n;
    if (n === crashAt) throw new Error("process killed");
    await manager.query("INSERT INTO applied (event_id, n) VALUES ($1, $2)", [event.id, n]);
  };
  const first = new EventConsumer(dataSource, wakeups, { name: "counter", topics: ["traffic"], handle, batchSize: 10 });
  await expect(first.drain()).rejects.toThrow("process killed");
  const partial = await dataSource.query("SELECT count(*)::int AS c FROM applied");
  expect(partial[0].c).toBe(30); // three whole batches committed, the fourth rolled back with its cursor

  crashAt = -1;
  const restarted = new EventConsumer(dataSource, wakeups, { name: "counter", topics: ["traffic"], handle, batchSize: 10 });
  expect(await restarted.drain()).toBe(70);
  const rows = await dataSource.query("SELECT count(*)::int AS c, count(DISTINCT n)::int AS d, sum(n)::int AS s FROM applied");
  expect(rows[0]).toEqual({ c: 100, d: 100, s: 4950 });
  expect(await restarted.drain()).toBe(0);
});

it("streams events committed after a subscription starts, woken by NOTIFY", async () => {
  await dataSource.transaction((m) => appendEvent(m, { ...traffic(0), topic: "credit", type: "before" }));
  const stream = await streamEvents(dataSource, wakeups, { topics: ["credit"], from: "now", pollMs: 60_000, filter: (e) => e.key !== "skip" });
  const next = stream.next();
  await dataSource.transaction((m) => appendEvent(m, { ...traffic(0), topic: "credit", type: "skipped", key: "skip" }));
  await dataSource.transaction((m) => appendEvent(m, { ...traffic(0), topic: "credit", type: "after" }));
  const first = await next;
  expect(first.value?.type).toBe("after");
  const pending = stream.next();
  await stream.return!();
  const started = Date.now();
  expect((await pending).done).toBe(true);
  expect(Date.now() - started).toBeLessThan(5_000); // ends at once, not after the 60 s poll interval
});

it("runs a started consumer in the background", async () => {
  const seen: string[] = [];
  const consumer = new EventConsumer(dataSource, wakeups, {
    name: "background",
    topics: ["rates"],
    handle: async (e) => void seen.push(e.type),
    pollMs: 60_000,
  });
  consumer.start();
  await dataSource.transaction((m) => appendEvent(m, { ...traffic(0), topic: "rates", type: "rate.published" }));
  for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await consumer.stop();
  expect(seen).toEqual(["rate.published"]);
});
