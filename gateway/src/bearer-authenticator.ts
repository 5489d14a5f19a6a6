import { OPERATOR_TOKEN_PREFIX, OperatorRole, PARTNER_KEY_PREFIX, secretHint, SubgraphClient, type Principal } from "@intersettle/shared";
import { FailureLedger, type AuthThrottleLimits } from "./auth-throttle";
import { PrincipalCache, type PrincipalCacheLimits, type Resolved } from "./principal-cache";

const GATEWAY: Principal = { kind: "service", service: "gateway" };
const AUTHENTICATE = `query Authenticate($secret: String!) {
  authenticate(secret: $secret) { kind partnerId credentialId operatorId operatorName roles readOnly expiresAt }
}`;

interface AuthenticatedPrincipal {
  kind: "partner" | "operator";
  partnerId?: string;
  credentialId?: string;
  operatorId?: string;
  operatorName?: string;
  roles: OperatorRole[];
  readOnly: boolean;
  expiresAt: string | null;
}

/** Too many failed authentications from this client or for this key prefix; the partners subgraph was not asked. */
export class AuthenticationThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed authentications; retry in ${retryAfterSeconds} s`);
  }
}

/** The 429 body for a throttled attempt; the caller sets Retry-After from the same number. */
export function throttledAnswer(err: AuthenticationThrottled) {
  return { errors: [{ message: err.message, extensions: { code: "TOO_MANY_REQUESTS", retryAfterSeconds: err.retryAfterSeconds } }] };
}

/** Longer than any secret the hub issues (a prefix and 43 base64url characters) or accepts as INTERSETTLE_ADMIN_TOKEN. */
const MAX_SECRET_CHARS = 200;

/**
 * Resolves `Authorization: Bearer …` secrets to principals by asking the partners subgraph, which owns the hashed
 * credentials. Answers are cached briefly (see PrincipalCache) only while the cache is told of every credential
 * change as it commits (`principals.setServing`, `forgetPrincipals`), so a revoked key still fails on the next request.
 * Failed attempts are counted per client and per key prefix; past the limit they are refused without a lookup.
 */
export class BearerAuthenticator {
  private readonly partners: SubgraphClient;
  private readonly failuresByClient: FailureLedger;
  private readonly failuresByPrefix: FailureLedger;
  readonly principals: PrincipalCache;

  constructor(
    partnersUrl: () => string,
    secret: string,
    limits: AuthThrottleLimits & { cache?: PrincipalCacheLimits },
    private readonly clock: () => number = Date.now,
  ) {
    this.partners = new SubgraphClient("partners", partnersUrl, secret, GATEWAY);
    this.failuresByClient = new FailureLedger(limits);
    this.failuresByPrefix = new FailureLedger(limits);
    this.principals = new PrincipalCache(limits.cache ?? { ttlMs: 0, maxEntries: 0 }, clock);
  }

  /** Forgets every cached principal: a credential or partner may just have changed. */
  forgetPrincipals(): void {
    this.principals.invalidate();
  }

  /** The principal, or undefined for a missing or unknown secret; throws AuthenticationThrottled when over the limit. */
  async authenticate(authorization: string | undefined, client: string | undefined): Promise<Principal | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token) return undefined;
    const clientKey = client ?? "unknown";
    const prefix = secretHint(token);
    const now = this.clock();
    const wait = Math.max(this.failuresByClient.retryAfterMs(clientKey, now), this.failuresByPrefix.retryAfterMs(prefix, now));
    if (wait > 0) throw new AuthenticationThrottled(Math.ceil(wait / 1000));
    // Issued secrets are short; anything longer is no secret of ours and counts as a failure without a lookup.
    const known = token.length <= MAX_SECRET_CHARS && (token.startsWith(PARTNER_KEY_PREFIX) || token.startsWith(OPERATOR_TOKEN_PREFIX));
    const principal = known ? await this.principals.resolve(token, (t) => this.lookUp(t)) : undefined;
    if (!principal) {
      const failedAt = this.clock();
      this.failuresByClient.recordFailure(clientKey, failedAt);
      this.failuresByPrefix.recordFailure(prefix, failedAt);
    }
    return principal;
  }

  private async lookUp(token: string): Promise<Resolved | undefined> {
    const { authenticate: found } = await this.partners.query<{ authenticate: AuthenticatedPrincipal | null }>(AUTHENTICATE, { secret: token });
    if (!found) return undefined;
    const expiresAt = found.expiresAt ? Date.parse(found.expiresAt) : null;
    if (found.kind === "partner") return { principal: { kind: "partner", partnerId: found.partnerId!, credentialId: found.credentialId!, ...(found.readOnly ? { readOnly: true } : {}) }, expiresAt };
    return { principal: { kind: "operator", id: found.operatorId!, name: found.operatorName!, roles: found.roles }, expiresAt };
  }
}
