import type { TestHub } from "./test-hub";

export const PARTNER_FIELDS = `id code legalName types roles currency timezone billingCycle paymentTermsDays taxRatePercent status statusReason version
  rounding { decimals mode scope } credit { mode limit warningPercent } contacts { name role email phone }`;

export function partnerInput(code: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    legalName: `${code} Telecom Ltd`,
    types: ["CARRIER"],
    roles: ["CUSTOMER", "VENDOR"],
    currency: "USD",
    timezone: "Europe/London",
    ...overrides,
  };
}

export async function createPartner(hub: TestHub, code: string, overrides: Record<string, unknown> = {}) {
  const res = await hub.query(`mutation($input: CreatePartnerInput!) { createPartner(input: $input) { ${PARTNER_FIELDS} } }`, { input: partnerInput(code, overrides) });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createPartner;
}

export async function issueApiKey(hub: TestHub, partnerId: string): Promise<{ id: string; secret: string }> {
  const res = await hub.query(`mutation($p: ID!) { createApiCredential(partnerId: $p, name: "integration") { secret credential { id } } }`, { p: partnerId });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createApiCredential.credential.id, secret: res.data.createApiCredential.secret };
}
