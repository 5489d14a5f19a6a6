import { ADMIN_TOKEN, type TestHub } from "./test-hub";

/** A month of one service's usage, amounts as text with at most two decimals; absent fields are 0. */
export interface MonthUsage {
  transactions?: number;
  gross?: string;
  tax?: string;
  refunds?: string;
  chargebacks?: string;
}

export const CONTENT_SOURCE = "RS_TEST_FEED";
const HEADER = "transaction_id,service_code,subscriber,occurred_at,status,gross,tax,currency,original_transaction_id,bad_debt";

const cents = (amount = "0") => {
  const [whole, fraction = ""] = amount.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
};
const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

/** `total` cents over `n` parts that differ by at most a cent. */
const spread = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

/**
 * Content usage for tests, as real transactions: `record` writes charges that add up exactly to the month's figures
 * (mid-month, so every partner's timezone puts them in that month) and reversals of the first of them, and uploads
 * them through the gateway's file route like any feed. A reversal may be recorded after the month, as late refunds are.
 */
export function contentUsage(hub: TestHub) {
  let source: Promise<unknown> | undefined;
  let batch = 0;
  /** The first charge of each service and month: what reversals reverse. */
  const firsts = new Map<string, string>();
  const codes = new Map<string, string>();
  const codeOf = async (serviceId: string) => {
    if (!codes.has(serviceId)) {
      const res = await hub.query(`query($id: ID!) { contentService(id: $id) { code currency } }`, { id: serviceId });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      codes.set(serviceId, `${res.data.contentService.code},${res.data.contentService.currency}`);
    }
    return codes.get(serviceId)!.split(",") as [string, string];
  };
  return {
    /** Ingests transactions adding `add` to the service's month (YYYY-MM); a reversal-only call reverses the month's first charge. */
    async record(serviceId: string, month: string, add: MonthUsage, reversedAt?: string): Promise<{ id: string; accepted: number }> {
      source ??= hub.query(`mutation { createContentSource(input: { code: "${CONTENT_SOURCE}", name: "test feed", timezone: "UTC" }) { id } }`);
      await source;
      const [code, currency] = await codeOf(serviceId);
      const n = ++batch;
      const lines = [HEADER];
      const count = add.transactions ?? 0;
      const gross = spread(cents(add.gross), count);
      const tax = spread(cents(add.tax), count);
      // Between the 3rd and the 27th, whatever the partner's timezone.
      const at = (i: number) => new Date(Date.parse(`${month}-03T00:00:00Z`) + Math.floor((i / Math.max(count, 1)) * 24 * 86400_000)).toISOString();
      for (let i = 0; i < count; i++) {
        lines.push([`${code}-${month}-${n}-${i}`, code, `+4477009${String(i % 100000).padStart(5, "0")}`, at(i), "CHARGED", money(gross[i]), money(tax[i]), currency, "", "false"].join(","));
      }
      if (count > 0 && !firsts.has(`${code}|${month}`)) firsts.set(`${code}|${month}`, `${code}-${month}-${n}-0`);
      const original = firsts.get(`${code}|${month}`);
      if ((add.refunds || add.chargebacks) && !original) throw new Error(`no charge of ${code} in ${month} to reverse`);
      const when = reversedAt ?? at(count);
      if (add.refunds) lines.push([`${code}-${month}-${n}-refund`, code, "+447700900000", when, "REFUNDED", add.refunds, "0", currency, original, "false"].join(","));
      if (add.chargebacks) lines.push([`${code}-${month}-${n}-chargeback`, code, "+447700900000", when, "CHARGEBACK", add.chargebacks, "0", currency, original, "false"].join(","));
      const url = `${hub.url.replace(/\/graphql$/, "")}/files/revenue-share/transactions?source=${CONTENT_SOURCE}&fileName=${code}-${month}-${n}.csv`;
      const res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/octet-stream" }, body: lines.join("\n") + "\n" });
      const body = (await res.json()) as { data?: { id: string; accepted: number; rejected: number; status: string }; errors?: unknown };
      if (!body.data || body.data.rejected > 0 || body.data.accepted !== lines.length - 1) throw new Error(`ingesting ${code} ${month}: ${JSON.stringify(body)}`);
      return body.data;
    },
  };
}
