import { signPrincipal, type Principal, type PrincipalAudience } from "@intersettle/shared";

/** How long a signed header is good for, and how long before its end it is signed anew. */
const TTL_SECONDS = 60;
const RENEW_BEFORE_MS = 30_000;

/**
 * The signed principal header for one audience, signed once per principal and reused until half its life is gone:
 * a cached principal is the same object from request to request, so a busy client's requests share one signature.
 * Every header still expires within TTL_SECONDS of being signed, as one signed per request did.
 */
export class SignedPrincipals {
  private readonly signed = new WeakMap<Principal, { header: string; renewAt: number }>();

  constructor(
    private readonly secret: string,
    private readonly audience: PrincipalAudience,
    private readonly clock: () => number = Date.now,
  ) {}

  headerFor(principal: Principal): string {
    const now = this.clock();
    const known = this.signed.get(principal);
    if (known && known.renewAt > now) return known.header;
    const header = signPrincipal(principal, this.secret, { audience: this.audience, ttlSeconds: TTL_SECONDS, now });
    this.signed.set(principal, { header, renewAt: now + TTL_SECONDS * 1000 - RENEW_BEFORE_MS });
    return header;
  }
}
