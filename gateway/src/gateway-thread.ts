import path from "node:path";
import { Worker } from "node:worker_threads";
import { metricsSnapshot, type Logger } from "@intersettle/shared";
import type { GatewayOptions, RunningGateway } from "./gateway-server";

/** What crosses to the gateway's thread: plain data only (no logger, no functions). */
export type GatewayThreadOptions = Omit<GatewayOptions, "logger" | "metricsFrom" | "uploads" | "downloads" | "subscriptions"> & {
  /** The level of the gateway's own pino logger on its thread (stdout); none: it logs nothing, as without a logger. */
  logLevel?: string;
};

export type FromGatewayThread = { type: "started"; url: string; port: number } | { type: "metrics"; id: number } | { type: "stopped"; error?: string };
export type ToGatewayThread = { type: "stop" } | { type: "metrics"; id: number; snapshot: unknown };

/** The compiled thread entry, from gateway/src (tests) or gateway/dist alike. */
const ENTRY = path.resolve(__dirname, "../dist/gateway-thread-main.js");

/**
 * The gateway on a thread of its own, so that the one-process hub uses a second core: the gateway only speaks HTTP
 * (and LISTENs) to the subgraphs, so nothing else is shared. Its /metrics still shows the whole hub's, this thread's
 * asked for on each scrape. An uncaught error on its thread is rethrown here, ending the process as it would have.
 */
export function startGatewayThread(options: GatewayThreadOptions, logger?: Logger): Promise<RunningGateway> {
  const worker = new Worker(ENTRY, { workerData: options });
  let stopping: Promise<void> | undefined;
  const send = (message: ToGatewayThread) => worker.postMessage(message);
  return new Promise<RunningGateway>((resolve, reject) => {
    let started = false;
    let stopped: ((error?: string) => void) | undefined;
    worker.on("message", (message: FromGatewayThread) => {
      if (message.type === "started") {
        started = true;
        resolve({
          url: message.url,
          port: message.port,
          stop: () =>
            (stopping ??= new Promise<void>((done, fail) => {
              stopped = (error) => (error ? fail(new Error(error)) : done());
              send({ type: "stop" });
            }).finally(() => worker.terminate())),
        });
      } else if (message.type === "metrics") {
        void metricsSnapshot().then((snapshot) => send({ type: "metrics", id: message.id, snapshot }));
      } else if (message.type === "stopped") {
        stopped?.(message.error);
      }
    });
    worker.on("error", (err) => {
      if (!started) return reject(err);
      if (stopping) return stopped?.(err.message);
      logger?.fatal({ err }, "the gateway thread failed");
      process.nextTick(() => {
        throw err;
      });
    });
    worker.on("exit", (code) => {
      if (!started) reject(new Error(`the gateway thread exited with ${code} before it listened`));
      stopped?.();
    });
  });
}
