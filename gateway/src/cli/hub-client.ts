import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { bearer, graphqlRequest, readHubConfig } from "@intersettle/shared";

export interface HubConnection {
  url: string;
  token: string;
}

/** Where the CLI finds the hub and its token: flags, then environment, then the token saved at first start. */
export function resolveConnection(flags: { url?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): HubConnection {
  const config = readHubConfig(env);
  const url = flags.url ?? env.INTERSETTLE_URL ?? `http://localhost:${config.port}/graphql`;
  const tokenFile = path.join(config.dataDir, "admin-token");
  const token = flags.token ?? env.INTERSETTLE_TOKEN ?? config.adminToken ?? (fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, "utf8").trim() : undefined);
  if (!token) throw new Error(`No operator token: pass --token, set INTERSETTLE_TOKEN, or start the hub once so it saves ${tokenFile}`);
  return { url, token };
}

/** A GraphQL client for operator tasks: throws with every error the hub returned. */
export class HubClient {
  constructor(private readonly connection: HubConnection) {}

  async request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response;
    try {
      response = await graphqlRequest<T>(this.connection.url, query, variables, bearer(this.connection.token));
    } catch (err) {
      throw new Error(`Cannot reach the hub at ${this.connection.url} (${(err as Error).message}); is it running (npm start)?`);
    }
    if (response.errors?.length) {
      const detail = response.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("\n");
      throw new HubRequestError(detail, response.errors.map((e) => e.extensions?.code), response.errors);
    }
    return response.data as T;
  }

  /** Sends text too large for a GraphQL body to an upload endpoint (/files/<subgraph>/<kind>). */
  async upload<T = any>(target: string, params: Record<string, string>, content: string): Promise<T> {
    return sendUpload(this.connection, target, params, content) as Promise<T>;
  }

  /** A small download (/files/<subgraph>/<kind>[/<id>]) as text. */
  async download(target: string, params: Record<string, string> = {}): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await openDownload(this.connection, target, params)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
}

/** Streams a file to the hub's upload endpoint (/files/<subgraph>/<kind>), reporting bytes sent. */
export async function uploadFile(connection: HubConnection, target: string, params: Record<string, string>, file: string, onBytes?: (sent: number) => void): Promise<any> {
  const stream = fs.createReadStream(file);
  let sent = 0;
  stream.on("data", (chunk) => onBytes?.((sent += chunk.length)));
  return sendUpload(connection, target, params, Readable.toWeb(stream) as ReadableStream);
}

async function sendUpload(connection: HubConnection, target: string, params: Record<string, string>, content: ReadableStream | string): Promise<any> {
  const url = `${connection.url.replace(/\/graphql$/, "")}/files/${target}?${new URLSearchParams(params)}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${connection.token}`, "content-type": "application/octet-stream" },
    body: content,
    duplex: "half",
  } as RequestInit);
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  if (body.errors?.length) throw new HubRequestError(body.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("\n"), body.errors.map((e) => e.extensions?.code), body.errors);
  return body.data;
}

/**
 * Streams a download from the hub's file route (GET /files/<subgraph>/<kind>[/<id>]) into `file`; returns the bytes
 * written. An error answer (JSON) is thrown as a HubRequestError and nothing is written.
 */
export async function downloadFile(connection: HubConnection, target: string, params: Record<string, string>, file: string, onChunk?: (chunk: Buffer) => void): Promise<number> {
  const body = await openDownload(connection, target, params);
  if (onChunk) body.on("data", onChunk);
  await pipeline(body, fs.createWriteStream(file));
  return fs.statSync(file).size;
}

/** A download's body as it streams; an error answer (JSON) is thrown as a HubRequestError. */
async function openDownload(connection: HubConnection, target: string, params: Record<string, string>): Promise<Readable> {
  const query = new URLSearchParams(params).toString();
  const url = `${connection.url.replace(/\/graphql$/, "")}/files/${target}${query ? `?${query}` : ""}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${connection.token}` } });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string; extensions?: Record<string, any> }> };
    const errors = body.errors ?? [{ message: `HTTP ${response.status}` }];
    throw new HubRequestError(errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("\n"), errors.map((e) => e.extensions?.code), errors);
  }
  return Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
}

export class HubRequestError extends Error {
  constructor(message: string, readonly codes: string[], readonly errors: Array<{ message: string; extensions?: Record<string, any> }> = []) {
    super(message);
  }
}

/** A partner's id by its code. */
export async function partnerIdByCode(connection: HubConnection, code: string): Promise<string> {
  const { partnerByCode } = await new HubClient(connection).request(`query($c: String!) { partnerByCode(code: $c) { id } }`, { c: code });
  return partnerByCode.id;
}
