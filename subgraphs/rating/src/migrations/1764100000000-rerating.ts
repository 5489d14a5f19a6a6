import type { MigrationInterface, QueryRunner } from "typeorm";

export class Rerating1764100000000 implements MigrationInterface {
  name = "Rerating1764100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rating.rerate_job (
        id uuid PRIMARY KEY,
        partner_id uuid,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        unrated_only boolean NOT NULL,
        status text NOT NULL,
        calls int NOT NULL DEFAULT 0,
        changed int NOT NULL DEFAULT 0,
        totals_before jsonb NOT NULL DEFAULT '[]',
        totals_after jsonb NOT NULL DEFAULT '[]',
        requested_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX rated_cdr_customer ON rating.rated_cdr (customer_id, start_time);
      CREATE INDEX rated_cdr_vendor ON rating.rated_cdr (vendor_id, start_time);
      CREATE INDEX rated_cdr_unrated ON rating.rated_cdr (start_time) WHERE status = 'UNRATED';
      -- Job completion sums a job's rows, and operators list a job's calls.
      CREATE INDEX rated_cdr_job ON rating.rated_cdr (job_id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rating.rated_cdr_job, rating.rated_cdr_unrated, rating.rated_cdr_vendor, rating.rated_cdr_customer; DROP TABLE rating.rerate_job`);
  }
}
