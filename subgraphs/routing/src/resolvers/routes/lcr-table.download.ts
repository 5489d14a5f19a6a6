import { BadUserInputError, RatedService, type FieldProblem, type FileDownloadHandler } from "@intersettle/shared";
import type { RoutingServices } from "../../services";

/**
 * GET /files/routing/lcr-table/<customerId>?at=<ISO>&service=VOICE&routes=<1-50>: the customer's LCR table as CSV,
 * streamed. Operators any customer; a partner its own, sell columns only.
 */
export function lcrTableDownload(services: RoutingServices): FileDownloadHandler {
  return async (principal, { id, query }) => {
    const problems: FieldProblem[] = [];
    if (!id) problems.push({ field: "customerId", message: "the customer's id goes in the path" });
    const at = query.at ? new Date(query.at) : new Date();
    if (Number.isNaN(at.getTime())) problems.push({ field: "at", message: "must be an ISO 8601 instant" });
    const service = (query.service ?? RatedService.VOICE) as RatedService;
    if (!Object.values(RatedService).includes(service)) problems.push({ field: "service", message: `must be one of ${Object.values(RatedService).join(", ")}` });
    const routes = query.routes === undefined ? undefined : Number(query.routes);
    if (routes !== undefined && !(Number.isInteger(routes) && routes >= 1 && routes <= 50)) problems.push({ field: "routes", message: "must be a whole number from 1 to 50" });
    if (problems.length > 0) throw new BadUserInputError(problems);
    const file = await services.lcr.csv(principal, { customerId: id!, at, service, routes });
    return { filename: file.filename, contentType: "text/csv; charset=utf-8", body: file.body };
  };
}
