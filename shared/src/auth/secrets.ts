import { createHash, randomBytes } from "node:crypto";

/** Prefixes tell a partner API key from an operator token at a glance and in logs. */
export const PARTNER_KEY_PREFIX = "isk_";
export const OPERATOR_TOKEN_PREFIX = "iso_";

/** A new random secret with its prefix: 32 random bytes, so a fast hash is a safe way to store it. */
export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** What is stored instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The first characters, kept in clear so people can tell their keys apart. */
export function secretHint(secret: string): string {
  return secret.slice(0, 10);
}
