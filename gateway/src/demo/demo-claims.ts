import { copyFields, Decimal, periodContaining, PeriodUnit, RATED_CALLS_COLUMNS, RATED_CALLS_END } from "@intersettle/shared";
import type { HubClient } from "../cli/hub-client";
import { claimOutcome } from "../cli/claim-outcome";

/** November 2026, the demo traffic's month. */
const CLAIM_PERIOD = "2026-11";
const IN_NOVEMBER = new Date("2026-11-15T12:00:00Z");
const TELCO_FILE = "telco-uk-cdrs-2026-11.csv";
const ATLANTIC_FILE = "atlantic-invoice-2026-11.csv";

interface RatedCall {
  callId: string;
  start: Date;
  aNumber: string;
  bNumber: string;
  duration: number;
  destination: string;
  amount: Decimal;
}

export interface DemoClaimsOutcome {
  claimsReconciled: number;
  disputesOpened: string[];
}

/**
 * What two partners claim for November, each with differences planted in it, as their own systems would send them:
 * Telco UK's CDR file of our SELL leg (calls we lack, calls it lacks, longer calls, other prices) and Atlantic Voice's
 * invoice by destination for our BUY leg (one destination billed 45 USD over). Both go in through the claims upload
 * route, are reconciled at once, and each variance beyond its agreement's tolerance opens a dispute with the evidence.
 * Loaded again, each file is the same claim and nothing is reconciled twice.
 */
export async function loadDemoClaims(client: HubClient, partnerIds: Map<string, string>, log: (line: string) => void): Promise<DemoClaimsOutcome> {
  const outcome: DemoClaimsOutcome = { claimsReconciled: 0, disputesOpened: [] };
  const telco = partnerIds.get("TELCO_UK");
  const atlantic = partnerIds.get("ATLANTIC_VOICE");
  if (telco && !(await claimed(client, telco, TELCO_FILE))) {
    const ours = await ratedCalls(client, telco, "SELL", "Europe/London");
    const claim = await client.upload("invoicing/claims", { partnerId: telco, side: "RECEIVABLE", period: CLAIM_PERIOD, format: "NATIVE", fileName: TELCO_FILE }, telcoCdrFile(ours));
    await report(client, claim, "Telco UK's CDRs", outcome, log);
  }
  if (atlantic && !(await claimed(client, atlantic, ATLANTIC_FILE))) {
    await client.request(`mutation($i: SaveClaimLayoutInput!) { saveClaimLayout(input: $i) { id } }`, {
      i: { partnerId: atlantic, name: "atlantic-invoice", format: "CSV", headerRow: 1, columns: { destination: "Destination", calls: "Calls", minutes: "Minutes", amount: "Amount USD" } },
    });
    const ours = await ratedCalls(client, atlantic, "BUY", "America/New_York");
    const claim = await client.upload("invoicing/claims", { partnerId: atlantic, side: "PAYABLE", period: CLAIM_PERIOD, layout: "atlantic-invoice", currency: "USD", fileName: ATLANTIC_FILE }, atlanticInvoice(ours));
    await report(client, claim, "Atlantic Voice's invoice", outcome, log);
  }
  return outcome;
}

/** A second demo run finds the partner's file already claimed, and sends nothing again. */
async function claimed(client: HubClient, partnerId: string, fileName: string): Promise<boolean> {
  const { claims } = await client.request(`query($p: ID) { claims(partnerId: $p, first: 500) { edges { node { fileName } } } }`, { p: partnerId });
  return claims.edges.some((e: { node: { fileName: string } }) => e.node.fileName === fileName);
}

/** Our leg of the partner's November calls, from rating's rated-calls export. */
async function ratedCalls(client: HubClient, partnerId: string, direction: "SELL" | "BUY", zone: string): Promise<RatedCall[]> {
  const month = periodContaining(IN_NOVEMBER, PeriodUnit.MONTH, zone);
  const text = await client.download("rating/rated-calls", { partnerId, direction, from: month.start.toISOString(), to: month.end.toISOString() });
  const [header, ...lines] = text.split("\n").filter((line) => line.length > 0);
  const at = Object.fromEntries(header.split("\t").map((name, i) => [name, i])) as Record<(typeof RATED_CALLS_COLUMNS)[number], number>;
  return lines
    .filter((line) => !line.startsWith(`${RATED_CALLS_END}\t`))
    .map(copyFields)
    .map((f) => ({ callId: f[at.call_id]!, start: new Date(Number(f[at.start_ms])), aNumber: f[at.a_number]!, bNumber: f[at.b_number]!, duration: Number(f[at.duration]), destination: f[at.destination] ?? "Unknown", amount: new Decimal(f[at.amount]!) }))
    .sort((a, b) => a.callId.localeCompare(b.callId));
}

/** Telco UK's switch saw the same calls, except: 1 in 40 never reached it, 1 in 30 ran 30 s longer, 1 in 25 at its own price, and 8 long calls of its own. */
function telcoCdrFile(ours: RatedCall[]): string {
  const lines = ["call_id,start,duration,a_number,b_number,amount"];
  ours.forEach((call, i) => {
    if (i % 40 === 7) return;
    const duration = i % 30 === 11 ? call.duration + 30 : call.duration;
    const amount = i % 25 === 3 ? call.amount.plus("0.35") : call.amount;
    lines.push([call.callId, call.start.toISOString(), duration, call.aNumber, call.bNumber, amount.toFixed()].join(","));
  });
  for (let i = 0; i < 8; i++) lines.push([`tuk-extra-${i}`, `2026-11-2${i % 9}T1${i}:00:00.000Z`, 1800, "442079460000", `4477009${String(i).padStart(5, "0")}`, "12.50"].join(","));
  return lines.join("\n") + "\n";
}

/** Atlantic Voice's invoice: our totals per destination, one destination billed 45 USD over. */
function atlanticInvoice(ours: RatedCall[]): string {
  const byDestination = new Map<string, { calls: number; seconds: number; amount: Decimal }>();
  for (const call of ours) {
    const d = byDestination.get(call.destination) ?? { calls: 0, seconds: 0, amount: new Decimal(0) };
    byDestination.set(call.destination, { calls: d.calls + 1, seconds: d.seconds + call.duration, amount: d.amount.plus(call.amount) });
  }
  const lines = ["Destination,Calls,Minutes,Amount USD"];
  [...byDestination].sort(([a], [b]) => a.localeCompare(b)).forEach(([destination, d], i) => {
    const amount = i === 0 ? d.amount.plus(45) : d.amount;
    lines.push([`"${destination}"`, d.calls, new Decimal(d.seconds).div(60).toFixed(4), amount.toFixed()].join(","));
  });
  return lines.join("\n") + "\n";
}

async function report(client: HubClient, claim: { id: string; kind: string; status: string; read: number; accepted: number; rejected: number }, what: string, outcome: DemoClaimsOutcome, log: (line: string) => void): Promise<void> {
  log(`  ${what}: claim ${claim.status}, read ${claim.read} = accepted ${claim.accepted} + rejected ${claim.rejected}`);
  const { lines, reconciled, disputeNumber } = await claimOutcome(client, claim);
  for (const line of lines) log(`    ${line}`);
  if (reconciled) outcome.claimsReconciled++;
  if (disputeNumber) outcome.disputesOpened.push(disputeNumber);
}
