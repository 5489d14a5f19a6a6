import { spawn } from "node:child_process";
import path from "node:path";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub("cli-watch");
});
afterAll(() => hub?.stop());

it("tails a subscription through the gateway from the intersettle command, one JSON line per event, and resumes after a position", async () => {
  const cli = path.resolve(__dirname, "../dist/cli/main.js");
  const watch = (...args: string[]) => spawn(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "watch", "partners", ...args]);
  const lines = (child: ReturnType<typeof watch>, count: number) =>
    new Promise<Array<Record<string, any>>>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        const done = out.split("\n").filter(Boolean);
        if (done.length >= count) resolve(done.slice(0, count).map((l) => JSON.parse(l)));
      });
      child.on("exit", (code) => reject(new Error(`watch exited with ${code}`)));
    });
  const first = watch();
  const seen = lines(first, 2);
  // The subscription starts "now": wait until it is open before the events happen.
  await new Promise((resolve) => first.stderr.once("data", resolve));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await createPartner(hub, "WATCHED_1");
  await createPartner(hub, "WATCHED_2");
  const events = await seen;
  first.kill();
  expect(events.map((e) => [e.type, e.partner.code])).toEqual([["partner.created", "WATCHED_1"], ["partner.created", "WATCHED_2"]]);
  const resumed = watch("--after", events[0].position);
  const replay = await lines(resumed, 1);
  resumed.kill();
  expect(replay[0].partner.code).toBe("WATCHED_2");
});
