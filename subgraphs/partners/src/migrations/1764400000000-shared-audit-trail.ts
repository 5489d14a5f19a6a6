import type { MigrationInterface, QueryRunner } from "typeorm";

/** Partners' audit entries move to the hub's one audit trail (schema `audit`), which every subgraph now writes. */
export class SharedAuditTrail1764400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO audit.entry (subgraph, entity_type, entity_id, partner_id, action, actor, at, changed_fields, before, after)
      SELECT 'partners', entity_type, entity_id::text, partner_id, action, actor, at, changed_fields, before, after
        FROM partners.audit_entry ORDER BY id;
      DROP TABLE partners.audit_entry;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.audit_entry (
        id bigserial PRIMARY KEY, entity_type text NOT NULL, entity_id uuid NOT NULL, partner_id uuid, action text NOT NULL,
        actor text NOT NULL, at timestamptz NOT NULL DEFAULT now(), changed_fields text[] NOT NULL, before jsonb, after jsonb);
      INSERT INTO partners.audit_entry (entity_type, entity_id, partner_id, action, actor, at, changed_fields, before, after)
      SELECT entity_type, entity_id::uuid, partner_id, action, actor, at, changed_fields, before, after FROM audit.entry WHERE subgraph = 'partners' ORDER BY id;`);
  }
}
