import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { renderInvoicePdf } from "../src/services/documents/invoice-pdf";
import { InvoiceMailer, MailDeliveryError, readMailSettings, type InvoiceMail } from "../src/services/delivery/invoice-mailer";
import { invoiceDocument } from "./invoice-document-fixture";

interface Received {
  mail: ParsedMail;
  rcptTo: string[];
}

/** A real SMTP server on a free local port, keeping what it receives; no TLS, so the test needs no certificate. */
async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<{ port: number; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address.startsWith("nobody@") ? Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ mail, rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
        callback();
      }, callback);
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const from = "Intersettle Billing <billing@intersettle.example>";

async function invoiceMail(to: string[]): Promise<InvoiceMail> {
  const pdf = await renderInvoicePdf(invoiceDocument(3));
  return {
    to,
    subject: "Invoice INV-2026-000123 for March 2026",
    text: "Please find our invoice INV-2026-000123 attached.",
    attachments: [{ filename: "INV-2026-000123.pdf", content: pdf, contentType: "application/pdf" }],
  };
}

describe("InvoiceMailer", () => {
  it("delivers the invoice with its PDF to every recipient", async () => {
    const smtp = await startSmtp();
    const mailer = new InvoiceMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from });
    try {
      const mail = await invoiceMail(["ap@partner.example", "finance@partner.example"]);
      const receipt = await mailer.send(mail);
      expect(receipt.accepted).toEqual(["ap@partner.example", "finance@partner.example"]);
      expect(receipt.rejected).toEqual([]);
      expect(receipt.messageId).toMatch(/^<.+@.+>$/);

      expect(smtp.received).toHaveLength(1);
      const [{ mail: got, rcptTo }] = smtp.received;
      expect(rcptTo).toEqual(["ap@partner.example", "finance@partner.example"]);
      expect(got.subject).toBe("Invoice INV-2026-000123 for March 2026");
      expect(got.from?.value[0].address).toBe("billing@intersettle.example");
      expect(got.messageId).toBe(receipt.messageId);
      expect(got.text?.trim()).toBe("Please find our invoice INV-2026-000123 attached.");
      expect(got.attachments).toHaveLength(1);
      const [pdf] = got.attachments;
      expect([pdf.filename, pdf.contentType]).toEqual(["INV-2026-000123.pdf", "application/pdf"]);
      expect(pdf.content.equals(mail.attachments[0].content)).toBe(true);
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });

  it("reports a recipient the server rejects while delivering to the others", async () => {
    const smtp = await startSmtp();
    const mailer = new InvoiceMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from });
    try {
      const receipt = await mailer.send(await invoiceMail(["ap@partner.example", "nobody@partner.example"]));
      expect(receipt).toMatchObject({ accepted: ["ap@partner.example"], rejected: ["nobody@partner.example"] });
      expect(smtp.received[0].rcptTo).toEqual(["ap@partner.example"]);
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });

  it("fails for good, saying so, when the server rejects every recipient", async () => {
    const smtp = await startSmtp();
    const mailer = new InvoiceMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from });
    try {
      const error = await mailer.send(await invoiceMail(["nobody@partner.example"])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).message).toMatch(new RegExp(`^Sending mail through 127\\.0\\.0\\.1:${smtp.port} failed: the server rejected the recipients: 550 5\\.1\\.1 No such mailbox`));
      expect(error).toMatchObject({ code: "EENVELOPE", permanent: true, responseCode: 550 });
      expect(smtp.received).toHaveLength(0);
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });

  it("fails, to be retried, when the server is down", async () => {
    const smtp = await startSmtp();
    await smtp.stop();
    const mailer = new InvoiceMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from });
    const error = await mailer.send(await invoiceMail(["ap@partner.example"])).catch((e: unknown) => e);
    mailer.close();
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as Error).message).toBe(`Sending mail through 127.0.0.1:${smtp.port} failed: the server could not be reached (ECONNREFUSED)`);
    expect(error).toMatchObject({ permanent: false });
  });

  it("says the login was refused without quoting the password", async () => {
    const smtp = await startSmtp({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(new Error("Invalid username or password")),
    });
    const mailer = new InvoiceMailer({ smtpUrl: `smtp://billing:s3cret-Pa55@127.0.0.1:${smtp.port}`, from });
    try {
      const error = await mailer.send(await invoiceMail(["ap@partner.example"])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as Error).message).toMatch(/failed: the server refused the login: 535 Invalid username or password/);
      expect(JSON.stringify(error) + (error as Error).message + (error as Error).stack).not.toContain("s3cret");
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });

  it("needs a recipient", async () => {
    const mailer = new InvoiceMailer({ smtpUrl: "smtp://127.0.0.1:1", from });
    await expect(mailer.send(await invoiceMail([]))).rejects.toThrow(/^to: at least one recipient/);
    mailer.close();
  });
});

describe("readMailSettings", () => {
  it("is off without an SMTP URL and needs a From address with one", () => {
    expect(readMailSettings({})).toBeUndefined();
    expect(readMailSettings({ INTERSETTLE_SMTP_URL: " " })).toBeUndefined();
    expect(readMailSettings({ INTERSETTLE_SMTP_URL: "smtps://u:p@mail.example:465", INTERSETTLE_MAIL_FROM: from })).toEqual({ smtpUrl: "smtps://u:p@mail.example:465", from });
    expect(() => readMailSettings({ INTERSETTLE_SMTP_URL: "smtp://mail.example" })).toThrow(/^INTERSETTLE_MAIL_FROM must be set/);
  });

  it("refuses a URL that is not SMTP without quoting it", () => {
    for (const url of ["https://u:topsecret@mail.example", "not a url topsecret"]) {
      expect(() => readMailSettings({ INTERSETTLE_SMTP_URL: url, INTERSETTLE_MAIL_FROM: from })).toThrow(/^INTERSETTLE_SMTP_URL /);
      expect(() => readMailSettings({ INTERSETTLE_SMTP_URL: url, INTERSETTLE_MAIL_FROM: from })).not.toThrow(/topsecret/);
    }
  });
});
