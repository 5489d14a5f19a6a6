import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A rejected record is quarantined once per source, file (SHA-256) and line: loading a file again counts its rejects
 * without storing them twice. Rows quarantined twice before are kept, only the first holding the file's SHA-256.
 */
export class QuarantineOncePerFile1764520000000 implements MigrationInterface {
  name = "QuarantineOncePerFile1764520000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rating.cdr_quarantine ADD COLUMN file_sha256 text;
      UPDATE rating.cdr_quarantine q SET file_sha256 = f.sha FROM (
        SELECT q.id, j.file_sha256 AS sha, row_number() OVER (PARTITION BY q.source_id, j.file_sha256, q.line ORDER BY q.id) AS n
          FROM rating.cdr_quarantine q JOIN rating.ingestion_job j ON j.id = q.job_id WHERE j.file_sha256 IS NOT NULL) f
       WHERE f.id = q.id AND f.n = 1;
      CREATE UNIQUE INDEX cdr_quarantine_file_line ON rating.cdr_quarantine (source_id, file_sha256, line) WHERE file_sha256 IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rating.cdr_quarantine_file_line; ALTER TABLE rating.cdr_quarantine DROP COLUMN file_sha256`);
  }
}
