import { HubClient, HubRequestError } from "../cli/hub-client";
import { seeded } from "./demo-traffic";

/** The month the demo content was sold in: every content partner's statements start with it. */
const DEMO_STATEMENT_START = "2026-11-01";
const SOURCE = { code: "DEMO_VAS", name: "Value-added services billing platform", timezone: "Asia/Kolkata" };

type Step = Record<string, unknown>;
const OPERATOR = (rule: Step): Step => ({ partyRole: "OPERATOR", rule });
const party = (partyRole: string, partner: string, rule: Step, bounds: Step = {}): Step => ({ partyRole, partner, rule, ...bounds });
const PERCENT = (percent: string) => ({ model: "PERCENT", percent });
const REMAINDER = { model: "REMAINDER" };

interface DemoService {
  code: string;
  name: string;
  kind: string;
  chain: { provider: string; aggregator?: string; enabler?: string };
  deductions?: Step;
  waterfall: Step[];
  /** Price per transaction, tax-inclusive (GST 18%), and transactions in November. */
  price: string;
  count: number;
}

/** One service of each share model, sold in INR by an Indian operator through its content partners. */
const SERVICES: DemoService[] = [
  {
    code: "TUNECAST-CRBT", name: "TuneCast caller tunes", kind: "CRBT", chain: { provider: "TUNECAST", aggregator: "VALUE_AGG" },
    waterfall: [OPERATOR(PERCENT("40")), party("AGGREGATOR", "VALUE_AGG", PERCENT("20")), party("CONTENT_PROVIDER", "TUNECAST", REMAINDER)],
    price: "30.00", count: 3000,
  },
  {
    code: "PIXELPLAY-GAMES", name: "PixelPlay game store", kind: "GAMING", chain: { provider: "PIXELPLAY" },
    waterfall: [OPERATOR({ model: "TIERED_MARGINAL", basis: "VOLUME", tiers: [{ from: "0", percent: "50" }, { from: "2000", percent: "40" }, { from: "5000", percent: "30" }] }), party("CONTENT_PROVIDER", "PIXELPLAY", REMAINDER)],
    price: "99.00", count: 6000,
  },
  {
    code: "STREAMIX-VOD", name: "Streamix films", kind: "VOD", chain: { provider: "STREAMIX", aggregator: "VALUE_AGG" },
    waterfall: [OPERATOR(PERCENT("30")), party("AGGREGATOR", "VALUE_AGG", { model: "TIERED_WHOLE", basis: "REVENUE", tiers: [{ from: "0", percent: "10" }, { from: "50000", percent: "15" }] }), party("CONTENT_PROVIDER", "STREAMIX", REMAINDER)],
    price: "149.00", count: 800,
  },
  {
    code: "TUNECAST-ALERTS", name: "TuneCast astrology alerts", kind: "ALERTS", chain: { provider: "TUNECAST", aggregator: "VALUE_AGG" },
    waterfall: [OPERATOR(PERCENT("10")), party("CONTENT_PROVIDER", "TUNECAST", { model: "FIXED_PER_TRANSACTION", fee: "1.50" }), party("AGGREGATOR", "VALUE_AGG", REMAINDER)],
    price: "5.00", count: 2500,
  },
  {
    code: "PIXELPLAY-SCORES", name: "PixelPlay live cricket scores", kind: "LIVE_SCORE", chain: { provider: "PIXELPLAY" },
    waterfall: [OPERATOR(PERCENT("60")), party("CONTENT_PROVIDER", "PIXELPLAY", REMAINDER, { minimumGuarantee: "5000.00" })],
    price: "10.00", count: 400,
  },
  {
    code: "STREAMIX-PASS", name: "Streamix monthly pass", kind: "SUBSCRIPTION", chain: { provider: "STREAMIX" },
    waterfall: [OPERATOR(PERCENT("50")), party("CONTENT_PROVIDER", "STREAMIX", REMAINDER, { cap: "40000.00" })],
    price: "199.00", count: 900,
  },
  {
    code: "TUNECAST-MUSIC", name: "TuneCast music subscription (CloudSMS platform)", kind: "SUBSCRIPTION", chain: { provider: "TUNECAST", aggregator: "VALUE_AGG", enabler: "CLOUDSMS" },
    deductions: { platformFeePercent: "2" },
    waterfall: [OPERATOR(PERCENT("50")), party("PLATFORM_ENABLER", "CLOUDSMS", PERCENT("10")), party("AGGREGATOR", "VALUE_AGG", PERCENT("20")), party("CONTENT_PROVIDER", "TUNECAST", REMAINDER)],
    price: "49.00", count: 1500,
  },
];

export interface DemoContentSummary {
  contentServicesCreated: number;
  contentTransactions: number;
  statementsPublished: number;
}

/**
 * Revenue share on the demo's content partners: a service and agreement of each share model, a month of their
 * transactions uploaded as a file, then November's statements drawn up by the scheduler and published. Running it
 * again adds nothing: services exist, the file's transactions are duplicates, November is published.
 */
export async function loadDemoContent(client: HubClient, partnerIds: Map<string, string>, log: (line: string) => void): Promise<DemoContentSummary> {
  const summary: DemoContentSummary = { contentServicesCreated: 0, contentTransactions: 0, statementsPublished: 0 };
  const { contentServices } = await client.request(`{ contentServices(first: 200) { edges { node { code } } } }`);
  const existing = new Set(contentServices.edges.map((e: { node: { code: string } }) => e.node.code));
  for (const service of SERVICES.filter((s) => !existing.has(s.code))) {
    await createService(client, service, partnerIds);
    summary.contentServicesCreated++;
    log(`  created content service ${service.code}`);
  }
  await ensureSource(client);
  const job = await client.upload<{ read: number; accepted: number; duplicate: number; rejected: number }>("revenue-share/transactions", { source: SOURCE.code, fileName: "vas-2026-11.csv" }, novemberTransactions());
  log(`  vas-2026-11.csv: read ${job.read} = accepted ${job.accepted} + duplicate ${job.duplicate} + rejected ${job.rejected}`);
  summary.contentTransactions = job.accepted;
  summary.statementsPublished = await publishNovember(client, partnerIds, log);
  return summary;
}

async function createService(client: HubClient, service: DemoService, partnerIds: Map<string, string>): Promise<void> {
  const id = (code: string | undefined) => (code ? partnerIds.get(code) ?? null : null);
  const { createContentService } = await client.request(`mutation($i: CreateContentServiceInput!) { createContentService(input: $i) { id } }`, {
    i: { code: service.code, name: service.name, kind: service.kind, currency: "INR", providerId: id(service.chain.provider), aggregatorId: id(service.chain.aggregator), enablerId: id(service.chain.enabler) },
  });
  const waterfall = service.waterfall.map(({ partner, ...step }) => (partner ? { ...step, partnerId: id(partner as string) } : step));
  await client.request(`mutation($i: CreateShareAgreementInput!) { createShareAgreement(input: $i) { id } }`, {
    i: { serviceId: createContentService.id, reference: `${service.code}-2026`, effectiveFrom: "2026-01-01", deductions: service.deductions, waterfall },
  });
}

async function ensureSource(client: HubClient): Promise<void> {
  try {
    await client.request(`query($c: String!) { contentSource(code: $c) { id } }`, { c: SOURCE.code });
  } catch (err) {
    if (!(err instanceof HubRequestError && err.codes.includes("NOT_FOUND"))) throw err;
    await client.request(`mutation($i: ContentSourceInput!) { createContentSource(input: $i) { id } }`, { i: SOURCE });
  }
}

/** November's sales, in the platform's local time: GST included at 18%, about 1 in 60 refunded, some failed, a little bad debt. */
function novemberTransactions(): string {
  const random = seeded(202611);
  const lines = ["transaction_id,service_code,subscriber,occurred_at,status,gross,tax,currency,original_transaction_id,bad_debt"];
  const pad = (n: number) => String(n).padStart(2, "0");
  for (const service of SERVICES) {
    const price = Number(service.price);
    const tax = (Math.round((price * 18 * 100) / 118) / 100).toFixed(2);
    for (let i = 0; i < service.count; i++) {
      const second = Math.floor(random() * 30 * 86400);
      const at = `2026-11-${pad(1 + Math.floor(second / 86400))} ${pad(Math.floor(second / 3600) % 24)}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
      const id = `${service.code}-${i}`;
      const subscriber = `+9198${String(10_000_000 + Math.floor(random() * 89_999_999))}`;
      const failed = random() < 0.03;
      lines.push([id, service.code, subscriber, at, failed ? "FAILED" : "CHARGED", service.price, tax, "INR", "", random() < 0.005 ? "true" : "false"].join(","));
      if (!failed && i % 60 === 11) lines.push([`${id}-R`, service.code, subscriber, at.replace(/:\d\d$/, ":59"), "REFUNDED", service.price, tax, "INR", id, "false"].join(","));
    }
  }
  return lines.join("\n") + "\n";
}

/** Statements from November for every content partner, run by the scheduler and published. */
async function publishNovember(client: HubClient, partnerIds: Map<string, string>, log: (line: string) => void): Promise<number> {
  const parties = new Set(SERVICES.flatMap((s) => Object.values(s.chain)));
  for (const code of parties) {
    try {
      await client.request(`mutation($p: ID!, $d: String!) { setStatementStart(partnerId: $p, date: $d) }`, { p: partnerIds.get(code), d: DEMO_STATEMENT_START });
    } catch (err) {
      // Run before (a second demo): its statements have started.
      if (!(err instanceof HubRequestError && err.codes.includes("CONFLICT"))) throw err;
    }
  }
  const { runScheduledStatements } = await client.request(`mutation { runScheduledStatements }`);
  log(`  ran ${runScheduledStatements} statement period(s)`);
  const { statements } = await client.request(`{ statements(first: 200, filter: { status: DRAFT }) { edges { node { id } } } }`);
  for (const { node } of statements.edges) {
    const { publishStatement } = await client.request(`mutation($id: ID!) { publishStatement(id: $id) { number payable currency partner { id } } }`, { id: node.id });
    log(`  published ${publishStatement.number}: ${publishStatement.payable} ${publishStatement.currency}`);
  }
  return statements.edges.length;
}
