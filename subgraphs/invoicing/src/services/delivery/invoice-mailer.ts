import nodemailer, { type NodemailerError, type SMTPSentMessageInfo, type Transporter } from "nodemailer";
import { clipText } from "@intersettle/shared";
import { smtpServerOf, type MailSettings } from "./mail-settings";

export { readMailSettings, type MailSettings } from "./mail-settings";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface InvoiceMail {
  to: string[];
  subject: string;
  text: string;
  attachments: MailAttachment[];
}

/** What the server took: a message it accepted for some recipients may still have rejected others. */
export interface MailReceipt {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** A message the mail server did not take. `permanent` when it refused it for good (5xx): sending again will not help. */
export class MailDeliveryError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly permanent: boolean, readonly responseCode?: number) {
    super(message);
    this.name = "MailDeliveryError";
  }
}

/** Long enough for a slow server, short enough that a dead one fails a delivery attempt instead of hanging it. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** Sends invoices and notes by e-mail through one SMTP server. */
export class InvoiceMailer {
  private readonly transport: Transporter<SMTPSentMessageInfo>;
  private readonly server: string;
  private readonly secrets: string[];

  constructor(settings: MailSettings) {
    const url = smtpServerOf(settings.smtpUrl, "smtpUrl");
    this.server = `${url.hostname}:${url.port || (url.protocol === "smtps:" ? 465 : 587)}`;
    this.secrets = secretsOf(url);
    // Attachments are always buffers here: reading files or URLs named in a message is never wanted.
    this.transport = nodemailer.createTransport({ url: settings.smtpUrl, ...TIMEOUTS, disableFileAccess: true, disableUrlAccess: true }, { from: settings.from });
  }

  /** Sends the message; throws MailDeliveryError when the server cannot be reached or takes it for no recipient. */
  async send(mail: InvoiceMail): Promise<MailReceipt> {
    if (mail.to.length === 0) throw new RangeError("to: at least one recipient is needed");
    try {
      const info = await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, attachments: mail.attachments.map((a) => ({ ...a })) });
      return { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    } catch (error) {
      throw this.deliveryError(error as NodemailerError);
    }
  }

  close(): void {
    this.transport.close();
  }

  /** Our own words and the server's reply, never nodemailer's message: no part of the settings can reach a log or a client. */
  private deliveryError(error: NodemailerError): MailDeliveryError {
    const reply = error.response ? `: ${clipText(error.response)}` : "";
    let reason: string;
    switch (error.code) {
      case "EENVELOPE":
        reason = error.rejected?.length ? `the server rejected the recipients${reply}` : `the server refused the sender or recipients${reply}`;
        break;
      case "EAUTH":
      case "ENOAUTH":
        reason = `the server refused the login${reply}`;
        break;
      case "ECONNECTION":
      case "ESOCKET":
      case "EDNS":
      case "ETIMEDOUT":
      case "ETLS":
        reason = `the server could not be reached (${error.originalCode ?? error.code})${reply}`;
        break;
      default:
        reason = `the server did not take the message (${error.code ?? "unknown error"})${reply}`;
    }
    const message = `Sending mail through ${this.server} failed: ${reason}`;
    const safe = this.secrets.reduce((text, secret) => text.split(secret).join("***"), message);
    return new MailDeliveryError(safe, error.code, error.permanent === true, error.responseCode);
  }
}

/** The password as written in the URL and decoded, to blank out of any text that might quote it (too short to tell: none). */
function secretsOf(url: URL): string[] {
  let decoded = url.password;
  try {
    decoded = decodeURIComponent(url.password);
  } catch {
    // A malformed escape is left as written.
  }
  return [...new Set([url.password, decoded])].filter((secret) => secret.length >= 4);
}
