import type { MigrationInterface, QueryRunner } from "typeorm";
import { monthKey, monthPartition } from "../services/mediation/month-partitions";

/**
 * A rejected record is quarantined once per source, file (SHA-256) and line: loading a file again counts its rejects
 * without storing them twice. And monthly partitions of rated_cdr created with a short year (year 1 written '1-02-01',
 * read by PostgreSQL as 2001) are re-created with their true bounds, their calls moved into them.
 */
export class FailedJobsAndPartitionBounds1764520000000 implements MigrationInterface {
  name = "FailedJobsAndPartitionBounds1764520000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rating.cdr_quarantine ADD COLUMN file_sha256 text;
      UPDATE rating.cdr_quarantine q SET file_sha256 = f.sha FROM (
        SELECT q.id, j.file_sha256 AS sha, row_number() OVER (PARTITION BY q.source_id, j.file_sha256, q.line ORDER BY q.id) AS n
          FROM rating.cdr_quarantine q JOIN rating.ingestion_job j ON j.id = q.job_id WHERE j.file_sha256 IS NOT NULL) f
       WHERE f.id = q.id AND f.n = 1;
      CREATE UNIQUE INDEX cdr_quarantine_file_line ON rating.cdr_quarantine (source_id, file_sha256, line) WHERE file_sha256 IS NOT NULL;`);
    await q.query(`SET LOCAL TimeZone = 'UTC'`);
    const partitions = (await q.query(`
      SELECT c.relname AS name, b.m[1] AS lower, b.m[2] AS upper, b.m[2]::timestamptz <> b.m[1]::timestamptz + interval '1 month' AS wrong
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid,
             LATERAL (SELECT regexp_match(pg_get_expr(c.relpartbound, c.oid), $$FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$$) AS m) b
       WHERE i.inhparent = 'rating.rated_cdr'::regclass`)) as Array<{ name: string; wrong: boolean }>;
    for (const { name } of partitions.filter((p) => p.wrong)) {
      await q.query(`ALTER TABLE rating.rated_cdr DETACH PARTITION rating.${name}; ALTER TABLE rating.${name} RENAME TO ${name}_misbounded`);
      const months = (await q.query(`SELECT DISTINCT date_trunc('month', start_time) AS m FROM rating.${name}_misbounded`)) as Array<{ m: Date }>;
      for (const { m } of months) {
        const p = monthPartition(monthKey(m.getTime()));
        await q.query(`CREATE TABLE IF NOT EXISTS rating.${p.name} PARTITION OF rating.rated_cdr FOR VALUES FROM ('${p.from}') TO ('${p.to}')`);
      }
      await q.query(`INSERT INTO rating.rated_cdr SELECT * FROM rating.${name}_misbounded; DROP TABLE rating.${name}_misbounded`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rating.cdr_quarantine_file_line; ALTER TABLE rating.cdr_quarantine DROP COLUMN file_sha256`);
  }
}
