import { Readable } from "node:stream";
import { BadUserInputError, ForbiddenError, RATED_CALLS_CONTENT_TYPE, type FileDownloadHandler } from "@intersettle/shared";
import type { RatingServices } from "../../services";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PARAMS = ["partnerId", "direction", "from", "to"];

/**
 * GET /files/rated-calls?partnerId=&direction=SELL|BUY&from=&to=: one partner's leg of its rated calls in [from, to),
 * as COPY text (see RATED_CALLS_COLUMNS), for reconciliation. Operators and hub services only: a partner's own file is compared, never handed out.
 */
export function ratedCallsDownload(services: RatingServices): FileDownloadHandler {
  return async (principal, { query }) => {
    if (principal.kind === "partner") throw new ForbiddenError("The rated-calls export is for operators and hub services");
    const problems = Object.keys(query).filter((k) => !PARAMS.includes(k)).map((field) => ({ field, message: `is not a parameter of the rated-calls export (${PARAMS.join(", ")} are)` }));
    const { partnerId, direction } = query;
    if (!partnerId || !UUID.test(partnerId)) problems.push({ field: "partnerId", message: "must be a partner id (a UUID)" });
    if (direction !== "SELL" && direction !== "BUY") problems.push({ field: "direction", message: "must be SELL or BUY" });
    const from = instant(query.from);
    const to = instant(query.to);
    if (!from) problems.push({ field: "from", message: "must be an ISO 8601 instant" });
    if (!to) problems.push({ field: "to", message: "must be an ISO 8601 instant" });
    if (from && to && from >= to) problems.push({ field: "to", message: "must be after from" });
    if (problems.length) throw new BadUserInputError(problems);
    const body = services.ratedCallsExport.lines({ partnerId: partnerId.toLowerCase(), direction: direction as "SELL" | "BUY", from: from!, to: to! });
    return { filename: `rated-calls-${partnerId}-${direction}.tsv`, contentType: RATED_CALLS_CONTENT_TYPE, body: Readable.from(body, { objectMode: false }) };
  };
}

function instant(text: string | undefined): Date | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
