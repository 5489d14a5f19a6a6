import type { Readable } from "node:stream";
import { uploadedFile, type FileUploadHandler, type Principal } from "@intersettle/shared";
import type { RatingServices } from "../../services";

/** POST /files/cdrs?source=CODE&fileName=…[&sha256=…], body: the CDR file in the source's format. */
export function cdrUpload(services: RatingServices): FileUploadHandler {
  return async (principal: Principal, body: Readable, params: Record<string, string>) => {
    const job = await services.ingestion.ingest(principal, uploadedFile(principal, body, params, "Ingesting CDRs"));
    return { id: job.id, status: job.status, error: job.error, read: job.read, rated: job.rated, duplicate: job.duplicate, rejected: job.rejected, unrated: job.unrated, timings: job.timings };
  };
}
