import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A partner's calls are found from its own leg's index: a partner key asking for its calls, with or without a
 * period, reads its rows in time order instead of walking every partner's calls on the time-ordered key. The price
 * is two btree inserts per call at ingestion (see BENCHMARKS.md).
 */
export class PartnerLegIndexes1764400000000 implements MigrationInterface {
  name = "PartnerLegIndexes1764400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX rated_cdr_customer_time ON rating.rated_cdr (customer_id, start_time);
      CREATE INDEX rated_cdr_vendor_time ON rating.rated_cdr (vendor_id, start_time);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rating.rated_cdr_customer_time, rating.rated_cdr_vendor_time;`);
  }
}
