import { graphqlAudience, OPERATOR_TOKEN_PREFIX, OperatorRole, PARTNER_KEY_PREFIX, PRINCIPAL_HEADER, signPrincipal, type Principal } from "@intersettle/shared";

const GATEWAY: Principal = { kind: "service", service: "gateway" };
const AUTHENTICATE = `query Authenticate($secret: String!) {
  authenticate(secret: $secret) { kind partnerId credentialId operatorId operatorName roles }
}`;

interface AuthenticatedPrincipal {
  kind: "partner" | "operator";
  partnerId?: string;
  credentialId?: string;
  operatorId?: string;
  operatorName?: string;
  roles: OperatorRole[];
}

/**
 * Resolves `Authorization: Bearer …` secrets to principals by asking the partners subgraph, which owns the
 * hashed credentials. Answers are cached briefly; a revoked key stops working within `cacheMs`.
 */
export class BearerAuthenticator {
  private readonly cache = new Map<string, { principal: Principal; expires: number }>();

  constructor(private readonly partnersUrl: () => string, private readonly secret: string, private readonly cacheMs = 2000) {}

  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    const token = match?.[1];
    if (!token || !(token.startsWith(PARTNER_KEY_PREFIX) || token.startsWith(OPERATOR_TOKEN_PREFIX))) return undefined;
    const cached = this.cache.get(token);
    if (cached && cached.expires > Date.now()) return cached.principal;
    const principal = await this.lookUp(token);
    if (principal && this.cacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token, { principal, expires: Date.now() + this.cacheMs });
    }
    return principal;
  }

  private async lookUp(token: string): Promise<Principal | undefined> {
    const response = await fetch(this.partnersUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: signPrincipal(GATEWAY, this.secret, { audience: graphqlAudience("partners"), ttlSeconds: 60 }) },
      body: JSON.stringify({ query: AUTHENTICATE, variables: { secret: token } }),
    });
    const body = (await response.json()) as { data?: { authenticate: AuthenticatedPrincipal | null }; errors?: unknown[] };
    if (!response.ok || body.errors) throw new Error(`partners subgraph could not authenticate: ${JSON.stringify(body.errors ?? response.status)}`);
    const found = body.data?.authenticate;
    if (!found) return undefined;
    if (found.kind === "partner") return { kind: "partner", partnerId: found.partnerId!, credentialId: found.credentialId! };
    return { kind: "operator", id: found.operatorId!, name: found.operatorName!, roles: found.roles };
  }
}
