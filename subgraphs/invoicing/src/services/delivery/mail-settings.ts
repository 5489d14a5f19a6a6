/** Where invoice mail goes out: an SMTP server as a URL (smtp:// or smtps://, credentials in it) and the From address. */
export interface MailSettings {
  smtpUrl: string;
  from: string;
}

/**
 * Mail settings from INTERSETTLE_SMTP_URL and INTERSETTLE_MAIL_FROM, or undefined when no SMTP URL is set (the hub then
 * renders documents but mails nothing). An SMTP URL without a From address, or one that is not smtp(s)://, is an
 * error at start rather than at the first invoice; the URL is never quoted back, since it holds the password.
 */
export function readMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | undefined {
  const smtpUrl = env.INTERSETTLE_SMTP_URL?.trim();
  if (!smtpUrl) return undefined;
  smtpServerOf(smtpUrl, "INTERSETTLE_SMTP_URL");
  const from = env.INTERSETTLE_MAIL_FROM?.trim();
  if (!from) throw new Error("INTERSETTLE_MAIL_FROM must be set when INTERSETTLE_SMTP_URL is: invoices need a From address");
  return { smtpUrl, from };
}

/** The server's URL; throws naming `name` (not the URL, which may hold a password) when it is not smtp:// or smtps://. */
export function smtpServerOf(smtpUrl: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error(`${name} is not a URL such as smtp://user:password@mail.example.com:587`);
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error(`${name} must start with smtp:// or smtps://`);
  if (!url.hostname) throw new Error(`${name} names no host`);
  return url;
}
