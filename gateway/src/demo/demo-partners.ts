/** The demo data set: a dozen partners of every type a settlement hub deals with, with their agreements. */
export interface DemoPartner {
  input: Record<string, unknown>;
  agreements: Array<Record<string, unknown>>;
  /** Issue an API key, as a partner integration would use. */
  apiKey?: boolean;
}

const carrier = (roles: string[]) => ({ types: ["CARRIER"], roles });

export const DEMO_PARTNERS: DemoPartner[] = [
  {
    input: { code: "TELCO_UK", legalName: "Telco UK Wholesale Ltd", ...carrier(["CUSTOMER", "VENDOR"]), currency: "GBP", timezone: "Europe/London", taxRatePercent: "20", credit: { limit: "250000", warningPercent: 80 }, contacts: [{ name: "Wholesale billing", role: "BILLING", email: "billing@telco-uk.example" }, { name: "NOC", role: "NOC", phone: "+44 20 7946 0018" }] },
    agreements: [{ reference: "TUK-BIL-2026", type: "BILATERAL", services: ["VOICE", "SMS"], validFrom: "2026-01-01", status: "ACTIVE", tolerancePercent: "0.5", toleranceAmount: "50" }],
    apiKey: true,
  },
  {
    input: { code: "BHARAT_TEL", legalName: "Bharat Telecom Services Pvt Ltd", ...carrier(["CUSTOMER", "VENDOR"]), currency: "INR", timezone: "Asia/Kolkata", taxRatePercent: "18", rounding: { decimals: 2, mode: "HALF_UP", scope: "PER_INVOICE_LINE" }, credit: { limit: "15000000" }, contacts: [{ name: "Interconnect settlements", role: "BILLING", email: "settlements@bharattel.example" }] },
    agreements: [{ reference: "BT/IC/2026/07", type: "BILATERAL", services: ["VOICE", "SMS"], validFrom: "2026-04-01", status: "ACTIVE", tolerancePercent: "1", toleranceAmount: "5000" }],
    apiKey: true,
  },
  {
    input: { code: "ATLANTIC_VOICE", legalName: "Atlantic Voice Carrier Inc.", ...carrier(["VENDOR"]), currency: "USD", timezone: "America/New_York", billingCycle: "WEEKLY", paymentTermsDays: 15, contacts: [{ name: "Carrier relations", role: "COMMERCIAL", email: "carriers@atlanticvoice.example" }] },
    agreements: [{ reference: "AV-WHS-114", type: "WHOLESALE", services: ["VOICE"], validFrom: "2025-10-01", status: "ACTIVE", tolerancePercent: "0.25", toleranceAmount: "20" }],
  },
  {
    input: { code: "EUROHUB", legalName: "EuroHub Interconnect GmbH", ...carrier(["CUSTOMER", "VENDOR"]), currency: "EUR", timezone: "Europe/Berlin", billingCycle: "SEMI_MONTHLY", taxRatePercent: "19", contacts: [{ name: "Hubbing desk", role: "TECHNICAL", email: "hub@eurohub.example" }] },
    agreements: [
      { reference: "EH-HUB-01", type: "HUBBING", services: ["VOICE"], validFrom: "2026-01-01", status: "ACTIVE", tolerancePercent: "0.5", toleranceAmount: "25" },
      { reference: "EH-TRN-02", type: "TRANSIT", services: ["VOICE"], validFrom: "2026-03-01", status: "DRAFT" },
    ],
  },
  {
    input: { code: "SAFARI_MOBILE", legalName: "Safari Mobile Networks Ltd", ...carrier(["CUSTOMER"]), currency: "KES", timezone: "Africa/Nairobi", credit: { mode: "PREPAID", limit: "2000000", warningPercent: 70 }, contacts: [{ name: "Finance", role: "BILLING", email: "finance@safarimobile.example" }] },
    agreements: [{ reference: "SM-REFILE-9", type: "REFILE", services: ["VOICE", "SMS"], validFrom: "2026-02-01", validTo: "2027-01-31", status: "ACTIVE", tolerancePercent: "2", toleranceAmount: "10000" }],
  },
  {
    input: { code: "PACIFIC_LINK", legalName: "Pacific Link Roaming Pty Ltd", types: ["ROAMING_PARTNER"], roles: ["CUSTOMER", "VENDOR"], currency: "AUD", timezone: "Australia/Sydney", contacts: [{ name: "Roaming coordinator", role: "TECHNICAL", email: "roaming@pacificlink.example" }] },
    agreements: [{ reference: "PL-IR-2026", type: "ROAMING", services: ["VOICE", "SMS", "DATA"], validFrom: "2026-01-01", status: "ACTIVE", tolerancePercent: "1", toleranceAmount: "100" }],
  },
  {
    input: { code: "GULF_ROAM", legalName: "Gulf Roaming Exchange FZ-LLC", types: ["ROAMING_PARTNER", "CARRIER"], roles: ["CUSTOMER", "VENDOR"], currency: "AED", timezone: "Asia/Dubai", taxRatePercent: "5", contacts: [{ name: "Fraud desk", role: "FRAUD", phone: "+971 4 555 0100" }] },
    agreements: [{ reference: "GRX-2026-3", type: "ROAMING", services: ["VOICE", "DATA"], validFrom: "2026-05-01", status: "ACTIVE" }],
  },
  {
    input: { code: "TUNECAST", legalName: "TuneCast Media Pvt Ltd", types: ["CONTENT_PROVIDER"], roles: ["VENDOR"], currency: "INR", timezone: "Asia/Kolkata", billingCycle: "MONTHLY", taxRatePercent: "18", rounding: { decimals: 2 }, contacts: [{ name: "Royalties", role: "BILLING", email: "royalties@tunecast.example" }] },
    agreements: [{ reference: "TC-CRBT-2026", type: "CONTENT_REVENUE_SHARE", services: ["CONTENT"], validFrom: "2026-01-01", status: "ACTIVE", terms: "Caller ring-back tones: 40% of net subscription revenue to the provider, monthly statement." }],
    apiKey: true,
  },
  {
    input: { code: "PIXELPLAY", legalName: "PixelPlay Games Inc.", types: ["CONTENT_PROVIDER"], roles: ["VENDOR"], currency: "USD", timezone: "America/Los_Angeles", contacts: [{ name: "Partner finance", role: "BILLING", email: "ap@pixelplay.example" }] },
    agreements: [{ reference: "PP-GAMES-01", type: "CONTENT_REVENUE_SHARE", services: ["CONTENT"], validFrom: "2026-03-01", status: "ACTIVE", terms: "Game downloads: 60/40 split after carrier billing fees." }],
  },
  {
    input: { code: "STREAMIX", legalName: "Streamix VOD B.V.", types: ["CONTENT_PROVIDER"], roles: ["VENDOR"], currency: "EUR", timezone: "Europe/Amsterdam", taxRatePercent: "21", contacts: [{ name: "Licensing", role: "COMMERCIAL", email: "licensing@streamix.example" }] },
    agreements: [{ reference: "SX-VOD-2026", type: "CONTENT_REVENUE_SHARE", services: ["CONTENT", "DATA"], validFrom: "2026-06-01", status: "ACTIVE" }],
  },
  {
    input: { code: "VALUE_AGG", legalName: "ValueAdd Aggregators Pvt Ltd", types: ["AGGREGATOR"], roles: ["CUSTOMER", "VENDOR"], currency: "INR", timezone: "Asia/Kolkata", taxRatePercent: "18", contacts: [{ name: "Settlements", role: "DISPUTES", email: "disputes@valueagg.example" }] },
    agreements: [{ reference: "VA-AGG-77", type: "CONTENT_REVENUE_SHARE", services: ["CONTENT", "SMS"], validFrom: "2026-01-15", status: "ACTIVE", tolerancePercent: "1.5" }],
    apiKey: true,
  },
  {
    input: { code: "NOVA_MVNO", legalName: "Nova Mobile Ltd", types: ["MVNO"], roles: ["CUSTOMER"], currency: "GBP", timezone: "Europe/London", credit: { mode: "PREPAID", limit: "50000", warningPercent: 85 }, contacts: [{ name: "Ops", role: "NOC", email: "ops@novamobile.example" }] },
    agreements: [{ reference: "NOVA-MVNO-1", type: "MVNO", services: ["VOICE", "SMS", "DATA"], validFrom: "2025-07-01", status: "ACTIVE" }],
  },
  {
    input: { code: "CLOUDSMS", legalName: "CloudSMS Platform Pte Ltd", types: ["PLATFORM_ENABLER"], roles: ["CUSTOMER"], currency: "SGD", timezone: "Asia/Singapore", billingCycle: "WEEKLY", taxRatePercent: "9", contacts: [{ name: "A2P billing", role: "BILLING", email: "billing@cloudsms.example" }] },
    agreements: [{ reference: "CS-A2P-2026", type: "WHOLESALE", services: ["SMS", "MMS"], validFrom: "2026-01-01", status: "ACTIVE", toleranceAmount: "5" }],
  },
];
