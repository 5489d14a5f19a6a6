import { EventWakeups, type EventTopic, type Logger } from "@intersettle/shared";
import type { PrincipalCache } from "./principal-cache";

/** Topics whose events can change what a secret stands for: keys and tokens, and partners' status. */
const CHANGING: ReadonlySet<string> = new Set<EventTopic>(["credentials", "partners"]);

export const LISTENER_NAME = "intersettle-gateway";

export interface CredentialChanges {
  stop(): Promise<void>;
}

/**
 * Keeps the gateway's principal cache honest from the event log's notifications: a commit on `credentials` or
 * `partners` empties it as the NOTIFY arrives, before any read of the log. The cache serves only while the LISTEN
 * connection is up; from the moment it fails, every request asks the partners subgraph again. Needs nothing but a
 * connection: no table is read, so any role that may connect will do.
 */
export function followCredentialChanges(databaseUrl: string, cache: PrincipalCache, logger?: Logger): CredentialChanges {
  // Named, so that pg_stat_activity tells the gateway's connection from the subgraphs'.
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", LISTENER_NAME);
  const wakeups = new EventWakeups(url.toString(), logger);
  wakeups.subscribe((topic) => {
    if (CHANGING.has(topic)) cache.invalidate();
  });
  wakeups.watchConnection((listening) => cache.setServing(listening));
  wakeups.startInBackground();
  return {
    stop: async () => {
      cache.setServing(false);
      await wakeups.stop();
    },
  };
}
