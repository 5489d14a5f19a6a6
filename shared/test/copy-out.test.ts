import { DataSource } from "typeorm";
import { copyField, copyLine, copyOutLines, openTextCopy } from "../src/ingestion";
import { createTestDatabase } from "../src/testing";

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ type: "postgres", url: await createTestDatabase("copy-out"), poolSize: 1 });
  await dataSource.initialize();
  await dataSource.query("CREATE TABLE copied (n int PRIMARY KEY, t text)");
});
afterAll(() => dataSource?.destroy());

it("reads COPY text out whole lines at a time, values intact through its escapes", async () => {
  const odd = 'a\\b\tc\nd"e';
  const runner = dataSource.createQueryRunner();
  try {
    let text = "";
    for await (const chunk of copyOutLines(runner, `SELECT g, CASE WHEN g = 2 THEN ${"E'a\\\\b\\tc\\nd\"e'"} WHEN g = 3 THEN NULL ELSE 'x' END FROM generate_series(1, 20000) g`)) {
      expect(chunk.endsWith("\n")).toBe(true);
      text += chunk;
    }
    const rows = text.split("\n").slice(0, -1).map((l) => l.split("\t").map(copyField));
    expect(rows).toHaveLength(20000);
    expect(rows.slice(0, 3)).toEqual([["1", "x"], ["2", odd], ["3", null]]);
    // what copyLine writes, copyField reads back
    expect(copyLine([odd, null]).slice(0, -1).split("\t").map(copyField)).toEqual([odd, null]);
  } finally {
    await runner.release();
  }
});

it("leaves the connection answering after a COPY out stopped half way and a COPY in aborted", async () => {
  // One connection in the pool: whatever a COPY leaves behind, the next query meets it.
  const runner = dataSource.createQueryRunner();
  try {
    for await (const chunk of copyOutLines(runner, "SELECT g FROM generate_series(1, 500000) g")) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(await runner.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await runner.startTransaction();
    const copy = await openTextCopy(runner.manager, "copied", ["n", "t"]);
    for (let n = 0; n < 5000; n++) await copy.batcher.add(copyLine([n, "row"]));
    await copy.abort(new Error("gave up"));
    await runner.rollbackTransaction();
    expect(await runner.query("SELECT count(*)::int AS n FROM copied")).toEqual([{ n: 0 }]);
  } finally {
    await runner.release();
  }
  expect(await dataSource.query("SELECT 2 AS two")).toEqual([{ two: 2 }]);
});
