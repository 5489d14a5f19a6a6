import "reflect-metadata";
import type { Logger } from "@intersettle/shared";

export interface RevenueShareSubgraphOptions {
  databaseUrl?: string;
  internalSecret?: string;
  logger?: Logger;
  host?: string;
}

export interface RevenueShareSubgraph {
  start(port: number): Promise<{ url: string }>;
  stop(): Promise<void>;
}

/** Content revenue share: services, agreements, usage and statements (wired up in the following commits). */
export function createRevenueShareSubgraph(_options: RevenueShareSubgraphOptions = {}): RevenueShareSubgraph {
  return {
    async start() {
      throw new Error("revenue-share subgraph is not wired yet");
    },
    async stop() {},
  };
}
