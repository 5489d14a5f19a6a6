import { validateHeaderValue } from "node:http";
import fc from "fast-check";
import { parse } from "content-disposition";
import { attachmentDisposition } from "../src/graphql/file-downloads";

describe("attachmentDisposition", () => {
  it("names a plain file as it is", () => {
    expect(attachmentDisposition("INV-2026-0001.pdf")).toBe("attachment; filename=INV-2026-0001.pdf");
    expect(attachmentDisposition("xero sales 2026-01.csv")).toBe('attachment; filename="xero sales 2026-01.csv"');
  });

  it("keeps no folder, line break, invisible character or leading dot", () => {
    expect(parse(attachmentDisposition("../../etc/passwd")).parameters.filename).toBe("_.._etc_passwd");
    expect(parse(attachmentDisposition("C:\\Windows\\x.pdf")).parameters.filename).toBe("C:_Windows_x.pdf");
    expect(parse(attachmentDisposition("a\r\nSet-Cookie: b.pdf")).parameters.filename).toBe("aSet-Cookie: b.pdf");
    expect(parse(attachmentDisposition("invoice\u202Efdp.exe")).parameters.filename).toBe("invoicefdp.exe");
    expect(parse(attachmentDisposition(".env")).parameters.filename).toBe("env");
  });

  it("gives an ASCII fallback and the UTF-8 name, and a name to a file that has none left", () => {
    expect(attachmentDisposition("Facture d'été.pdf")).toBe(`attachment; filename="Facture d'?t?.pdf"; filename*=UTF-8''Facture%20d%27%C3%A9t%C3%A9.pdf`);
    expect(attachmentDisposition("")).toBe("attachment; filename=download");
    expect(attachmentDisposition("..\u0000/")).toBe("attachment; filename=_");
  });

  it("always makes a valid header whose name has no path separator or control character, whatever the name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (name) => {
        const header = attachmentDisposition(name);
        validateHeaderValue("content-disposition", header);
        const { type, parameters } = parse(header);
        expect(type).toBe("attachment");
        const filename = parameters.filename;
        expect(filename.length).toBeGreaterThan(0);
        expect(Array.from(filename).length).toBeLessThanOrEqual(150);
        expect(filename).not.toMatch(/[\\/\p{Cc}\p{Cf}]|^\./u);
      }),
    );
  });
});
