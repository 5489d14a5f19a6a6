import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Explicit price plans: which card prices a partner's usage per direction and service, effective-dated, with overrides
 * per trunk mapping or agreement. Each partner, direction and service gets a default plan on its oldest card from
 * 1970-01-01, which is the card rating has always used, so no call prices differently after the upgrade. Rating also
 * keeps the partners' agreements (from the partners topic), which plans may name.
 */
export class PricePlans1764700000000 implements MigrationInterface {
  name = "PricePlans1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rating.price_plan (
        id               uuid PRIMARY KEY,
        partner_id       uuid NOT NULL,
        direction        text NOT NULL CHECK (direction IN ('SELL', 'BUY')),
        service          text NOT NULL,
        rate_card_id     uuid NOT NULL REFERENCES rating.rate_card(id),
        trunk_mapping_id uuid REFERENCES rating.trunk_mapping(id),
        agreement_id     uuid,
        effective_from   timestamptz NOT NULL,
        -- Equal to effective_from: withdrawn before it began (never in force).
        effective_to     timestamptz CHECK (effective_to >= effective_from),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX price_plan_scope ON rating.price_plan (partner_id, direction, service, effective_from);
      CREATE INDEX price_plan_card ON rating.price_plan (rate_card_id);
      INSERT INTO rating.price_plan (id, partner_id, direction, service, rate_card_id, effective_from)
        SELECT DISTINCT ON (partner_id, direction, service) gen_random_uuid(), partner_id, direction, service, id, '1970-01-01T00:00:00Z'
          FROM rating.rate_card ORDER BY partner_id, direction, service, created_at, id;
      CREATE TABLE rating.partner_agreement (
        id         uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        type       text NOT NULL,
        services   text[] NOT NULL,
        valid_from date NOT NULL,
        valid_to   date,
        status     text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX partner_agreement_partner ON rating.partner_agreement (partner_id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rating.partner_agreement, rating.price_plan`);
  }
}
