import type { TestHub } from "./test-hub";
import { createPartner } from "./fixtures";

/** A routing world built through the gateway: partners with agreements, their cards and decks, routing plans. */
export async function ok<T = any>(hub: TestHub, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export const DECK_FROM = "2026-01-01T00:00:00Z";

/** A partner with an ACTIVE VOICE agreement from 2026-01-01. */
export async function routedPartner(hub: TestHub, code: string, roles: string[], overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const partner = await createPartner(hub, code, { roles, timezone: "UTC", ...overrides });
  await ok(hub, `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`, {
    i: { partnerId: partner.id, reference: `${code}-AGR`, type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", status: "ACTIVE" },
  });
  return { id: partner.id, code };
}

/** A card with a deck imported through the gateway; its id. */
export async function cardWithDeck(hub: TestHub, partnerId: string, direction: "SELL" | "BUY", deck: string, options: { currency?: string; name?: string; effectiveFrom?: string } = {}): Promise<string> {
  const card = await ok(hub, `mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`, {
    i: { partnerId, name: options.name ?? `${direction.toLowerCase()}-${partnerId.slice(-6)}`, direction, currency: options.currency ?? "USD", service: "VOICE" },
  });
  await importDeck(hub, card.createRateCard.id, deck, options.effectiveFrom);
  return card.createRateCard.id;
}

export async function importDeck(hub: TestHub, rateCardId: string, deck: string, effectiveFrom = DECK_FROM): Promise<void> {
  await ok(hub, `mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId, mode: "FULL", content: `prefix,destination,rate\n${deck}`, effectiveFrom } });
}

export async function setPlan(hub: TestHub, input: Record<string, unknown>): Promise<{ id: string }> {
  const res = await ok(hub, `mutation($i: SetRoutingPlanInput!) { setRoutingPlan(input: $i) { id } }`, { i: { effectiveFrom: DECK_FROM, ...input } });
  return res.setRoutingPlan;
}

export const ROUTE_FIELDS = `customerId number digits routable sell { prefix destination rate currency }
  routes { vendor { id } vendorId prefix destination rate currency cost margin priority weight share override quality { calls asr acd } }
  dropped { vendorId reason detail } unroutable { reason detail }`;

/** `routes` through the gateway; `as` is a partner key (default: the admin). */
export async function routes(hub: TestHub, customerId: string, number: string, options: { at?: string; limit?: number; explain?: boolean; as?: string } = {}) {
  const res = await hub.query(
    `query($c: ID!, $n: String!, $at: DateTimeISO, $l: Int, $e: Boolean) { routes(customerId: $c, number: $n, at: $at, limit: $l, explain: $e) { ${ROUTE_FIELDS} } }`,
    { c: customerId, n: number, at: options.at ?? "2026-11-20T10:00:00Z", l: options.limit ?? null, e: options.explain ?? true },
    options.as,
  );
  return res;
}

/** The vendor ids of an answer's routes, in order. */
export const order = (answer: { routes: Array<{ vendorId: string }> }) => answer.routes.map((r) => r.vendorId);

/** Polls until `check` holds (or the time is up); how long it took. */
export async function until(check: () => Promise<boolean>, withinMs: number, everyMs = 25): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
