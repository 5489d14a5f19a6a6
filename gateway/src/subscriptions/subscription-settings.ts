import type { UpstreamSettings } from "./upstream-stream";
import type { SocketSettings } from "./subscription-server";

export interface SubscriptionSettings {
  socket: SocketSettings;
  upstream: UpstreamSettings;
  /** Events a client may fall behind before its subscription is ended (it resumes with `after`). */
  maxPending: number;
}

export function readSubscriptionSettings(env: NodeJS.ProcessEnv = process.env): SubscriptionSettings {
  const keepAliveMs = Number(env.INTERSETTLE_WS_KEEPALIVE_MS || 12_000);
  return {
    socket: {
      keepAliveMs,
      maxOperations: Number(env.INTERSETTLE_WS_MAX_OPERATIONS || 50),
      reauthenticateMs: Number(env.INTERSETTLE_WS_REAUTH_S ?? 300) * 1000,
    },
    upstream: {
      keepAliveMs,
      retryBaseMs: Number(env.INTERSETTLE_WS_RETRY_BASE_MS || 250),
      retryMaxMs: Number(env.INTERSETTLE_WS_RETRY_MAX_MS || 5_000),
    },
    maxPending: Number(env.INTERSETTLE_SUBSCRIPTION_MAX_PENDING || 1_000),
  };
}
