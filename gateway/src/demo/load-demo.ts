import { HubClient, HubRequestError } from "../cli/hub-client";
import { DEMO_PARTNERS } from "./demo-partners";

export interface DemoSummary {
  partnersCreated: number;
  partnersExisting: number;
  agreementsCreated: number;
  apiKeys: Array<{ partner: string; secret: string }>;
}

/** Loads the demo data set through the public API; running it again adds nothing twice. */
export async function loadDemo(client: HubClient, log: (line: string) => void = () => undefined): Promise<DemoSummary> {
  const summary: DemoSummary = { partnersCreated: 0, partnersExisting: 0, agreementsCreated: 0, apiKeys: [] };
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
  return summary;
}

async function findPartner(client: HubClient, code: string): Promise<{ id: string } | undefined> {
  try {
    return (await client.request(`query($code: String!) { partnerByCode(code: $code) { id } }`, { code })).partnerByCode;
  } catch (err) {
    if (err instanceof HubRequestError && err.codes.includes("NOT_FOUND")) return undefined;
    throw err;
  }
}
