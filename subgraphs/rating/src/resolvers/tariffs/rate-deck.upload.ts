import type { Readable } from "node:stream";
import { BadUserInputError, ForbiddenError, parseInstant, Role, rolesOf, type FileUploadHandler, type Principal } from "@intersettle/shared";
import { DeckFileFormat, ImportMode } from "../../entities";
import { toDeckLayout, type RatingServices } from "../../services";

/** POST /files/rate-decks?rateCardId=…&mode=FULL|DELTA[&layout=…][&effectiveFrom=…][&fileName=…], body: the deck file. */
export function rateDeckUpload(services: RatingServices): FileUploadHandler {
  return async (principal: Principal, body: Readable, params: Record<string, string>) => {
    if (!rolesOf(principal).has(Role.OPERATOR)) throw new ForbiddenError("Importing a rate deck needs the OPERATOR role");
    const mode = params.mode as ImportMode;
    if (!Object.values(ImportMode).includes(mode)) throw new BadUserInputError([{ field: "mode", message: "must be FULL or DELTA" }]);
    if (!params.rateCardId) throw new BadUserInputError([{ field: "rateCardId", message: "is required" }]);
    const effectiveFrom = params.effectiveFrom ? parseInstant(params.effectiveFrom) : undefined;
    if (params.effectiveFrom && !effectiveFrom) throw new BadUserInputError([{ field: "effectiveFrom", message: `'${params.effectiveFrom}' is not an ISO 8601 date-time` }]);
    const layout = params.layout ? await services.layouts.get(params.layout) : undefined;
    const fileFormat = layout?.fileFormat ?? (params.fileName?.toLowerCase().endsWith(".xlsx") ? DeckFileFormat.XLSX : DeckFileFormat.CSV);
    const version = await services.decks.import(principal, {
      rateCardId: params.rateCardId,
      mode,
      source: body,
      fileFormat,
      fileName: params.fileName,
      layout: layout && toDeckLayout(layout),
      effectiveFrom,
    });
    return {
      version: version.version,
      rowCount: version.rowCount,
      diff: { new: version.newCount, increased: version.increasedCount, decreased: version.decreasedCount, unchanged: version.unchangedCount, closed: version.closedCount },
    };
  };
}
