import { verifySignedClaims, type PrincipalAudience } from "./signed-principal";
import type { Principal } from "./principal";

/** Headers remembered per audience: the gateway signs a principal once and sends that header for up to half a minute. */
const MAX_REMEMBERED = 1000;

/**
 * verifyPrincipal for one audience, remembering the headers that verified, so that the same header sent again costs
 * a lookup instead of an HMAC and a parse. The expiry is checked on every use; a header that failed is never kept.
 */
export class VerifiedPrincipals {
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly secret: string,
    private readonly audience: PrincipalAudience,
  ) {}

  verify(header: string | undefined, now = Date.now()): Principal | undefined {
    if (!header) return undefined;
    const known = this.verified.get(header);
    if (known && known.expiresAt >= now) return known.principal;
    if (known) this.verified.delete(header);
    const claims = verifySignedClaims(header, this.secret, this.audience, now);
    if (!claims) return undefined;
    this.verified.set(header, { principal: claims.principal, expiresAt: claims.exp * 1000 });
    if (this.verified.size > MAX_REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
    return claims.principal;
  }
}
