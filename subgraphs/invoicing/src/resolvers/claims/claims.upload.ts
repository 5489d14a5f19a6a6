import type { Readable } from "node:stream";
import { BadUserInputError, type CdrLayout, type FileUploadHandler, type Principal } from "@intersettle/shared";
import type { ClaimServices } from "../../services/claims";

/**
 * POST /files/invoicing/claims?partnerId=&side=RECEIVABLE|PAYABLE&period=YYYY-MM (or periodStart=&periodEnd=)
 * &layout=<id or name> (an invoice) or &format=NATIVE|ASTERISK|FREESWITCH|CUSTOM[&cdrLayout=<JSON>][&timezone=] (CDRs)
 * [&currency=][&fileName=][&sha256=]. Operators, and partners for their own account. Answers the claim with its counts.
 */
export function claimsUpload(claims: ClaimServices): FileUploadHandler {
  return async (principal: Principal, body: Readable, params: Record<string, string>) => {
    if (params.sha256 && !/^[0-9a-f]{64}$/.test(params.sha256)) throw new BadUserInputError([{ field: "sha256", message: "must be 64 hex digits" }]);
    const claim = await claims.ingestion.ingest(principal, {
      partnerId: params.partnerId, side: params.side, period: params.period, periodStart: params.periodStart, periodEnd: params.periodEnd,
      layout: params.layout || params.layoutId, format: params.format, cdrLayout: params.cdrLayout ? cdrLayoutOf(params.cdrLayout) : undefined, timezone: params.timezone, currency: params.currency,
      fileName: params.fileName || "claim", body, fileSha256: params.sha256,
    });
    const { id, partnerId, side, kind, status, failure, read, accepted, duplicate, rejected, periodStart, periodEnd, currency } = claim;
    return { id, partnerId, side, kind, status, error: failure, read, accepted, duplicate, rejected, periodStart, periodEnd, currency };
  };
}

function cdrLayoutOf(text: string): CdrLayout {
  try {
    return JSON.parse(text) as CdrLayout;
  } catch {
    throw new BadUserInputError([{ field: "cdrLayout", message: "must be a JSON object" }]);
  }
}
