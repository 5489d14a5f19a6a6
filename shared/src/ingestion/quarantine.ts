import type { EntityManager } from "typeorm";
import { storableRaw } from "../files/record-values";

/** A record that could not be used: its line, the field at fault ("record" when none), why, and its text. */
export interface RejectedRecord {
  line: number;
  field: string;
  reason: string;
  raw: string;
}

/** The file a chunk of rejects came from; with its SHA-256 known, a line quarantined before is not stored twice. */
export interface QuarantinedFile {
  jobId: string;
  sourceId: string;
  fileName: string;
  fileSha256: string | null;
}

/**
 * Keeps rejects in a quarantine table (job_id, source_id, file_name, file_sha256, line, field, reason, raw, unique on
 * (source_id, file_sha256, line) where the SHA-256 is known), in the caller's transaction.
 */
export async function quarantineRecords(manager: EntityManager, table: string, file: QuarantinedFile, rejected: RejectedRecord[]): Promise<void> {
  if (rejected.length === 0) return;
  const r = rejected;
  await manager.query(
    `INSERT INTO ${table} (job_id, source_id, file_name, file_sha256, line, field, reason, raw)
     SELECT $1, $2, $3, $4, * FROM unnest($5::int[], $6::text[], $7::text[], $8::text[])
     ON CONFLICT (source_id, file_sha256, line) WHERE file_sha256 IS NOT NULL DO NOTHING`,
    [file.jobId, file.sourceId, file.fileName, file.fileSha256, r.map((x) => x.line), r.map((x) => storableRaw(x.field)), r.map((x) => storableRaw(x.reason)), r.map((x) => storableRaw(x.raw))],
  );
}
