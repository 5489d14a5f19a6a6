import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * A secret kept in a file only its owner can read (mode 0600), generated on first use. Two processes creating it
 * at once agree: the first link wins and the other reads it.
 */
export function readOrCreateSecret(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place, so nobody ever reads a half-written file.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(draft, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  // A file copied in with looser permissions is tightened rather than trusted as it is.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret === "") throw new Error(`${file} is empty: remove it to have a new secret generated`);
  return secret;
}
