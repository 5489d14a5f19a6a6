import { gzipSync, deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { invalidUtf8Bytes, notTextReason } from "../src/files/text-file";

const csv = "call_id,start,duration,a_number,b_number,ingress,egress,disposition\nc-1,2026-11-20T10:00:00Z,60,+44,+91,a,b,ANSWERED\n";

describe("notTextReason", () => {
  it("names the compression or document format from the file's magic number", () => {
    expect(notTextReason(gzipSync(csv))).toBe("the file is gzip-compressed: decompress it before ingesting");
    expect(notTextReason(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), deflateRawSync(csv)]))).toMatch(/^the file is a zip archive/);
    expect(notTextReason(Buffer.from("BZh91AY&SY\x01\x02"))).toMatch(/^the file is bzip2-compressed/);
    expect(notTextReason(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]))).toMatch(/^the file is xz-compressed/);
    expect(notTextReason(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00]))).toMatch(/^the file is zstd-compressed/);
    expect(notTextReason(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toBe("the file is a PDF document, not CSV text");
    expect(notTextReason(Buffer.from("\ufeffcall_id", "utf16le"))).toMatch(/^the file is UTF-16 text/);
  });

  it("takes CSV text, with a BOM, Latin-1 accents, a stray NUL in one field, or a 'BZh' that is a call id", () => {
    expect(notTextReason(Buffer.from(csv))).toBeUndefined();
    expect(notTextReason(Buffer.from("\ufeff" + csv))).toBeUndefined();
    expect(notTextReason(Buffer.from(csv.replace("a,b", "Zürich,b"), "latin1"))).toBeUndefined();
    expect(notTextReason(Buffer.from(csv.replace("a,b", "a\0,b")))).toBeUndefined();
    expect(notTextReason(Buffer.from("BZhx,2026-11-20T10:00:00Z,60\n"))).toBeUndefined();
    expect(notTextReason(Buffer.alloc(0))).toBeUndefined();
  });

  it("calls content binary when control bytes or invalid UTF-8 dominate", () => {
    expect(notTextReason(Buffer.alloc(4096))).toBe("the file is binary, not CSV text");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    expect(notTextReason(png)).toBe("the file is binary, not CSV text");
    expect(notTextReason(Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + ((i * 37) % 0x40))))).toBe("the file is binary, not CSV text");
  });

  it("never calls valid UTF-8 text of printable characters binary", () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(",", "\n", "\r\n", "\t", '"')), { maxLength: 200 }), (parts) => {
      const text = parts.join("").replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, "x");
      expect(notTextReason(Buffer.from("c" + text))).toBeUndefined();
    }));
  });

  it("calls random bytes of some size binary almost always", () => {
    let binary = 0;
    fc.assert(fc.property(fc.uint8Array({ minLength: 1024, maxLength: 4096 }), (bytes) => {
      if (notTextReason(bytes)) binary++;
    }), { numRuns: 200 });
    expect(binary).toBeGreaterThanOrEqual(198);
  });
});

describe("invalidUtf8Bytes", () => {
  it("counts bytes outside well-formed sequences, not a sequence cut at the sample's end", () => {
    expect(invalidUtf8Bytes(Buffer.from("Zürich €"))).toBe(0);
    expect(invalidUtf8Bytes(Buffer.from("Zürich", "latin1"))).toBe(1);
    expect(invalidUtf8Bytes(Buffer.from("ab€").subarray(0, 4))).toBe(0);
    expect(invalidUtf8Bytes(Buffer.from([0xff, 0xfe, 0x41]))).toBe(2);
  });
});
