import { Readable } from "node:stream";
import { BadUserInputError, ForbiddenError, TARIFF_EXPORT_CONTENT_TYPE, type FileDownloadHandler } from "@intersettle/shared";
import type { RatingServices } from "../../services";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /files/tariff-export[?cardId=<uuid>]: every plan, FX rate, planned card and current rate as NDJSON, for routing's
 * index; with cardId, that card and its rates only. Operators and hub services only: it shows every partner's prices.
 */
export function tariffExportDownload(services: RatingServices): FileDownloadHandler {
  return async (principal, { query }) => {
    if (principal.kind === "partner") throw new ForbiddenError("The tariff export is for operators and hub services");
    const unknown = Object.keys(query).filter((k) => k !== "cardId");
    if (unknown.length) throw new BadUserInputError(unknown.map((field) => ({ field, message: "is not a parameter of the tariff export (only cardId is)" })));
    const cardId = query.cardId;
    if (cardId !== undefined && !UUID.test(cardId)) throw new BadUserInputError([{ field: "cardId", message: "must be a rate card id (a UUID)" }]);
    const filename = cardId ? `tariff-export-${cardId}.ndjson` : "tariff-export.ndjson";
    return { filename, contentType: TARIFF_EXPORT_CONTENT_TYPE, body: Readable.from(services.tariffExport.ndjson(cardId?.toLowerCase()), { objectMode: false }) };
  };
}
