import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rated calls are keyed in time order, and the per-partner and per-job indexes are gone: each was a btree
 * insert per call, together half of a chunk's COPY time. Files arrive roughly in time order, so the key
 * grows at its right edge; partner, job and period queries walk it by start time. Invoicing reads usage
 * per partner from usage_hourly (by destination and rate) instead of scanning calls, and a job keeps the
 * span of its calls' start times, which bounds its calls on the key.
 */
export class TimeOrderedCdrs1764300000000 implements MigrationInterface {
  name = "TimeOrderedCdrs1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX rating.rated_cdr_customer, rating.rated_cdr_vendor, rating.rated_cdr_job;
      ALTER TABLE rating.rated_cdr DROP CONSTRAINT rated_cdr_pkey;
      ALTER TABLE rating.rated_cdr ADD PRIMARY KEY (start_time, source_id, call_id);
      ALTER TABLE rating.ingestion_job ADD COLUMN first_call_at timestamptz, ADD COLUMN last_call_at timestamptz;
      UPDATE rating.ingestion_job j SET first_call_at = s.first, last_call_at = s.last
        FROM (SELECT job_id, min(start_time) AS first, max(start_time) AS last FROM rating.rated_cdr GROUP BY job_id) s WHERE s.job_id = j.id;
      CREATE TABLE rating.usage_hourly (
        partner_id uuid NOT NULL,
        role text NOT NULL,
        hour timestamptz NOT NULL,
        destination text NOT NULL,
        prefix text NOT NULL,
        rate_version int NOT NULL,
        rate numeric NOT NULL,
        currency char(3) NOT NULL,
        calls bigint NOT NULL,
        seconds bigint NOT NULL,
        amount numeric NOT NULL,
        exact_amount numeric NOT NULL,
        PRIMARY KEY (partner_id, role, hour, destination, prefix, rate_version, rate, currency)
      );
      INSERT INTO rating.usage_hourly (partner_id, role, hour, destination, prefix, rate_version, rate, currency, calls, seconds, amount, exact_amount)
      SELECT partner_id, role, date_trunc('hour', start_time, 'UTC'), coalesce(destination, 'UNKNOWN'), prefix, version, rate, currency, count(*), sum(duration), sum(amount), sum(exact) FROM (
        SELECT customer_id AS partner_id, 'CUSTOMER' AS role, start_time, destination, customer_prefix AS prefix, customer_version AS version, customer_rate AS rate,
               revenue_currency AS currency, duration, revenue AS amount, revenue_exact AS exact FROM rating.rated_cdr WHERE status = 'RATED' AND billable AND customer_id IS NOT NULL
        UNION ALL SELECT vendor_id, 'VENDOR', start_time, destination, vendor_prefix, vendor_version, vendor_rate, cost_currency, duration, cost, cost_exact
          FROM rating.rated_cdr WHERE status = 'RATED' AND billable AND vendor_id IS NOT NULL) legs
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE rating.usage_hourly;
      ALTER TABLE rating.ingestion_job DROP COLUMN first_call_at, DROP COLUMN last_call_at;
      ALTER TABLE rating.rated_cdr DROP CONSTRAINT rated_cdr_pkey;
      ALTER TABLE rating.rated_cdr ADD PRIMARY KEY (source_id, call_id, start_time);
      CREATE INDEX rated_cdr_customer ON rating.rated_cdr (customer_id, start_time);
      CREATE INDEX rated_cdr_vendor ON rating.rated_cdr (vendor_id, start_time);
      CREATE INDEX rated_cdr_job ON rating.rated_cdr (job_id, line);`);
  }
}
