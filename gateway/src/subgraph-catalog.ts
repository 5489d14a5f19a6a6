import type { GraphQLSchema } from "graphql";
import type { CdrValueSettings, Logger } from "@intersettle/shared";
import { createPartnersSubgraph } from "@intersettle/partners";
import { createRatingSubgraph } from "@intersettle/rating";
import { createInvoicingSubgraph } from "@intersettle/invoicing";
import { createRoutingSubgraph } from "@intersettle/routing";
import { createRevenueShareSubgraph } from "@intersettle/revenue-share";

export interface SubgraphRuntimeOptions {
  databaseUrl?: string;
  internalSecret?: string;
  adminToken?: string;
  baseCurrency?: string;
  logger?: Logger;
  host?: string;
  dropRoot?: string;
  cdrValues?: CdrValueSettings;
  /** URLs of the subgraphs started before this one, by name: how a subgraph reaches another's API. */
  subgraphUrls?: Record<string, string>;
}

/** What every subgraph package exports through its create function. */
export interface HubSubgraph {
  schema: GraphQLSchema;
  start(port: number): Promise<{ url: string; generatedAdminToken?: string }>;
  stop(): Promise<void>;
  services?(): unknown;
}

export interface SubgraphDefinition {
  name: string;
  /** The Postgres schema it owns; its database role owns this schema and no other. */
  dbSchema: string;
  /** Port offset from the gateway's port: partners listens on PORT+1 and so on. */
  portOffset: number;
  create(options: SubgraphRuntimeOptions): HubSubgraph;
  /** The only upload routes the gateway forwards to this subgraph (POST /files/<name>/<kind>). */
  uploads?: UploadDeclaration[];
  /** The only download routes the gateway forwards to this subgraph (GET /files/<name>/<kind>[/<id>]). */
  downloads?: DownloadDeclaration[];
}

/** One streaming upload endpoint of a subgraph and its size limit, configurable through `limitEnv` (MB). */
export interface UploadDeclaration {
  kind: string;
  limitEnv: string;
  defaultLimitMb: number;
}

/**
 * One download route of a subgraph, served by the `fileDownloads` handler of the same kind. `path: "id"` takes exactly
 * one more segment, an id or a format name matching DOWNLOAD_ID (`/^[A-Za-z0-9_-]{1,64}$/`, compared raw, never decoded);
 * `path: "none"` takes none. Query parameters go on as parameters only. For example, invoicing would declare
 *
 *   downloads: [
 *     { kind: "invoice-pdf", path: "id" },   // GET /files/invoicing/invoice-pdf/<invoiceId>
 *     { kind: "exports", path: "id" },       // GET /files/invoicing/exports/xero-sales?from=2026-01-01&to=2026-02-01
 *   ],
 *
 * with `fileDownloads: (services) => ({ "invoice-pdf": …, exports: … })` in its subgraph runtime.
 */
export interface DownloadDeclaration {
  kind: string;
  path: "id" | "none";
}

/** Every subgraph of the hub, in start order. */
export const SUBGRAPHS: SubgraphDefinition[] = [
  { name: "partners", dbSchema: "partners", portOffset: 1, create: (o) => createPartnersSubgraph(o) },
  {
    name: "rating",
    dbSchema: "rating",
    portOffset: 2,
    create: (o) => createRatingSubgraph(o),
    uploads: [
      { kind: "rate-decks", limitEnv: "INTERSETTLE_MAX_DECK_UPLOAD_MB", defaultLimitMb: 200 },
      { kind: "cdrs", limitEnv: "INTERSETTLE_MAX_CDR_UPLOAD_MB", defaultLimitMb: 2048 },
    ],
    downloads: [
      { kind: "tariff-export", path: "none" },
      { kind: "rated-calls", path: "none" },
    ],
  },
  {
    name: "invoicing",
    dbSchema: "invoicing",
    portOffset: 3,
    create: (o) => createInvoicingSubgraph({ ...o, ratingUrl: () => peerUrl(o, "rating") }),
    uploads: [
      { kind: "claims", limitEnv: "INTERSETTLE_MAX_CLAIM_UPLOAD_MB", defaultLimitMb: 2048 },
      { kind: "dispute-attachments", limitEnv: "INTERSETTLE_MAX_DISPUTE_ATTACHMENT_MB", defaultLimitMb: 2 },
    ],
    downloads: [
      { kind: "invoice-pdf", path: "id" },
      { kind: "exports", path: "id" },
      { kind: "dispute-attachment", path: "id" },
      { kind: "mismatched-calls", path: "id" },
    ],
  },
  {
    name: "routing",
    dbSchema: "routing",
    portOffset: 4,
    // Loads its index from rating's tariff export before it listens.
    create: (o) => createRoutingSubgraph({ ...o, ratingUrl: () => peerUrl(o, "rating") }),
    downloads: [{ kind: "lcr-table", path: "id" }],
  },
  {
    name: "revenue-share",
    dbSchema: "revshare",
    portOffset: 5,
    create: (o) => createRevenueShareSubgraph(o),
    uploads: [{ kind: "transactions", limitEnv: "INTERSETTLE_MAX_CONTENT_UPLOAD_MB", defaultLimitMb: 2048 }],
    downloads: [
      { kind: "statement-csv", path: "id" },
      { kind: "statement-pdf", path: "id" },
    ],
  },
];

/** Another subgraph's URL, known once it has started (the catalog's order starts it first). */
function peerUrl(options: SubgraphRuntimeOptions, name: string): string {
  const url = options.subgraphUrls?.[name];
  if (!url) throw new Error(`the ${name} subgraph's URL is not known; start it first or set INTERSETTLE_${name.toUpperCase()}_URL`);
  return url;
}
