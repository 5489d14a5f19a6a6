import type { HubClient } from "../cli/hub-client";

/** CloudSMS runs on a small postpaid limit, so its A2P traffic breaches it and credit control blocks it. */
const CREDIT_DEMO = { partner: "CLOUDSMS", credit: { mode: "POSTPAID", limit: "0.5", warningPercent: 50 } };
/** Telco UK's hourly spend cap is tiny, so its traffic raises a fraud alert (without blocking it). */
const FRAUD_DEMO = { partner: "TELCO_UK", rules: { spendPerHour: { enabled: true, cap: "0.01", autoBlock: false } } };

/** Before the traffic plays: the settings that make it trip a credit block and a fraud alert. */
export async function armLiveEvents(client: HubClient, partnerIds: Map<string, string>): Promise<void> {
  const credit = partnerIds.get(CREDIT_DEMO.partner);
  if (credit) await client.request(`mutation($id: ID!, $i: UpdatePartnerInput!) { updatePartner(id: $id, input: $i) { id } }`, { id: credit, i: { credit: CREDIT_DEMO.credit } });
  const fraud = partnerIds.get(FRAUD_DEMO.partner);
  if (fraud) await client.request(`mutation($p: ID!, $i: FraudRulesInput!) { setFraudRules(partnerId: $p, input: $i) { partnerId } }`, { p: fraud, i: FRAUD_DEMO.rules });
}

export interface LiveEventsOutcome {
  blocked: string[];
  fraudAlerts: number;
}

/** After the traffic: waits (up to 15 s) for credit control and the fraud rules, which run on the event log, and reports. */
export async function liveEventsOutcome(client: HubClient, partnerIds: Map<string, string>, log: (line: string) => void): Promise<LiveEventsOutcome> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { partner } = await client.request(`query($id: ID!) { partner(id: $id) { code status blockCause statusReason } }`, { id: partnerIds.get(CREDIT_DEMO.partner) });
    const { fraudAlerts } = await client.request(`query($p: ID!) { fraudAlerts(filter: { partnerId: $p }) { totalCount edges { node { rule summary } } } }`, { p: partnerIds.get(FRAUD_DEMO.partner) });
    if ((partner.status === "BLOCKED" && fraudAlerts.totalCount > 0) || Date.now() > deadline) {
      if (partner.status === "BLOCKED") log(`  ${partner.code} BLOCKED (${partner.blockCause}): ${partner.statusReason}`);
      for (const { node } of fraudAlerts.edges) log(`  fraud alert on ${FRAUD_DEMO.partner}: ${node.rule}: ${node.summary}`);
      return { blocked: partner.status === "BLOCKED" ? [partner.code] : [], fraudAlerts: fraudAlerts.totalCount };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
