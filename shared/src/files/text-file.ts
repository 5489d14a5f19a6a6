/**
 * Whether a file's first bytes can be CSV text. A compressed, archived or binary file read as records would yield
 * nothing but rejects (or, worse, a few records that happen to parse), so it fails as a whole with the reason.
 * A stray NUL or invalid byte in one field is not enough: that record alone is rejected later.
 */
export function notTextReason(head: Uint8Array): string | undefined {
  for (const { bytes, reason } of SIGNATURES) if (startsWith(head, bytes)) return reason;
  if (head.length < MIN_SAMPLE) return undefined;
  let controls = 0;
  for (const byte of head) if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) controls++;
  if (controls * CONTROL_SHARE > head.length) return BINARY;
  if (invalidUtf8Bytes(head) * INVALID_SHARE > head.length) return BINARY;
  return undefined;
}

/** How many bytes the check wants to see: the start of the file, or all of it when it is shorter. */
export const TEXT_SAMPLE_BYTES = 64 * 1024;

const BINARY = "the file is binary, not CSV text";
/** Shorter samples say too little about the proportions of bytes: their records are checked one by one. */
const MIN_SAMPLE = 16;
/** Binary when more than 1 byte in 20 is a control character other than tab, line breaks and form feed. */
const CONTROL_SHARE = 20;
/** Binary when more than 1 byte in 10 is not valid UTF-8 (a Latin-1 file has far fewer). */
const INVALID_SHARE = 10;
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

const SIGNATURES: Array<{ bytes: number[]; reason: string }> = [
  { bytes: [0x1f, 0x8b], reason: "the file is gzip-compressed: decompress it before ingesting" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], reason: "the file is a zip archive: extract the CSV file from it before ingesting" },
  { bytes: [0x50, 0x4b, 0x05, 0x06], reason: "the file is an (empty) zip archive: extract the CSV file from it before ingesting" },
  { bytes: [0x42, 0x5a, 0x68], reason: "the file is bzip2-compressed: decompress it before ingesting" },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], reason: "the file is xz-compressed: decompress it before ingesting" },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], reason: "the file is zstd-compressed: decompress it before ingesting" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], reason: "the file is a 7z archive: extract the CSV file from it before ingesting" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], reason: "the file is a PDF document, not CSV text" },
  { bytes: [0xff, 0xfe], reason: "the file is UTF-16 text: save it as UTF-8 before ingesting" },
  { bytes: [0xfe, 0xff], reason: "the file is UTF-16 text: save it as UTF-8 before ingesting" },
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  if (head.length < bytes.length) return false;
  // "BZh" is only bzip2 with its block-size digit after it.
  if (bytes[0] === 0x42 && (head.length < 4 || head[3] < 0x31 || head[3] > 0x39)) return false;
  return bytes.every((b, i) => head[i] === b);
}

/** Bytes not part of a well-formed UTF-8 sequence; a sequence cut by the end of the sample counts as well-formed. */
export function invalidUtf8Bytes(bytes: Uint8Array): number {
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) {
      invalid++;
      i++;
      continue;
    }
    let ok = 1;
    while (ok < length && i + ok < bytes.length && (bytes[i + ok] & 0xc0) === 0x80) ok++;
    if (ok === length || i + ok === bytes.length) i += ok;
    else {
      invalid++;
      i++;
    }
  }
  return invalid;
}
