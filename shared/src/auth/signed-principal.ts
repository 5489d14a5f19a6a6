import { createHmac, timingSafeEqual } from "node:crypto";
import type { Principal } from "./principal";

/** Header the gateway sets on every subgraph request. */
export const PRINCIPAL_HEADER = "x-intersettle-principal";

/**
 * The one route a signed principal is good for, `<subgraph>:<route>`: a header captured from an upload
 * cannot be replayed against `/graphql` or a download, nor one signed for rating against partners.
 */
export type PrincipalAudience = `${string}:/${string}` | `${string}:GET /${string}`;

/** The audience of a subgraph's GraphQL endpoint (HTTP and graphql-ws). */
export function graphqlAudience(subgraph: string): PrincipalAudience {
  return `${subgraph}:/graphql`;
}

/** The audience of one declared upload route of a subgraph (POST /files/<kind>). */
export function uploadAudience(subgraph: string, kind: string): PrincipalAudience {
  return `${subgraph}:/files/${kind}`;
}

/**
 * The audience of one download route of a subgraph (GET /files/<kind>, with or without an id). The verb is part of it,
 * so that an upload and a download of the same kind never accept each other's header.
 */
export function downloadAudience(subgraph: string, kind: string): PrincipalAudience {
  return `${subgraph}:GET /files/${kind}`;
}

export interface SignOptions {
  audience: PrincipalAudience;
  ttlSeconds?: number;
  now?: number;
}

interface SignedClaims {
  principal: Principal;
  aud: PrincipalAudience;
  /** Expiry, seconds since the epoch: a captured header is useless soon after. */
  exp: number;
}

/** `v1.<claims>.<hmac>`, both parts base64url; HMAC-SHA256 over the claims with the shared internal secret. */
export function signPrincipal(principal: Principal, secret: string, { audience, ttlSeconds = 300, now = Date.now() }: SignOptions): string {
  const claims: SignedClaims = { principal, aud: audience, exp: Math.floor(now / 1000) + ttlSeconds };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `v1.${body}.${mac(body, secret)}`;
}

/** The principal in a valid, unexpired header signed for `audience`; undefined for anything else. */
export function verifyPrincipal(header: string | undefined, secret: string, audience: PrincipalAudience, now = Date.now()): Principal | undefined {
  return verifySignedClaims(header, secret, audience, now)?.principal;
}

/** A valid, unexpired header's principal and expiry (seconds since the epoch); undefined for anything else. */
export function verifySignedClaims(header: string | undefined, secret: string, audience: PrincipalAudience, now = Date.now()): { principal: Principal; exp: number } | undefined {
  if (!header) return undefined;
  const [version, body, signature] = header.split(".");
  if (version !== "v1" || !body || !signature) return undefined;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SignedClaims;
    if (typeof claims.exp !== "number" || claims.exp * 1000 < now) return undefined;
    if (claims.aud !== audience) return undefined;
    return { principal: claims.principal, exp: claims.exp };
  } catch {
    return undefined;
  }
}

function mac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}
