import { BadUserInputError, type FileDownloadHandler } from "@intersettle/shared";
import type { RevenueShareServices } from "../../services";

/** GET /files/revenue-share/statement-csv/<statementId> and statement-pdf/<statementId>: a partner gets only its own. */
export function statementDownloads(services: RevenueShareServices): Record<string, FileDownloadHandler> {
  const byId = (render: (principal: Parameters<FileDownloadHandler>[0], id: string) => ReturnType<FileDownloadHandler>): FileDownloadHandler => async (principal, { id }) => {
    if (!id) throw new BadUserInputError([{ field: "id", message: "the statement id goes in the path" }]);
    return render(principal, id);
  };
  return {
    "statement-csv": byId((principal, id) => services.documents.csv(principal, id)),
    "statement-pdf": byId((principal, id) => services.documents.pdf(principal, id)),
  };
}
