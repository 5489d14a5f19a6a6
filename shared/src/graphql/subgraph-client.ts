import { graphqlAudience, PRINCIPAL_HEADER, signPrincipal } from "../auth/signed-principal";
import type { Principal } from "../auth/principal";

/** A GraphQL answer from another subgraph that carried errors or a failed status; the detail is for logs only. */
export class SubgraphCallError extends Error {
  constructor(readonly subgraph: string, detail: string) {
    super(`${subgraph} subgraph call failed: ${detail.slice(0, 500)}`);
  }
}

/**
 * How one hub service asks another subgraph through its API (never its tables): a signed principal for that subgraph's
 * `/graphql` only, short-lived, and the answer's data or an error.
 */
export class SubgraphClient {
  constructor(
    private readonly subgraph: string,
    private readonly url: () => string,
    private readonly secret: string,
    private readonly principal: Principal,
  ) {}

  async query<D>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<D> {
    const response = await fetch(this.url(), {
      method: "POST",
      headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: signPrincipal(this.principal, this.secret, { audience: graphqlAudience(this.subgraph), ttlSeconds: 60 }) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    const text = await response.text();
    let body: { data?: D; errors?: unknown[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new SubgraphCallError(this.subgraph, `HTTP ${response.status}: ${text}`);
    }
    if (!response.ok || body.errors || !body.data) throw new SubgraphCallError(this.subgraph, JSON.stringify(body.errors ?? response.status));
    return body.data;
  }
}
