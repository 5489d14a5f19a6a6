import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Chunks are COPYed straight into rated_cdr and summed back by (job, line range) in the same transaction, so
 * the job index carries the line. Each chunk also adds to its job's traffic per partner, which the job
 * publishes when it completes without reading its calls again.
 */
export class DirectChunkWrites1764200000000 implements MigrationInterface {
  name = "DirectChunkWrites1764200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX rating.rated_cdr_job;
      CREATE INDEX rated_cdr_job ON rating.rated_cdr (job_id, line);
      CREATE TABLE rating.job_traffic (
        job_id uuid NOT NULL REFERENCES rating.ingestion_job(id),
        role text NOT NULL,
        partner_id uuid NOT NULL,
        currency char(3) NOT NULL,
        calls bigint NOT NULL,
        seconds bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (job_id, role, partner_id, currency)
      );
      INSERT INTO rating.job_traffic (job_id, role, partner_id, currency, calls, seconds, amount)
      SELECT job_id, role, partner_id, currency, count(*), sum(duration), sum(amount) FROM (
        SELECT job_id, 'CUSTOMER' AS role, customer_id AS partner_id, revenue_currency AS currency, duration, revenue AS amount FROM rating.rated_cdr WHERE customer_id IS NOT NULL AND status = 'RATED'
        UNION ALL SELECT job_id, 'VENDOR', vendor_id, cost_currency, duration, cost FROM rating.rated_cdr WHERE vendor_id IS NOT NULL AND status = 'RATED') legs
      GROUP BY 1, 2, 3, 4;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rating.job_traffic; DROP INDEX rating.rated_cdr_job; CREATE INDEX rated_cdr_job ON rating.rated_cdr (job_id)`);
  }
}
