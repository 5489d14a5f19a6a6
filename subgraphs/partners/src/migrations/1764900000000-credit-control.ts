import type { MigrationInterface, QueryRunner } from "typeorm";

/** Real-time credit control: each partner's running exposure, the ledger of what moved it, and who holds a block. */
export class CreditControl1764900000000 implements MigrationInterface {
  name = "CreditControl1764900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.partner ADD COLUMN block_cause text;
      -- Blocks from before causes were kept were set by operators.
      UPDATE partners.partner SET block_cause = 'OPERATOR' WHERE status = 'BLOCKED';
      CREATE TABLE partners.credit_exposure (
        partner_id     uuid PRIMARY KEY REFERENCES partners.partner(id),
        currency       char(3) NOT NULL,
        unbilled       numeric NOT NULL DEFAULT 0 CHECK (unbilled >= 0),
        invoiced       numeric NOT NULL DEFAULT 0,
        paid           numeric NOT NULL DEFAULT 0,
        usage          numeric NOT NULL DEFAULT 0,
        adjustments    numeric NOT NULL DEFAULT 0,
        warning_raised boolean NOT NULL DEFAULT false,
        last_position  bigint,
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE partners.credit_ledger_entry (
        id                 bigserial PRIMARY KEY,
        partner_id         uuid NOT NULL REFERENCES partners.partner(id),
        position           bigint NOT NULL UNIQUE,
        event_type         text NOT NULL,
        kind               text NOT NULL,
        reference          text,
        amount             numeric,
        amount_currency    char(3),
        currency           char(3) NOT NULL,
        unbilled_change    numeric NOT NULL,
        invoiced_change    numeric NOT NULL,
        paid_change        numeric NOT NULL,
        usage_change       numeric NOT NULL,
        adjustments_change numeric NOT NULL,
        exposure_before    numeric NOT NULL,
        exposure_after     numeric NOT NULL,
        mode               text NOT NULL,
        credit_limit       numeric NOT NULL,
        warning_percent    int NOT NULL,
        standing           text NOT NULL,
        partner_status     text NOT NULL,
        note               text,
        occurred_at        timestamptz NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX credit_ledger_entry_partner ON partners.credit_ledger_entry (partner_id, id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE partners.credit_ledger_entry;
      DROP TABLE partners.credit_exposure;
      ALTER TABLE partners.partner DROP COLUMN block_cause;`);
  }
}
