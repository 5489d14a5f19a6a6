import { createPartner } from "./fixtures";
import { CONTENT_SOURCE, contentUsage } from "./content-usage";
import type { TestHub } from "./test-hub";

/** A's and B's revenue share: each the aggregator of a content service, with an agreement and a published statement. */
export interface ContentWorld {
  a: { serviceId: string; agreementId: string; statementId: string };
  b: { serviceId: string; agreementId: string; statementId: string; statementNumber: string; jobId: string };
  providerId: string;
  /** The feed both services' transactions came from (operators' alone). */
  sourceCode: string;
  /** Strings only B's revenue-share records carry. */
  bCanaries: string[];
}

const B_SERVICE_CODE = "BRAVO-CANARY-TONES";
const B_SERVICE_NAME = "Bravo Canary Tones";
const B_AGREEMENT_REF = "BRAVO-CANARY-RS-9";

async function must<T = any>(hub: TestHub, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** A service of the shared provider with `aggregatorId` in its chain, its agreement, and November's usage. */
async function service(hub: TestHub, providerId: string, aggregatorId: string, code: string, name: string, reference: string) {
  const s = await must(hub, `mutation($i: CreateContentServiceInput!) { createContentService(input: $i) { id } }`, { i: { code, name, kind: "CRBT", currency: "USD", providerId, aggregatorId } });
  const a = await must(hub, `mutation($i: CreateShareAgreementInput!) { createShareAgreement(input: $i) { id } }`, {
    i: {
      serviceId: s.createContentService.id,
      reference,
      effectiveFrom: "2026-01-01",
      waterfall: [
        { partyRole: "OPERATOR", rule: { model: "PERCENT", percent: "40" } },
        { partyRole: "AGGREGATOR", partnerId: aggregatorId, rule: { model: "PERCENT", percent: "30" } },
        { partyRole: "CONTENT_PROVIDER", partnerId: providerId, rule: { model: "REMAINDER" } },
      ],
    },
  });
  return { serviceId: s.createContentService.id as string, agreementId: a.createShareAgreement.id as string };
}

/** November's statement of an aggregator, run and published; waits until invoicing has its payable. */
async function publishedStatement(hub: TestHub, partnerId: string) {
  await must(hub, `mutation($p: ID!) { runStatements(partnerId: $p, date: "2026-11-20") { statementCount } }`, { p: partnerId });
  const drafts = await must(hub, `query($p: ID) { statements(filter: { partnerId: $p, status: DRAFT }) { edges { node { id } } } }`, { p: partnerId });
  const published = await must(hub, `mutation($id: ID!) { publishStatement(id: $id) { id number } }`, { id: drafts.statements.edges[0].node.id });
  for (let i = 0; ; i++) {
    const bills = await must(hub, `query($p: ID) { invoices(filter: { partnerId: $p, side: PAYABLE, status: ISSUED }) { totalCount } }`, { p: partnerId });
    if (bills.invoices.totalCount > 0) break;
    if (i > 100) throw new Error("invoicing never recorded the statement's payable");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { statementId: published.publishStatement.id as string, statementNumber: published.publishStatement.number as string };
}

export async function buildContentWorld(hub: TestHub, aId: string, bId: string): Promise<ContentWorld> {
  const provider = await createPartner(hub, "MX_PROVIDER", { types: ["CONTENT_PROVIDER"], roles: ["VENDOR"] });
  const usage = contentUsage(hub);
  const a = await service(hub, provider.id, aId, "ALPHA-TONES", "Alpha Tones", "ALPHA-RS-1");
  const b = await service(hub, provider.id, bId, B_SERVICE_CODE, B_SERVICE_NAME, B_AGREEMENT_REF);
  await usage.record(a.serviceId, "2026-11", { transactions: 100, gross: "100.00" });
  // B's share of 1234.56: 30% of the 740.736 the operator leaves, 222.22 once rounded, an amount no record of A's has.
  const bJob = await usage.record(b.serviceId, "2026-11", { transactions: 321, gross: "1234.56" });
  const aStatement = await publishedStatement(hub, aId);
  const bStatement = await publishedStatement(hub, bId);
  return {
    a: { ...a, statementId: aStatement.statementId },
    b: { ...b, ...bStatement, jobId: bJob.id },
    providerId: provider.id,
    sourceCode: CONTENT_SOURCE,
    bCanaries: [B_SERVICE_CODE, B_SERVICE_NAME, B_AGREEMENT_REF, bStatement.statementNumber, JSON.stringify("222.22"), JSON.stringify("1234.56")],
  };
}
