import fs from "node:fs";
import path from "node:path";
import { Session } from "node:inspector/promises";

/**
 * Runs `work` under the CPU profiler of this process when BENCH_PROFILE names a folder, and writes
 * `<name>.cpuprofile` there (open it in Chrome DevTools): one profile per measured phase, not the set-up.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
