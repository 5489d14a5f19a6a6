import type { Readable } from "node:stream";
import { BadUserInputError, ForbiddenError, Role, rolesOf, type FileUploadHandler, type Principal } from "@intersettle/shared";
import type { RatingServices } from "../../services";

/** POST /files/cdrs?source=CODE&fileName=…[&sha256=…], body: the CDR file in the source's format. */
export function cdrUpload(services: RatingServices): FileUploadHandler {
  return async (principal: Principal, body: Readable, params: Record<string, string>) => {
    if (!rolesOf(principal).has(Role.OPERATOR)) throw new ForbiddenError("Ingesting CDRs needs the OPERATOR role");
    if (!params.source) throw new BadUserInputError([{ field: "source", message: "is required" }]);
    if (params.sha256 && !/^[0-9a-f]{64}$/.test(params.sha256)) throw new BadUserInputError([{ field: "sha256", message: "must be 64 hex digits" }]);
    const job = await services.ingestion.ingest(principal, { source: params.source, fileName: params.fileName || "upload.csv", body, fileSha256: params.sha256 });
    return { id: job.id, status: job.status, error: job.error, read: job.read, rated: job.rated, duplicate: job.duplicate, rejected: job.rejected, unrated: job.unrated, timings: job.timings };
  };
}
