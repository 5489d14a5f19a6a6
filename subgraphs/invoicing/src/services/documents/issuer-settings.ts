/** Who we are on every document, and how partners pay us: from the environment, so each operator sets its own. */
export interface IssuerSettings {
  name: string;
  addressLines: string[];
  taxId?: string;
  email?: string;
  /** Bank name, IBAN or account, SWIFT: printed under "Payment details". */
  paymentDetails: string[];
}

/**
 * INTERSETTLE_COMPANY_NAME, INTERSETTLE_COMPANY_ADDRESS (lines separated by "|"), INTERSETTLE_COMPANY_TAX_ID,
 * INTERSETTLE_COMPANY_EMAIL, INTERSETTLE_PAYMENT_DETAILS (lines separated by "|").
 */
export function readIssuerSettings(env: NodeJS.ProcessEnv = process.env): IssuerSettings {
  const lines = (value: string | undefined) => (value ?? "").split("|").map((l) => l.trim()).filter(Boolean);
  return {
    name: env.INTERSETTLE_COMPANY_NAME || "Intersettle operator",
    addressLines: lines(env.INTERSETTLE_COMPANY_ADDRESS),
    taxId: env.INTERSETTLE_COMPANY_TAX_ID || undefined,
    email: env.INTERSETTLE_COMPANY_EMAIL || undefined,
    paymentDetails: lines(env.INTERSETTLE_PAYMENT_DETAILS),
  };
}
