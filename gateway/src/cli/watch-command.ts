import type { Command } from "commander";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { HubClient, type HubConnection } from "./hub-client";

/** What each topic subscribes to, and the fields printed for each event. */
const TOPICS: Record<string, { field: string; selection: string; destination?: boolean }> = {
  traffic: { field: "trafficUpdates", selection: "position partnerId destination calls minutes revenue cost margin asr acd partner { code }", destination: true },
  credit: { field: "creditEvents", selection: "position type partnerId currency exposure limit available status blockCause reason partner { code }" },
  fraud: { field: "fraudAlerts", selection: "position type partnerId alertId rule severity summary partner { code }" },
  invoices: { field: "invoiceEvents", selection: "position type partnerId number status currency gross openAmount partner { code }" },
  partners: { field: "partnerEvents", selection: "position type partnerId partner { code status }" },
};

/** `intersettle watch <topic>`: prints a subscription's events as JSON lines until interrupted; `--after` resumes. */
export function registerWatchCommand(program: Command, connection: () => HubConnection): void {
  program
    .command("watch <topic>")
    .description(`tail live events through the gateway's subscriptions: ${Object.keys(TOPICS).join(", ")} (one JSON line per event)`)
    .option("--partner <code>", "only this partner's events")
    .option("--destination <name>", "traffic only: one destination")
    .option("--after <position>", "resume after this event position (printed with every event)")
    .action(async (topic: string, opts: { partner?: string; destination?: string; after?: string }) => {
      const spec = TOPICS[topic];
      if (!spec) throw new Error(`unknown topic '${topic}'; one of ${Object.keys(TOPICS).join(", ")}`);
      const hub = connection();
      const partnerId = opts.partner ? (await new HubClient(hub).request(`query($c: String!) { partnerByCode(code: $c) { id } }`, { c: opts.partner })).partnerByCode.id : null;
      const args = ["partnerId: $partnerId", "after: $after", ...(spec.destination ? ["destination: $destination"] : [])];
      const query = `subscription($partnerId: ID, $after: String${spec.destination ? ", $destination: String" : ""}) { ${spec.field}(${args.join(", ")}) { ${spec.selection} } }`;
      const client = createClient({
        url: hub.url.replace(/^http/, "ws"),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${hub.token}` },
        retryAttempts: Infinity,
        shouldRetry: () => true,
      });
      let after = opts.after ?? null;
      // Reconnects resume after the last event printed, so a dropped connection loses and repeats nothing.
      const subscribe = () =>
        new Promise<void>((resolve, reject) => {
          client.subscribe(
            { query, variables: { partnerId, after, destination: opts.destination ?? null } },
            {
              next: (result) => {
                if (result.errors) return reject(new Error(result.errors.map((e) => e.message).join("; ")));
                const event = (result.data as Record<string, { position?: string }>)[spec.field];
                if (event?.position) after = event.position;
                process.stdout.write(`${JSON.stringify(event)}\n`);
              },
              error: (err) => reject(err instanceof Error ? err : new Error(describeClose(err))),
              complete: resolve,
            },
          );
        });
      process.on("SIGINT", () => void Promise.resolve(client.dispose()).then(() => process.exit(0)));
      console.error(`Watching ${spec.field}${opts.partner ? ` of ${opts.partner}` : ""}; Ctrl-C to stop.`);
      await subscribe();
    });
}

function describeClose(err: unknown): string {
  const close = err as { code?: number; reason?: string };
  return close?.code ? `connection closed (${close.code}${close.reason ? `: ${close.reason}` : ""})` : String(err);
}
