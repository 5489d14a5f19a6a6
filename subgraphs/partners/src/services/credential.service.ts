import type { DataSource, EntityManager } from "typeorm";
import { IsNull, MoreThan, Or } from "typeorm";
import {
  appendEvent,
  assertNoProblems,
  ConflictError,
  describePrincipal,
  fetchPage,
  generateSecret,
  hashSecret,
  newId,
  NotFoundError,
  OPERATOR_TOKEN_PREFIX,
  OperatorRole,
  PARTNER_KEY_PREFIX,
  PartnerScope,
  secretHint,
  type Page,
  type PageArgs,
  type Principal,
} from "@intersettle/shared";
import { ApiCredential, AuditedEntity, OperatorToken, Partner, type PartnerStatus } from "../entities";
import { credentialAccess, expiryAfterRotation, expiryProblems, overlapProblems } from "../domain/credential-access";
import { recordAudit } from "./audit-trail";
import { credentialSnapshot } from "./snapshots";

/** last_used_at is refreshed at most this often, so authentication does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const SYSTEM: Principal = { kind: "service", service: "partners" };

/** Who a bearer secret stands for, and until when at most (null: until revoked). */
export interface Authentication {
  principal: Principal;
  expiresAt: Date | null;
}

export class CredentialService {
  constructor(private readonly dataSource: DataSource) {}

  /** Issues a partner API key, optionally expiring; the secret is returned this once. */
  async createApiCredential(principal: Principal, partnerId: string, name: string, expiresAt?: Date | null): Promise<{ credential: ApiCredential; secret: string }> {
    assertNoProblems([...(name.trim() ? [] : [{ field: "name", message: "must not be empty" }]), ...expiryProblems(expiresAt, new Date())]);
    const secret = generateSecret(PARTNER_KEY_PREFIX);
    const credential = await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Partner, { id: partnerId }))) throw new NotFoundError("Partner", partnerId);
      const row = await this.storeApiCredential(manager, principal, { partnerId, name: name.trim(), expiresAt: expiresAt ?? null, rotatedFromId: null }, secret);
      await publishCredentialChange(manager, "api_credential.created", row);
      return row;
    });
    return { credential, secret };
  }

  /**
   * Replaces a live key with a new one for the same partner and name (its secret returned this once); the old key
   * keeps working for `overlapHours` (0: it stops now), so an integration can switch without an outage.
   */
  async rotateApiCredential(principal: Principal, id: string, overlapHours: number, expiresAt?: Date | null): Promise<{ credential: ApiCredential; secret: string }> {
    const now = new Date();
    assertNoProblems([...overlapProblems(overlapHours), ...expiryProblems(expiresAt, now)]);
    const secret = generateSecret(PARTNER_KEY_PREFIX);
    const credential = await this.dataSource.transaction(async (manager) => {
      const old = await manager.findOne(ApiCredential, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!old) throw new NotFoundError("ApiCredential", id);
      if (credentialAccess(old, now) === "refused") throw new ConflictError(`ApiCredential ${id} is revoked or expired; issue a new key with createApiCredential`);
      const before = credentialSnapshot(old);
      old.expiresAt = expiryAfterRotation(old.expiresAt, now, overlapHours);
      await manager.save(old);
      await recordAudit(manager, principal, { entityType: AuditedEntity.API_CREDENTIAL, entityId: id, partnerId: old.partnerId, action: "api_credential.rotated", before, after: credentialSnapshot(old) });
      const row = await this.storeApiCredential(manager, principal, { partnerId: old.partnerId, name: old.name, expiresAt: expiresAt ?? null, rotatedFromId: id }, secret);
      // The old key's expiry moved (to now, with no overlap): a gateway caching it must ask again.
      await publishCredentialChange(manager, "api_credential.rotated", old);
      return row;
    });
    return { credential, secret };
  }

  private async storeApiCredential(
    manager: EntityManager,
    principal: Principal,
    fields: Pick<ApiCredential, "partnerId" | "name" | "expiresAt" | "rotatedFromId">,
    secret: string,
  ): Promise<ApiCredential> {
    const row = manager.create(ApiCredential, { ...fields, id: newId(), hint: secretHint(secret), secretHash: hashSecret(secret), createdBy: describePrincipal(principal), lastUsedAt: null, revokedAt: null });
    await manager.save(row);
    await recordAudit(manager, principal, { entityType: AuditedEntity.API_CREDENTIAL, entityId: row.id, partnerId: row.partnerId, action: "api_credential.created", before: null, after: credentialSnapshot(row) });
    return row;
  }

  revokeApiCredential(principal: Principal, id: string): Promise<ApiCredential> {
    return this.revoke(principal, ApiCredential, id, AuditedEntity.API_CREDENTIAL, (row) => row.partnerId);
  }

  listApiCredentials(principal: Principal, partnerId: string | undefined, includeRevoked: boolean, page: PageArgs): Promise<Page<ApiCredential>> {
    const q = this.dataSource.getRepository(ApiCredential).createQueryBuilder("c");
    const scope = PartnerScope.of(principal);
    const scoped = scope.partnerFilter(partnerId);
    if (scoped) q.andWhere("c.partner_id = :scoped", { scoped });
    if (!includeRevoked) q.andWhere("c.revoked_at IS NULL");
    return scope.page(q, page, [{ column: "c.id", value: (c) => c.id }]);
  }

  async createOperatorToken(principal: Principal, name: string, roles: OperatorRole[], expiresAt?: Date | null): Promise<{ token: OperatorToken; secret: string }> {
    assertNoProblems([
      ...(name.trim() ? [] : [{ field: "name", message: "must not be empty" }]),
      ...(roles.length ? [] : [{ field: "roles", message: "must include at least one role" }]),
      ...expiryProblems(expiresAt, new Date()),
    ]);
    const secret = generateSecret(OPERATOR_TOKEN_PREFIX);
    const token = await this.storeOperatorToken(principal, name.trim(), roles, secret, expiresAt ?? null);
    return { token, secret };
  }

  revokeOperatorToken(principal: Principal, id: string): Promise<OperatorToken> {
    return this.revoke(principal, OperatorToken, id, AuditedEntity.OPERATOR_TOKEN, () => null);
  }

  /** Marks a key or token revoked (once; revoking again changes nothing) and audits it, in one transaction. */
  private revoke<T extends ApiCredential | OperatorToken>(
    principal: Principal,
    entity: new () => T,
    id: string,
    entityType: AuditedEntity,
    partnerOf: (row: T) => string | null,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const row = (await manager.findOne(entity, { where: { id }, lock: { mode: "pessimistic_write" } } as never)) as T | null;
      if (!row) throw new NotFoundError(entity.name, id);
      if (row.revokedAt) return row;
      const before = credentialSnapshot(row);
      row.revokedAt = new Date();
      await manager.save(row);
      const action = `${entityType.toLowerCase()}.revoked`;
      await recordAudit(manager, principal, { entityType, entityId: id, partnerId: partnerOf(row), action, before, after: credentialSnapshot(row) });
      await publishCredentialChange(manager, action, row);
      return row;
    });
  }

  listOperatorTokens(includeRevoked: boolean, page: PageArgs): Promise<Page<OperatorToken>> {
    const q = this.dataSource.getRepository(OperatorToken).createQueryBuilder("t");
    if (!includeRevoked) q.andWhere("t.revoked_at IS NULL");
    return fetchPage(q, page, [{ column: "t.id", value: (t) => t.id }]);
  }

  /**
   * The principal a bearer secret stands for, and when the secret expires; undefined when it is unknown, revoked or
   * expired, or belongs to a SUSPENDED or TERMINATED partner. One indexed lookup, so a revocation counts at once.
   */
  async authenticate(secret: string): Promise<Authentication | undefined> {
    const secretHash = hashSecret(secret);
    const now = new Date();
    if (secret.startsWith(PARTNER_KEY_PREFIX)) {
      const { entities, raw } = await this.dataSource
        .getRepository(ApiCredential)
        .createQueryBuilder("c")
        .innerJoin(Partner, "p", "p.id = c.partner_id")
        .addSelect("p.status", "partner_status")
        .where("c.secret_hash = :secretHash AND c.revoked_at IS NULL", { secretHash })
        .getRawAndEntities<{ partner_status: PartnerStatus }>();
      const row = entities[0];
      const access = row ? credentialAccess(row, now, raw[0].partner_status) : "refused";
      if (!row || access === "refused") return undefined;
      await this.touch(ApiCredential, row.id, row.lastUsedAt);
      return { principal: { kind: "partner", partnerId: row.partnerId, credentialId: row.id, ...(access === "read-only" ? { readOnly: true } : {}) }, expiresAt: row.expiresAt };
    }
    if (secret.startsWith(OPERATOR_TOKEN_PREFIX)) {
      const row = await this.dataSource.getRepository(OperatorToken).findOneBy({ secretHash, revokedAt: IsNull() });
      if (!row || credentialAccess(row, now) === "refused") return undefined;
      await this.touch(OperatorToken, row.id, row.lastUsedAt);
      return { principal: { kind: "operator", id: row.id, name: row.name, roles: row.roles }, expiresAt: row.expiresAt };
    }
    return undefined;
  }

  /**
   * Makes sure an ADMIN token exists: registers `configured` (INTERSETTLE_ADMIN_TOKEN) when given, or generates
   * one when the hub has no live operator token at all. Returns a generated secret so it can be shown once.
   */
  async bootstrapAdminToken(configured?: string): Promise<string | undefined> {
    if (configured) {
      const exists = await this.dataSource.getRepository(OperatorToken).existsBy({ secretHash: hashSecret(configured), revokedAt: IsNull() });
      if (!exists) await this.storeOperatorToken(SYSTEM, "admin (INTERSETTLE_ADMIN_TOKEN)", [OperatorRole.ADMIN], configured);
      return undefined;
    }
    if (await this.dataSource.getRepository(OperatorToken).existsBy({ revokedAt: IsNull(), expiresAt: Or(IsNull(), MoreThan(new Date())) })) return undefined;
    const secret = generateSecret(OPERATOR_TOKEN_PREFIX);
    await this.storeOperatorToken(SYSTEM, "admin (generated at first start)", [OperatorRole.ADMIN], secret);
    return secret;
  }

  private storeOperatorToken(principal: Principal, name: string, roles: OperatorRole[], secret: string, expiresAt: Date | null = null): Promise<OperatorToken> {
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(OperatorToken, { id: newId(), name, roles, hint: secretHint(secret), secretHash: hashSecret(secret), createdBy: describePrincipal(principal), lastUsedAt: null, revokedAt: null, expiresAt });
      await manager.save(row);
      await recordAudit(manager, principal, { entityType: AuditedEntity.OPERATOR_TOKEN, entityId: row.id, partnerId: null, action: "operator_token.created", before: null, after: credentialSnapshot(row) });
      await publishCredentialChange(manager, "operator_token.created", row);
      return row;
    });
  }

  private async touch(entity: typeof ApiCredential | typeof OperatorToken, id: string, lastUsedAt: Date | null): Promise<void> {
    if (lastUsedAt && Date.now() - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.dataSource.getRepository(entity).update({ id }, { lastUsedAt: new Date() });
  }
}

/**
 * Publishes a key's or token's change on the `credentials` topic, last in its transaction: gateways drop the principals
 * they cached on it (never a secret or its hash in the payload).
 */
function publishCredentialChange(manager: EntityManager, action: string, row: ApiCredential | OperatorToken): Promise<unknown> {
  const partnerId = row instanceof ApiCredential ? row.partnerId : null;
  return appendEvent(manager, {
    topic: "credentials",
    type: action,
    key: partnerId ?? undefined,
    payload: { id: row.id, partnerId, expiresAt: row.expiresAt, revokedAt: row.revokedAt },
    producer: "partners",
  });
}
