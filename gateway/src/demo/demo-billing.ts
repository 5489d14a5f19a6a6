import { HubClient, HubRequestError } from "../cli/hub-client";

/** November 2026, the month the demo traffic is in: every demo partner's billing starts with it. */
const DEMO_BILLING_START = "2026-11-01";

const DRAFTS = `query($after: String) { invoices(first: 200, after: $after, filter: { status: DRAFT }) {
  edges { node { id } } pageInfo { hasNextPage endCursor } } }`;

/**
 * A billing cycle over the demo traffic, as an operator runs one: billing starts in November for every partner, the
 * scheduler bills each closed period, and the drafts are approved and issued. Returns the invoices issued.
 */
export async function runDemoBilling(client: HubClient, partnerIds: Map<string, string>, log: (line: string) => void): Promise<number> {
  for (const [code, id] of partnerIds) {
    try {
      await client.request(`mutation($p: ID!, $d: String!) { setBillingStart(partnerId: $p, date: $d) }`, { p: id, d: DEMO_BILLING_START });
    } catch (err) {
      // Billed before (a second demo run): its billing already started.
      if (!(err instanceof HubRequestError && err.codes.includes("CONFLICT"))) throw err;
      log(`  ${code}: billing already started`);
    }
  }
  const { runScheduledBilling } = await client.request(`mutation { runScheduledBilling }`);
  log(`  billed ${runScheduledBilling} closed period(s)`);
  const drafts: string[] = [];
  let after: string | null = null;
  do {
    const page: any = await client.request(DRAFTS, { after });
    drafts.push(...page.invoices.edges.map((e: { node: { id: string } }) => e.node.id));
    after = page.invoices.pageInfo.hasNextPage ? page.invoices.pageInfo.endCursor : null;
  } while (after);
  for (const id of drafts) {
    await client.request(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id });
    const { issueInvoice } = await client.request(`mutation($id: ID!) { issueInvoice(id: $id) { number gross currency partner { id } } }`, { id });
    log(`  issued ${issueInvoice.number}: ${issueInvoice.gross} ${issueInvoice.currency}`);
  }
  return drafts.length;
}
