import { RATED_CALLS_COLUMNS } from "@intersettle/shared";
import { readRatedCalls, RatedCallsExportError } from "../../src/services/reconciliation/rated-calls";

const HEADER = RATED_CALLS_COLUMNS.join("\t") + "\n";
const call = (id: string) => `${id}\t1793786400000\t+4420\t+4471\t60\tUK\\tMobile\t0.0125\tUSD\n`;

async function read(...chunks: string[]) {
  const calls = [];
  for await (const batch of readRatedCalls((async function* () { yield* chunks; })())) calls.push(...batch);
  return calls;
}

describe("reading rating's rated-calls export", () => {
  it("reads calls split anywhere across chunks, escapes undone", async () => {
    const text = HEADER + call("a\\\\1") + call("b") + "\\.\t2\n";
    for (let cut = 1; cut < text.length; cut++) {
      const calls = await read(text.slice(0, cut), text.slice(cut));
      expect(calls.map((c) => [c.callId, c.start.toISOString(), c.destination, c.amount.toFixed(), c.duration])).toEqual([
        ["a\\1", "2026-11-04T10:00:00.000Z", "UK\tMobile", "0.0125", 60],
        ["b", "2026-11-04T10:00:00.000Z", "UK\tMobile", "0.0125", 60],
      ]);
    }
  });

  it("fails an export cut short, miscounted, without its header or with a broken line", async () => {
    await expect(read(HEADER + call("a"))).rejects.toThrow(/without its end line/);
    await expect(read(HEADER + call("a") + "\\.\t2")).rejects.toThrow(/line 3: cut off/);
    await expect(read(HEADER + call("a") + "\\.\t2\n")).rejects.toThrow(/counts 2 calls, 1 came/);
    await expect(read(call("a"))).rejects.toThrow(/line 1: expected the header/);
    await expect(read(HEADER + "a\tsoon\t1\t2\t60\tUK\t0.1\tUSD\n\\.\t1\n")).rejects.toThrow(RatedCallsExportError);
    await expect(read(HEADER + "\\.\t0\n" + call("late"))).rejects.toThrow(/after the end line/);
    await expect(read(HEADER + "\\.\t0\n", call("late"))).rejects.toThrow(/line 3: text after the end line/);
    await expect(read(HEADER + call("a"), call("b"), "\\.\t3\n")).rejects.toThrow(/line 4: the end line counts 3 calls, 2 came/);
  });
});
