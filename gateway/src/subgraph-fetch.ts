import http from "node:http";
import https from "node:https";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse["headers"];

/**
 * The gateway's client for subgraph fetches: node's HTTP client over kept-alive connections, the request written
 * in one piece and the answer buffered. WHATWG fetch (undici) costs several times as much CPU per call in streams,
 * signals and body mixins that a small JSON answer does not need; on the `routes` path that was the gateway's
 * largest cost after authentication.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxFreeSockets: 256 }),
  "https:": new https.Agent({ keepAlive: true, maxFreeSockets: 256 }),
};

export const subgraphFetch: Fetcher = (url: string, init: FetcherRequestInit = {}) =>
  new Promise<FetcherResponse>((resolve, reject) => {
    const target = new URL(url);
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const request = (target.protocol === "https:" ? https : http).request(
      target,
      {
        method: init.method ?? "GET",
        headers: { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) },
        agent: agents[target.protocol as keyof typeof agents],
        signal: init.signal as AbortSignal | undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("error", reject);
        response.once("end", () => resolve(new BufferedResponse(url, response, Buffer.concat(chunks))));
      },
    );
    request.once("error", reject);
    // A small request must not wait for the previous answer's ACK (Nagle).
    request.once("socket", (socket) => socket.setNoDelay(true));
    request.end(body);
  });

/** An answer read to its end: what RemoteGraphQLDataSource reads of a fetch Response. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    message: http.IncomingMessage,
    private readonly body: Buffer,
  ) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new ReceivedHeaders(message.headers);
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString("utf8");
  }

  async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, { statusCode: this.status, statusMessage: this.statusText, headers: (this.headers as ReceivedHeaders).record } as http.IncomingMessage, this.body);
  }
}

/** The answer's headers as node parsed them (names in lower case), behind the fetch Headers interface. */
class ReceivedHeaders implements FetcherHeaders {
  constructor(readonly record: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.record[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    return this.record[name.toLowerCase()] !== undefined;
  }

  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = value;
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record).sort()) yield [name, this.get(name)!];
  }

  keys(): IterableIterator<string> {
    return Object.keys(this.record).sort()[Symbol.iterator]();
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
