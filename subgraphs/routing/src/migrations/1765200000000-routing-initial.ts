import type { MigrationInterface, QueryRunner } from "typeorm";

export class RoutingInitial1765200000000 implements MigrationInterface {
  name = "RoutingInitial1765200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routing.partner (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE routing.agreement (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        type text NOT NULL,
        services text[] NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        status text NOT NULL
      );
      CREATE INDEX agreement_partner ON routing.agreement (partner_id);
      CREATE TABLE routing.routing_plan (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        strategy text NOT NULL,
        max_routes int NOT NULL CHECK (max_routes BETWEEN 1 AND 50),
        min_margin_kind text NOT NULL,
        min_margin_value numeric NOT NULL CHECK (min_margin_value >= 0),
        quality_floor jsonb,
        vendors jsonb NOT NULL,
        overrides jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL,
        CHECK (effective_to IS NULL OR effective_to > effective_from)
      );
      CREATE INDEX routing_plan_customer ON routing.routing_plan (customer_id, effective_from);
      -- What each vendor carried to each destination per bucket of call time: quality over any window is a sum of buckets.
      CREATE TABLE routing.quality_bucket (
        vendor_id uuid NOT NULL,
        destination text NOT NULL,
        bucket_start timestamptz NOT NULL,
        calls int NOT NULL,
        answered int NOT NULL,
        seconds bigint NOT NULL,
        PRIMARY KEY (vendor_id, destination, bucket_start)
      );
      CREATE INDEX quality_bucket_start ON routing.quality_bucket (bucket_start);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE routing.quality_bucket; DROP TABLE routing.routing_plan; DROP TABLE routing.agreement; DROP TABLE routing.partner;`);
  }
}
