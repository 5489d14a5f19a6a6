import type { Readable } from "node:stream";
import { notTextReason, TEXT_SAMPLE_BYTES } from "../files/text-file";
import { IngestionFileError } from "./ingestion-failure";

/** The file's bytes, once its start shows it is text: a compressed or binary file fails as a whole, with the reason. */
export async function* textOnly(body: Readable, fileName: string): AsyncGenerator<Buffer> {
  let head: Buffer[] | undefined = [];
  let size = 0;
  const check = () => {
    const reason = notTextReason(Buffer.concat(head!).subarray(0, TEXT_SAMPLE_BYTES));
    if (reason) throw new IngestionFileError(`${fileName}: ${reason}`);
  };
  // Not destroyed when reading stops early: an upload's rest is drained so that its answer can be sent.
  for await (const data of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    if (!head) {
      yield chunk;
      continue;
    }
    head.push(chunk);
    if ((size += chunk.length) < TEXT_SAMPLE_BYTES) continue;
    check();
    yield* head;
    head = undefined;
  }
  if (head) {
    check();
    yield* head;
  }
}
