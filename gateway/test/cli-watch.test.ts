import { spawn } from "node:child_process";
import path from "node:path";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub("cli-watch");
});
afterAll(() => hub?.stop());

type Line = Record<string, any>;
const cli = path.resolve(__dirname, "../dist/cli/main.js");

/** Runs `intersettle watch partners` and collects the JSON lines it prints. */
function watch(...args: string[]) {
  const child = spawn(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "watch", "partners", ...args]);
  children.push(child);
  const lines: Line[] = [];
  let out = "";
  let exited: number | null = null;
  child.stdout.on("data", (chunk) => {
    out += chunk;
    const parts = out.split("\n");
    out = parts.pop()!;
    for (const part of parts.filter(Boolean)) lines.push(JSON.parse(part));
  });
  child.on("exit", (code) => (exited = code));
  /** Waits until a printed line satisfies `found`. */
  const until = async (found: (lines: Line[]) => boolean, timeoutMs = 30_000) => {
    const started = Date.now();
    while (!found(lines)) {
      if (exited !== null) throw new Error(`watch exited with ${exited}`);
      if (Date.now() - started > timeoutMs) throw new Error(`watch printed ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, lines, until };
}

const codes = (lines: Line[]) => lines.map((l) => l.partner.code as string);

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => children.forEach((c) => c.kill()));

it("tails a subscription through the gateway from the intersettle command, one JSON line per event, and resumes after a position", async () => {
  const first = watch();
  // The subscription starts "now": create partners until one is printed, so it is surely live before the events that count.
  for (let n = 0; !first.lines.length; n++) {
    if (n === 30) throw new Error("the watch never printed an event");
    await createPartner(hub, `PRIMING_${n}`);
    await first.until((l) => l.length > 0, 1_000).catch((err: Error) => {
      if (err.message.startsWith("watch exited")) throw err;
    });
  }
  await createPartner(hub, "WATCHED_1");
  await createPartner(hub, "WATCHED_2");
  await first.until((l) => codes(l).includes("WATCHED_2"));
  first.child.kill();
  const watched = first.lines.filter((l) => l.partner.code.startsWith("WATCHED_"));
  expect(watched.map((e) => [e.type, e.partner.code])).toEqual([["partner.created", "WATCHED_1"], ["partner.created", "WATCHED_2"]]);

  const resumed = watch("--after", watched[0].position);
  await resumed.until((l) => l.length > 0);
  resumed.child.kill();
  expect(resumed.lines[0].partner.code).toBe("WATCHED_2");
});
