import type { MigrationInterface, QueryRunner } from "typeorm";

export class PartnersInitial1763800000000 implements MigrationInterface {
  name = "PartnersInitial1763800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.partner (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        legal_name text NOT NULL,
        types text[] NOT NULL,
        roles text[] NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        billing_cycle text NOT NULL,
        payment_terms_days int NOT NULL,
        tax_rate_percent numeric NOT NULL,
        rounding_decimals int NOT NULL,
        rounding_mode text NOT NULL,
        rounding_scope text NOT NULL,
        credit_mode text NOT NULL,
        credit_limit numeric NOT NULL,
        credit_warning_percent int NOT NULL,
        status text NOT NULL,
        status_reason text,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE partners.partner_contact (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partners.partner(id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL,
        email text,
        phone text,
        position int NOT NULL
      );
      CREATE INDEX partner_contact_partner ON partners.partner_contact (partner_id, position);
      CREATE TABLE partners.agreement (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partners.partner(id),
        reference text NOT NULL,
        type text NOT NULL,
        services text[] NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        status text NOT NULL,
        tolerance_percent numeric NOT NULL,
        tolerance_amount numeric NOT NULL,
        terms text,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, reference),
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      );
      CREATE TABLE partners.api_credential (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partners.partner(id),
        name text NOT NULL,
        hint text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX api_credential_partner ON partners.api_credential (partner_id);
      CREATE TABLE partners.operator_token (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        roles text[] NOT NULL,
        hint text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE TABLE partners.audit_entry (
        id bigserial PRIMARY KEY,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        partner_id uuid,
        action text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        changed_fields text[] NOT NULL,
        before jsonb,
        after jsonb
      );
      CREATE INDEX audit_entry_entity ON partners.audit_entry (entity_type, entity_id, id);
      CREATE INDEX audit_entry_partner ON partners.audit_entry (partner_id, id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partners.audit_entry, partners.operator_token, partners.api_credential, partners.agreement, partners.partner_contact, partners.partner`);
  }
}
