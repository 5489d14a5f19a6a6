import type { Readable } from "node:stream";
import { uploadedFile, type FileUploadHandler, type Principal } from "@intersettle/shared";
import type { TransactionServices } from "../../services/transactions";

/** POST /files/transactions?source=CODE[&fileName=…][&sha256=…], body: a content transaction CSV file (see the layout in the README). */
export function transactionsUpload(transactions: TransactionServices): FileUploadHandler {
  return async (principal: Principal, body: Readable, params: Record<string, string>) => {
    const job = await transactions.ingestion.ingest(principal, uploadedFile(principal, body, params, "Ingesting content transactions"));
    const { id, status, error, read, accepted, duplicate, rejected, timings } = job;
    return { id, status, error, read, accepted, duplicate, rejected, timings };
  };
}
