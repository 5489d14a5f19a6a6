import { HubClient, HubRequestError } from "../cli/hub-client";
import { DEMO_PARTNERS } from "./demo-partners";
import { DEMO_DESTINATIONS, DEMO_EXCHANGE_RATES, DEMO_RATE_CARDS } from "./demo-rates";
import { loadDemoTraffic } from "./demo-traffic";
import { runDemoBilling } from "./demo-billing";
import { loadDemoContent } from "./demo-content";
import { loadDemoClaims } from "./demo-claims";
import { armLiveEvents, liveEventsOutcome } from "./demo-live-events";

export interface DemoSummary {
  partnersCreated: number;
  partnersExisting: number;
  agreementsCreated: number;
  apiKeys: Array<{ partner: string; secret: string }>;
  rateCardsCreated: number;
  callsRated: number;
  invoicesIssued: number;
  /** Partners credit control blocked during the demo traffic, and the fraud alerts it raised. */
  blocked: string[];
  fraudAlerts: number;
  /** Revenue share: content services made, content transactions accepted, statements published. */
  contentServicesCreated: number;
  contentTransactions: number;
  statementsPublished: number;
  /** Reconciliation: partner claims reconciled, and the disputes their planted differences opened (numbers). */
  claimsReconciled: number;
  disputesOpened: string[];
}

/** Loads the demo data set through the public API; running it again adds nothing twice. */
export async function loadDemo(client: HubClient, log: (line: string) => void = () => undefined): Promise<DemoSummary> {
  const summary: DemoSummary = { partnersCreated: 0, partnersExisting: 0, agreementsCreated: 0, apiKeys: [], rateCardsCreated: 0, callsRated: 0, invoicesIssued: 0, blocked: [], fraudAlerts: 0, contentServicesCreated: 0, contentTransactions: 0, statementsPublished: 0, claimsReconciled: 0, disputesOpened: [] };
  for (const demo of DEMO_PARTNERS) {
    const code = demo.input.code as string;
    const existing = await findPartner(client, code);
    if (existing) {
      summary.partnersExisting++;
      continue;
    }
    const { createPartner } = await client.request(`mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id } }`, { input: demo.input });
    summary.partnersCreated++;
    for (const agreement of demo.agreements) {
      await client.request(`mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`, { input: { ...agreement, partnerId: createPartner.id } });
      summary.agreementsCreated++;
    }
    if (demo.apiKey) {
      const { createApiCredential } = await client.request(`mutation($p: ID!) { createApiCredential(partnerId: $p, name: "demo integration") { secret } }`, { p: createPartner.id });
      summary.apiKeys.push({ partner: code, secret: createApiCredential.secret });
    }
    log(`  created ${code} with ${demo.agreements.length} agreement(s)`);
  }
  await client.request(`mutation($csv: String!) { importExchangeRates(csv: $csv) }`, { csv: DEMO_EXCHANGE_RATES });
  await client.request(`mutation($csv: String!) { importDestinations(csv: $csv) }`, { csv: DEMO_DESTINATIONS });
  summary.rateCardsCreated = await loadDemoRateCards(client, log);
  const partnerIds = new Map<string, string>();
  for (const demo of DEMO_PARTNERS) {
    const found = await findPartner(client, demo.input.code as string);
    if (found) partnerIds.set(demo.input.code as string, found.id);
  }
  await armLiveEvents(client, partnerIds);
  summary.callsRated = await loadDemoTraffic(client, partnerIds, log);
  Object.assign(summary, await liveEventsOutcome(client, partnerIds, log));
  log("Billing November…");
  summary.invoicesIssued = await runDemoBilling(client, partnerIds, log);
  log("Revenue share for November's content…");
  Object.assign(summary, await loadDemoContent(client, partnerIds, log));
  log("Reconciling partners' November claims…");
  Object.assign(summary, await loadDemoClaims(client, partnerIds, log));
  return summary;
}

/** Creates each demo card that does not exist yet and imports its deck as version 1. */
async function loadDemoRateCards(client: HubClient, log: (line: string) => void): Promise<number> {
  let created = 0;
  for (const card of DEMO_RATE_CARDS) {
    const partner = await findPartner(client, card.partner);
    if (!partner) continue;
    const { rateCards } = await client.request(`query($p: ID!) { rateCards(first: 100, filter: { partnerId: $p }) { edges { node { name } } } }`, { p: partner.id });
    if (rateCards.edges.some((e: { node: { name: string } }) => e.node.name === card.name)) continue;
    const { deck, partner: _code, ...fields } = card;
    const { createRateCard } = await client.request(`mutation($input: CreateRateCardInput!) { createRateCard(input: $input) { id } }`, { input: { ...fields, partnerId: partner.id } });
    await client.request(`mutation($input: ImportRateDeckInput!) { importRateDeck(input: $input) { version } }`, {
      input: { rateCardId: createRateCard.id, mode: "FULL", content: deck, fileName: `${card.name}.csv`, effectiveFrom: "2026-01-01T00:00:00Z" },
    });
    created++;
    log(`  created rate card ${card.name}`);
  }
  return created;
}

async function findPartner(client: HubClient, code: string): Promise<{ id: string } | undefined> {
  try {
    return (await client.request(`query($code: String!) { partnerByCode(code: $code) { id } }`, { code })).partnerByCode;
  } catch (err) {
    if (err instanceof HubRequestError && err.codes.includes("NOT_FOUND")) return undefined;
    throw err;
  }
}
