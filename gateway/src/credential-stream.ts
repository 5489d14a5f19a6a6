import { createClient } from "graphql-ws";
import { graphqlAudience, PRINCIPAL_HEADER, signPrincipal, type Logger, type Principal } from "@intersettle/shared";
import type { PrincipalCache } from "./principal-cache";
import type { CredentialChanges } from "./credential-changes";
import { heartbeatSocket, type UpstreamSettings } from "./subscriptions/upstream-stream";

const GATEWAY: Principal = { kind: "service", service: "gateway" };
const CHANGES = `subscription { credentialChanges { type } }`;

/**
 * Keeps the principal cache honest where the gateway has no database connection (docker-compose): it follows the
 * partners subgraph's `credentialChanges` over graphql-ws, the protocol it already speaks for subscriptions, which
 * relays the event log's notifications as partners receives them. The cache serves from the stream's LISTENING item
 * until the stream ends or its socket closes (or misses a heartbeat), and is emptied on every change.
 */
export function followPartnersCredentialStream(partnersUrl: string, secret: string, cache: PrincipalCache, settings: UpstreamSettings, logger?: Logger): CredentialChanges {
  let stopped = false;
  let failures = 0;
  const client = createClient({
    url: partnersUrl.replace(/^http/, "ws"),
    webSocketImpl: heartbeatSocket(settings.keepAliveMs),
    lazy: false,
    connectionAckWaitTimeout: settings.keepAliveMs,
    retryAttempts: Infinity,
    shouldRetry: () => !stopped,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** retries))),
    connectionParams: () => ({ [PRINCIPAL_HEADER]: signPrincipal(GATEWAY, secret, { audience: graphqlAudience("partners"), ttlSeconds: 60 }) }),
    on: {
      connected: () => void (failures = 0),
      closed: () => {
        cache.setServing(false);
        if (!stopped && failures++ === 0) logger?.warn("partners credential stream lost; authenticating every request until it is back");
      },
    },
  });
  const subscribe = () =>
    client.subscribe<{ credentialChanges: { type: "LISTENING" | "CHANGED" } }>(
      { query: CHANGES },
      {
        next: ({ data }) => (data?.credentialChanges.type === "LISTENING" ? cache.setServing(true) : cache.invalidate()),
        error: (err) => {
          cache.setServing(false);
          logger?.error({ err }, "partners refused the credential stream; authenticating every request");
        },
        complete: () => {
          cache.setServing(false);
          // Partners ended it (its own LISTEN connection failed, or it is stopping): follow it again shortly.
          if (!stopped) setTimeout(() => !stopped && subscribe(), settings.retryBaseMs).unref();
        },
      },
    );
  subscribe();
  return {
    stop: async () => {
      stopped = true;
      cache.setServing(false);
      await client.dispose();
    },
  };
}
