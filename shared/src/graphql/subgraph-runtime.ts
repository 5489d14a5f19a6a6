import type { GraphQLSchema } from "graphql";
import type { DataSource, EntitySchema, MixedList } from "typeorm";
import { openSchemaDataSource } from "../db/schema-data-source";
import { ensureSharedLogs } from "../db/shared-logs";
import { EventWakeups } from "../events/wakeups";
import type { Principal } from "../auth/principal";
import type { Logger } from "../logger";
import { assertEveryEntityScoped } from "../auth/partner-scope";
import { serveSubgraph, type FileUploadHandler, type RunningServer } from "./subgraph-server";
import type { FileDownloadHandler } from "./file-downloads";

export interface SubgraphRuntimeConfig<S, C> {
  /** Subgraph name, and the Postgres schema it owns. */
  name: string;
  dbSchema: string;
  schema: GraphQLSchema;
  databaseUrl?: string;
  internalSecret?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  logger?: Logger;
  host?: string;
  createServices: (dataSource: DataSource, wakeups: EventWakeups) => S;
  createContext: (principal: Principal, services: S) => C;
  fileRoutes?: (services: S) => Record<string, FileUploadHandler>;
  /** GET /files/<kind>[/<id>] downloads by kind; the gateway forwards only those its subgraph catalog declares. */
  fileDownloads?: (services: S) => Record<string, FileDownloadHandler>;
  /** Work to do once services exist and before the server listens (event consumers, bootstrap data). */
  onStart?: (services: S) => Promise<void>;
  onStop?: (services: S) => Promise<void>;
}

export interface SubgraphRuntime<S> {
  url: string;
  services: S;
  stop(): Promise<void>;
}

/** The one way a subgraph starts, on its own role's URL: shared logs present, its own schema migrated, LISTEN connection, services, server. */
export async function startSubgraphRuntime<S, C extends object>(config: SubgraphRuntimeConfig<S, C>, port: number): Promise<SubgraphRuntime<S>> {
  const { databaseUrl, internalSecret } = config;
  if (!databaseUrl || !internalSecret) throw new Error(`${config.name} subgraph needs databaseUrl and internalSecret to start`);
  assertEveryEntityScoped(config.entities as unknown[]);
  // The hub's database set-up made them; a subgraph started by itself on an administrator's URL makes them here.
  await ensureSharedLogs(databaseUrl);
  const dataSource = await openSchemaDataSource({ url: databaseUrl, schema: config.dbSchema, entities: config.entities, migrations: config.migrations });
  const wakeups = new EventWakeups(databaseUrl, config.logger);
  let server: RunningServer | undefined;
  let services: S | undefined;
  const stop = async () => {
    // Background work (drop folders, consumers) stops while requests drain, so no new file starts during the drain.
    await Promise.all([server?.stop(), services && config.onStop?.(services)]);
    await wakeups.stop();
    await dataSource.destroy();
  };
  try {
    await wakeups.start();
    const ready = (services = config.createServices(dataSource, wakeups));
    await config.onStart?.(ready);
    server = await serveSubgraph<C>(
      {
        name: config.name,
        schema: config.schema,
        secret: internalSecret,
        logger: config.logger,
        host: config.host,
        fileRoutes: config.fileRoutes?.(ready),
        fileDownloads: config.fileDownloads?.(ready),
        readiness: () => dataSource.query("SELECT 1"),
        createContext: (principal) => config.createContext(principal, ready),
      },
      port,
    );
    return { url: server.url, services: ready, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
