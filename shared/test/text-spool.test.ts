import fs from "node:fs";
import { TextSpool } from "../src";

it("gives back what was written, whole characters across chunks, and removes its file", async () => {
  const spool = await TextSpool.open("spool-test");
  const line = "Zürich → 東京\t0.0125\n";
  for (let i = 0; i < 20_000; i++) await spool.write(line);
  let text = "";
  for await (const chunk of spool.read()) text += chunk;
  expect(text).toBe(line.repeat(20_000));
  const dir = (spool as unknown as { dir: string }).dir;
  expect(fs.existsSync(dir)).toBe(false);
});

it("removes its file when discarded unread", async () => {
  const spool = await TextSpool.open("spool-test");
  await spool.write("a\n");
  const dir = (spool as unknown as { dir: string }).dir;
  await spool.discard();
  expect(fs.existsSync(dir)).toBe(false);
});
