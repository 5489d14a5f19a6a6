import Papa from "papaparse";
import { ASTERISK_LAYOUT, CdrFormat, FREESWITCH_LAYOUT, layoutFor, normalizeDisposition, parseCdr, resolveCdrColumns, type CdrSourceRules, toE164, trunkOfChannel } from "@intersettle/shared";
import { sharedDestination } from "../src/domain/mediation/shared-destination";
import { Decimal, RoundingMode } from "@intersettle/shared";
import { classifyLegs } from "../src/domain/mediation/call-legs";
import { planTrunks, resolveSide, type TrunkMapping } from "../src/domain/mediation/trunk-mapping";
import { rateCdr, type PricingLookup } from "../src/domain/mediation/rate-cdr";
import { buildRatingCard } from "@intersettle/shared";
import { RatedService } from "@intersettle/shared";

const limits = { maxDurationSeconds: 604_800, earliestMs: Date.UTC(2021, 0, 1), latestMs: Date.UTC(2029, 0, 1) };
const london: CdrSourceRules = { timezone: "Europe/London", countryCode: "44", nationalPrefix: "0", technicalPrefix: "1010#", limits };
const csv = (line: string) => Papa.parse<string[]>(line).data[0];

describe("switch formats", () => {
  it("reads an Asterisk Master.csv record (local time, billsec, channels to trunks)", () => {
    const line = `"1001","+442079460018","00919876543210","from-carrier","""Alice"" <+442079460018>","SIP/carrierA-0000001a","SIP/vendorB-0000001b","Dial","SIP/vendorB/00919876543210,60","2026-11-20 10:15:00","2026-11-20 10:15:05","2026-11-20 10:17:10","130","125","DOCUMENTATION","ANSWERED","","1763633700.26"`;
    const { columns } = resolveCdrColumns(ASTERISK_LAYOUT);
    const { cdr, problem } = parseCdr(csv(line), columns, ASTERISK_LAYOUT, london);
    expect(problem).toBeUndefined();
    expect(cdr).toMatchObject({ callId: "1763633700.26", durationSeconds: 125, aNumber: "442079460018", bNumber: "919876543210", ingress: "carrierA", egress: "vendorB", account: "1001", disposition: "ANSWERED", service: "VOICE", units: 125 });
    expect(cdr!.start.toISOString()).toBe("2026-11-20T10:15:00.000Z");
  });

  it("reads a FreeSWITCH mod_cdr_csv default-template record", () => {
    const line = `"Alice","+442079460018","919876543210","public","2026-07-20 10:15:00","2026-07-20 10:15:05","2026-07-20 10:17:10","130","125","NORMAL_CLEARING","0f6e5e2a-2c1b-4f7e-9d1c-3a1b2c3d4e5f","","carrierA","PCMA","PCMA"`;
    const { columns } = resolveCdrColumns(FREESWITCH_LAYOUT);
    const { cdr } = parseCdr(csv(line), columns, FREESWITCH_LAYOUT, london);
    expect(cdr).toMatchObject({ callId: "0f6e5e2a-2c1b-4f7e-9d1c-3a1b2c3d4e5f", durationSeconds: 125, bNumber: "919876543210", ingress: "public", account: "carrierA", disposition: "ANSWERED" });
    expect(cdr!.start.toISOString()).toBe("2026-07-20T09:15:00.000Z"); // BST
  });

  it("reads the native CSV by header, with SMS units", () => {
    const layout = layoutFor(CdrFormat.NATIVE);
    const header = ["call_id", "start", "duration", "a_number", "b_number", "ingress", "egress", "disposition", "service", "units"];
    const { columns, missing } = resolveCdrColumns(layout, header);
    expect(missing).toEqual([]);
    const { cdr } = parseCdr(["m-1", "2026-11-20T10:00:00Z", "0", "447700900001", "6591234567", "cloudsms", "sg-route", "ANSWERED", "sms", "3"], columns, layout, london);
    expect(cdr).toMatchObject({ service: "SMS", units: 3, bNumber: "6591234567" });
  });

  it("names the field that makes a record unusable", () => {
    const { columns } = resolveCdrColumns(ASTERISK_LAYOUT);
    const bad = (i: number, v: string) => {
      const values = csv(`"1001","+44","0207","ctx","","SIP/a-01","SIP/b-02","Dial","","2026-11-20 10:15:00","","","10","9","","ANSWERED","",""`);
      values[i] = v;
      return parseCdr(values, columns, ASTERISK_LAYOUT, london).problem;
    };
    expect(bad(9, "yesterday")).toEqual({ field: "start", message: "start 'yesterday' is not in the format YYYY-MM-DD HH:MM:SS, optionally with a fraction and Z or ±HH:MM (ISO 8601)" });
    expect(bad(13, "-4")).toEqual({ field: "duration", message: "duration '-4' is not a whole or decimal number of seconds" });
    expect(bad(2, "anonymous")).toEqual({ field: "b_number", message: "b_number 'anonymous' has no digits to route on" });
    expect(bad(17, "")).toEqual({ field: "call_id", message: "call_id is empty" });
  });

  it("maps each switch's dispositions to one vocabulary", () => {
    expect(["ANSWERED", "NORMAL_CLEARING", "NO ANSWER", "USER_BUSY", "FAILED", "NORMAL_TEMPORARY_FAILURE"].map(normalizeDisposition)).toEqual(["ANSWERED", "ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "FAILED"]);
  });
});

describe("numbers and legs", () => {
  it("normalizes to E.164 digits", () => {
    expect(toE164("1010#02079460018", london)).toBe("442079460018");
    expect(toE164("+91 98765 43210", london)).toBe("919876543210");
    expect(toE164("0091 98765 43210", london)).toBe("919876543210");
    expect(toE164("011 44 20 7946 0018", { internationalPrefix: "011", countryCode: "1", nationalPrefix: "1" })).toBe("442079460018");
    expect(toE164("---", london)).toBeUndefined();
  });

  it("classifies transit, inbound, outbound", () => {
    expect(classifyLegs("a", "b")).toEqual({ type: "TRANSIT", customerId: "a", vendorId: "b" });
    expect(classifyLegs("a", null)).toEqual({ type: "INBOUND", customerId: "a", vendorId: null });
    expect(classifyLegs(null, "b")).toEqual({ type: "OUTBOUND", customerId: null, vendorId: "b" });
    expect(trunkOfChannel("PJSIP/trunk_b-00000003")).toBe("trunk_b");
  });

  it("prefers a trunk match over an account match over the source default", () => {
    const mappings: TrunkMapping[] = [
      { id: "m-default", side: "INGRESS", match: "DEFAULT", value: "", partnerId: "feed-owner" },
      { id: "m-account", side: "BOTH", match: "ACCOUNT", value: "1001", partnerId: "by-account" },
      { id: "m-trunk", side: "INGRESS", match: "TRUNK", value: "carrierA", partnerId: "by-trunk" },
      { id: "m-local", side: "EGRESS", match: "TRUNK", value: "local", partnerId: null },
    ];
    const plan = planTrunks(mappings);
    expect(resolveSide(plan, "INGRESS", "carrierA", "1001")).toEqual({ mapped: true, partnerId: "by-trunk", mappingId: "m-trunk" });
    expect(resolveSide(plan, "INGRESS", "other", "1001")).toEqual({ mapped: true, partnerId: "by-account", mappingId: "m-account" });
    expect(resolveSide(plan, "INGRESS", "other", "")).toEqual({ mapped: true, partnerId: "feed-owner", mappingId: "m-default" });
    expect(resolveSide(plan, "EGRESS", "local", "")).toEqual({ mapped: true, partnerId: null, mappingId: "m-local" });
    expect(resolveSide(plan, "EGRESS", "unknown", "")).toEqual({ mapped: false });
  });
});

describe("rating both legs", () => {
  const rows = (rate: string) => [{ prefix: "91", destination: "India", rate: new Decimal(rate), nextRate: new Decimal(rate), connectFee: new Decimal(0), initialInterval: 1, nextInterval: 1, gracePeriod: 0, effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: null, timeBand: null, version: 1 }];
  const sell = buildRatingCard({ service: RatedService.VOICE, currency: "USD", timezone: "UTC", bands: [] }, rows("0.012"));
  const buy = buildRatingCard({ service: RatedService.VOICE, currency: "USD", timezone: "UTC", bands: [] }, rows("0.009"));
  const pricing: PricingLookup = (partner, direction) =>
    partner === "cust" && direction === "SELL" ? { card: sell, cardId: "sell", rounding: { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: true } } : partner === "vend" && direction === "BUY" ? { card: buy, cardId: "buy", rounding: { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: false } } : undefined;
  const mappings = planTrunks([
    { id: "m-in", side: "INGRESS", match: "TRUNK", value: "in", partnerId: "cust" },
    { id: "m-out", side: "EGRESS", match: "TRUNK", value: "out", partnerId: "vend" },
    { id: "m-onnet", side: "EGRESS", match: "TRUNK", value: "onnet", partnerId: null },
  ]);
  const cdr = { callId: "c1", start: new Date("2026-11-20T10:00:00Z"), durationSeconds: 125, aNumber: "44", bNumber: "919876543210", ingress: "in", egress: "out", account: "", disposition: "ANSWERED", service: RatedService.VOICE, units: 125 };
  const billable = { dispositions: ["ANSWERED"], minBillableSeconds: 1 };

  it("bills the customer and pays the vendor on a transit call", () => {
    const r = rateCdr(cdr, mappings, billable, pricing);
    expect(r).toMatchObject({ status: "RATED", callType: "TRANSIT", billable: true });
    expect(r.customer!.amount.toFixed()).toBe("0.025"); // 125 s × 0.012/min = 0.025
    expect(r.vendor!.amount.toFixed()).toBe("0.01875"); // not rounded: the vendor rounds per invoice line
  });

  it("leaves unmapped trunks and missing cards UNRATED with the reason, and bills unanswered calls nothing", () => {
    expect(rateCdr({ ...cdr, ingress: "mystery" }, mappings, billable, pricing)).toMatchObject({ status: "UNRATED", unratedReason: "NO_PARTNER_MAPPING: ingress 'mystery'" });
    expect(rateCdr({ ...cdr, bNumber: "331234" }, mappings, billable, pricing).unratedReason).toMatch(/^NO_PREFIX_MATCH: SELL card sell/);
    const inbound = rateCdr({ ...cdr, egress: "onnet" }, mappings, billable, pricing);
    expect(inbound).toMatchObject({ status: "RATED", callType: "INBOUND", vendor: null });
    const unanswered = rateCdr({ ...cdr, disposition: "NO_ANSWER", durationSeconds: 0, units: 0 }, mappings, billable, pricing);
    expect(unanswered).toMatchObject({ status: "RATED", billable: false });
    expect(unanswered.customer!.amount.toFixed()).toBe("0");
  });

  it("holds only voice calls to the shortest billable duration: messages bill whatever theirs, on their own service", () => {
    const sms = buildRatingCard({ service: RatedService.SMS, currency: "USD", timezone: "UTC", bands: [] }, rows("0.02"));
    const smsPricing: PricingLookup = (partner, direction, service, atMs, mappingId) =>
      service === RatedService.SMS ? { card: sms, cardId: `sms-${direction}`, rounding: { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: true } } : pricing(partner, direction, service, atMs, mappingId);
    const rules = { dispositions: ["ANSWERED"], minBillableSeconds: 5 };
    const message = rateCdr({ ...cdr, service: RatedService.SMS, durationSeconds: 0, units: 3 }, mappings, rules, smsPricing);
    expect(message).toMatchObject({ status: "RATED", billable: true, customer: { service: RatedService.SMS }, vendor: { service: RatedService.SMS } });
    expect(message.customer!.amount.toFixed()).toBe("0.06");
    const short = rateCdr({ ...cdr, durationSeconds: 4, units: 4 }, mappings, rules, smsPricing);
    expect(short).toMatchObject({ status: "RATED", billable: false, customer: { service: RatedService.VOICE } });
  });
});

describe("sharedDestination", () => {
  it("names a call by the catalogue, or by a deck only when the other partner's deck agrees", () => {
    expect(sharedDestination("United Kingdom Mobile", "UK Mob (A's deck)", "Bravo UK")).toBe("United Kingdom Mobile");
    expect(sharedDestination(null, "UK Mobile", "UK Mobile")).toBe("UK Mobile");
    expect(sharedDestination(null, "UK Mobile", null)).toBe("UK Mobile");
    expect(sharedDestination(null, null, "UK Mobile")).toBe("UK Mobile");
    expect(sharedDestination(null, "A's name", "B's name")).toBeNull();
  });
});
