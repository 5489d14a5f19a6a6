import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { IngestionFileError } from "@intersettle/shared";

/** The body as it is read, failing at its end when its SHA-256 is not the one the sender gave. */
export function checkedSha256(body: Readable, expected: string, fileName: string): Readable {
  const hash = createHash("sha256");
  return body.pipe(
    new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        const actual = hash.digest("hex");
        done(actual === expected ? null : new IngestionFileError(`${fileName}: the file's SHA-256 is ${actual}, not ${expected} as sent; send it again`));
      },
    }),
  );
}

/** An upload sent without its SHA-256: kept in a temporary file while hashed, so the claim is known before it is read. */
export async function spool(body: Readable): Promise<{ sha256: string; body: Readable; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-claim-"));
  const file = path.join(dir, "upload");
  const hash = createHash("sha256");
  try {
    await pipeline(body, new Transform({ transform: (chunk, _e, done) => (hash.update(chunk), done(null, chunk)) }), fs.createWriteStream(file));
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { sha256: hash.digest("hex"), body: fs.createReadStream(file), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
