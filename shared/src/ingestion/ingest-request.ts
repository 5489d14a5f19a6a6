import type { Readable } from "node:stream";
import { ForbiddenError, BadUserInputError } from "../errors";
import { Role, rolesOf, type Principal } from "../auth";

/** A file to ingest as a job (a CDR file, a content transaction file). */
export interface IngestRequest {
  /** Source id or code. */
  source: string;
  fileName: string;
  body: Readable;
  /** The file's SHA-256: a job for the same file still RUNNING (the process died) or FAILED is resumed, not restarted. */
  fileSha256?: string;
  /** Lines per chunk (a chunk is one database transaction). */
  chunkSize?: number;
  /** Called after each committed chunk with the lines done; throwing fails the job there (it resumes when the file is sent again). */
  afterChunk?: (linesDone: number) => void;
  /** Aborted when the hub stops: the job ends after the chunks already read are written, and stays resumable. */
  signal?: AbortSignal;
}

/**
 * An upload route's request as a file to ingest: operators only (`what` says what they would be doing), with the
 * query's `source`, `fileName` (default upload.csv) and optional `sha256`.
 */
export function uploadedFile(principal: Principal, body: Readable, params: Record<string, string>, what: string): IngestRequest {
  if (!rolesOf(principal).has(Role.OPERATOR)) throw new ForbiddenError(`${what} needs the OPERATOR role`);
  if (!params.source) throw new BadUserInputError([{ field: "source", message: "is required" }]);
  if (params.sha256 && !/^[0-9a-f]{64}$/.test(params.sha256)) throw new BadUserInputError([{ field: "sha256", message: "must be 64 hex digits" }]);
  return { source: params.source, fileName: params.fileName || "upload.csv", body, fileSha256: params.sha256 };
}
