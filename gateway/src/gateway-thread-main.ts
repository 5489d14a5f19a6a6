import { parentPort, workerData } from "node:worker_threads";
import { createLogger, type MetricsSnapshot } from "@intersettle/shared";
import { startGateway } from "./gateway-server";
import type { FromGatewayThread, GatewayThreadOptions, ToGatewayThread } from "./gateway-thread";

/** The gateway's thread (started by gateway-thread.ts): runs startGateway and answers its parent's messages. */
const { logLevel, ...options } = workerData as GatewayThreadOptions;
const port = parentPort!;
const send = (message: FromGatewayThread) => port.postMessage(message);
const pending = new Map<number, (snapshot: MetricsSnapshot) => void>();
let nextId = 0;

const logger = logLevel ? createLogger("intersettle", logLevel).child({ thread: "gateway" }) : undefined;
const gatewayStarting = startGateway({
  ...options,
  logger,
  metricsFrom: () =>
    new Promise<MetricsSnapshot>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ type: "metrics", id });
    }),
});

port.on("message", async (message: ToGatewayThread) => {
  if (message.type === "metrics") {
    pending.get(message.id)?.(message.snapshot as MetricsSnapshot);
    pending.delete(message.id);
  } else if (message.type === "stop") {
    try {
      await (await gatewayStarting).stop();
      send({ type: "stopped" });
    } catch (err) {
      send({ type: "stopped", error: err instanceof Error ? err.message : String(err) });
    }
  }
});

void gatewayStarting.then((gateway) => send({ type: "started", url: gateway.url, port: gateway.port }));
