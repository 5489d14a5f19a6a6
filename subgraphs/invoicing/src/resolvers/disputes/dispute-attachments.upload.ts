import type { Readable } from "node:stream";
import { assertMayWrite, BadUserInputError, type FileUploadHandler, type Principal } from "@intersettle/shared";
import type { InvoicingServices } from "../../services";

/** Reads the body, refusing it once it passes `limit` bytes (the gateway limits uploads too; this is the subgraph's own). */
async function readLimited(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new BadUserInputError([{ field: "body", message: `is more than the ${limit} bytes a dispute's file may have` }]);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** POST /files/invoicing/dispute-attachments?disputeId=…&fileName=…[&contentType=…], body: the file. */
export function disputeAttachmentsUpload(services: InvoicingServices, maxBytes: number): FileUploadHandler {
  return async (principal: Principal, body: Readable, params: Record<string, string>) => {
    assertMayWrite(principal);
    if (!params.disputeId) throw new BadUserInputError([{ field: "disputeId", message: "the dispute's id goes in the query" }]);
    if (!params.fileName) throw new BadUserInputError([{ field: "fileName", message: "the file's name goes in the query" }]);
    const content = await readLimited(body, maxBytes);
    const file = await services.disputes.attachFile(principal, params.disputeId, { fileName: params.fileName, contentType: params.contentType ?? "application/octet-stream", content });
    return { id: file.id, disputeId: file.disputeId, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256, url: `/files/invoicing/dispute-attachment/${file.id}` };
  };
}
