import { OPERATOR_TOKEN_PREFIX, OperatorRole, PARTNER_KEY_PREFIX, secretHint, SubgraphClient, type Principal } from "@intersettle/shared";
import { FailureLedger, type AuthThrottleLimits } from "./auth-throttle";

const GATEWAY: Principal = { kind: "service", service: "gateway" };
const AUTHENTICATE = `query Authenticate($secret: String!) {
  authenticate(secret: $secret) { kind partnerId credentialId operatorId operatorName roles readOnly }
}`;

interface AuthenticatedPrincipal {
  kind: "partner" | "operator";
  partnerId?: string;
  credentialId?: string;
  operatorId?: string;
  operatorName?: string;
  roles: OperatorRole[];
  readOnly: boolean;
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

/**
 * Resolves `Authorization: Bearer …` secrets to principals by asking the partners subgraph, which owns the hashed
 * credentials, on every request: nothing is cached, so a revoked or expired key fails on the very next request.
 * Failed attempts are counted per client and per key prefix; past the limit they are refused without a lookup.
 */
/** Longer than any secret the hub issues (a prefix and 43 base64url characters) or accepts as INTERSETTLE_ADMIN_TOKEN. */
const MAX_SECRET_CHARS = 200;

export class BearerAuthenticator {
  private readonly partners: SubgraphClient;
  private readonly failuresByClient: FailureLedger;
  private readonly failuresByPrefix: FailureLedger;

  constructor(
    partnersUrl: () => string,
    secret: string,
    limits: AuthThrottleLimits,
    private readonly clock: () => number = Date.now,
  ) {
    this.partners = new SubgraphClient("partners", partnersUrl, secret, GATEWAY);
    this.failuresByClient = new FailureLedger(limits);
    this.failuresByPrefix = new FailureLedger(limits);
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
    const principal = known ? await this.lookUp(token) : undefined;
    if (!principal) {
      const failedAt = this.clock();
      this.failuresByClient.recordFailure(clientKey, failedAt);
      this.failuresByPrefix.recordFailure(prefix, failedAt);
    }
    return principal;
  }

  private async lookUp(token: string): Promise<Principal | undefined> {
    const { authenticate: found } = await this.partners.query<{ authenticate: AuthenticatedPrincipal | null }>(AUTHENTICATE, { secret: token });
    if (!found) return undefined;
    if (found.kind === "partner") return { kind: "partner", partnerId: found.partnerId!, credentialId: found.credentialId!, ...(found.readOnly ? { readOnly: true } : {}) };
    return { kind: "operator", id: found.operatorId!, name: found.operatorName!, roles: found.roles };
  }
}
