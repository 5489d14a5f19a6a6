import type { MigrationInterface, QueryRunner } from "typeorm";
import { monthKey, monthPartition } from "@intersettle/shared";

/**
 * Monthly partitions of rated_cdr created with a short year (year 1 written '1-02-01', which PostgreSQL reads as
 * 2001) spanned decades and made every later month in their range fail to be created. Each partition not spanning
 * exactly one month is detached, its calls moved into true monthly partitions, and dropped.
 */
export class PartitionBounds1764530000000 implements MigrationInterface {
  name = "PartitionBounds1764530000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL TimeZone = 'UTC'`);
    const partitions = (await q.query(`
      SELECT c.relname AS name, b.m[2]::timestamptz <> b.m[1]::timestamptz + interval '1 month' AS wrong
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid,
             LATERAL (SELECT regexp_match(pg_get_expr(c.relpartbound, c.oid), $$FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$$) AS m) b
       WHERE i.inhparent = 'rating.rated_cdr'::regclass`)) as Array<{ name: string; wrong: boolean }>;
    for (const { name } of partitions.filter((p) => p.wrong)) {
      await q.query(`ALTER TABLE rating.rated_cdr DETACH PARTITION rating.${name}; ALTER TABLE rating.${name} RENAME TO ${name}_misbounded`);
      const months = (await q.query(`SELECT DISTINCT date_trunc('month', start_time) AS m FROM rating.${name}_misbounded`)) as Array<{ m: Date }>;
      for (const { m } of months) {
        const p = monthPartition("rated_cdr", monthKey(m.getTime()));
        await q.query(`CREATE TABLE IF NOT EXISTS rating.${p.name} PARTITION OF rating.rated_cdr FOR VALUES FROM ('${p.from}') TO ('${p.to}')`);
      }
      await q.query(`INSERT INTO rating.rated_cdr SELECT * FROM rating.${name}_misbounded; DROP TABLE rating.${name}_misbounded`);
    }
  }

  async down(): Promise<void> {
    // The bounds repaired are the right ones: nothing to undo.
  }
}
