import { BadUserInputError, ForbiddenError, NotFoundError, PartnerScope, RatedService, type Principal } from "@intersettle/shared";
import type { RouteAnswer } from "../../domain/route-types";
import type { PartnerDirectory } from "../partners/partner-directory";
import type { RoutingPlans } from "../plans/routing-plans";
import { draftPlan, type PlanTerms } from "../plans/plan-terms";
import type { LiveRoutingIndex } from "./live-routing-index";

export interface RouteQuery {
  customerId: string;
  number: string;
  at?: Date | null;
  limit?: number | null;
  service?: RatedService | null;
  explain?: boolean | null;
}

export interface SimulationQuery {
  customerId: string;
  numbers: string[];
  at?: Date | null;
  limit?: number | null;
  service?: RatedService | null;
  plan?: PlanTerms | null;
}

/** Routes a call is offered unless the caller asks for fewer. */
export const DEFAULT_ROUTE_LIMIT = 10;

/**
 * Route lookups for a principal. A partner asks only about itself as customer (another customer is NOT_FOUND, as an
 * unknown one is) and sees what its own calls cost it, never vendors, their costs, margins or drops: that is applied
 * here, to every answer, not by each resolver.
 */
export class RouteQueries {
  constructor(private readonly index: LiveRoutingIndex, private readonly directory: PartnerDirectory, private readonly plans: RoutingPlans) {}

  async routes(principal: Principal, query: RouteQuery): Promise<RouteAnswer> {
    await this.assertCustomer(principal, query.customerId);
    const answer = this.index.routes({ customerId: query.customerId, number: query.number, at: query.at ?? new Date(), limit: query.limit ?? DEFAULT_ROUTE_LIMIT, service: query.service ?? RatedService.VOICE });
    return visibleTo(principal, answer, query.explain === true);
  }

  /** Each number's routes, under a draft plan when one is given (operators only: a plan names vendors); nothing is saved. */
  async simulate(principal: Principal, query: SimulationQuery): Promise<RouteAnswer[]> {
    await this.assertCustomer(principal, query.customerId);
    const at = query.at ?? new Date();
    const requests = query.numbers.map((number) => ({ customerId: query.customerId, number, at, limit: query.limit ?? DEFAULT_ROUTE_LIMIT, service: query.service ?? RatedService.VOICE }));
    if (!query.plan) return requests.map((r) => visibleTo(principal, this.index.routes(r), true));
    if (principal.kind === "partner") throw new ForbiddenError("Routing plans are the hub's: a partner simulates its numbers without one");
    const problems = await this.plans.problems(query.plan, "plan.");
    if (problems.length > 0) throw new BadUserInputError(problems);
    return this.index.simulate(draftPlan(query.customerId, query.plan), requests);
  }

  /** The customer exists for this caller, or NOT_FOUND: the same answer for another partner's id and an unknown one. */
  async assertCustomer(principal: Principal, customerId: string): Promise<void> {
    PartnerScope.of(principal).assertSees(customerId, "Partner", customerId);
    if (this.index.knows(customerId)) return;
    await this.directory.consumer.drain();
    if (!this.index.knows(customerId)) throw new NotFoundError("Partner", customerId);
  }
}

/** What of an answer the principal may see; the explanation only when asked for. */
export function visibleTo(principal: Principal, answer: RouteAnswer, explain: boolean): RouteAnswer {
  if (principal.kind === "partner") {
    const unroutable = answer.unroutable && { reason: answer.unroutable.reason, detail: PARTNER_DETAIL[answer.unroutable.reason] ?? answer.unroutable.detail };
    return { ...answer, routes: [], dropped: [], unroutable };
  }
  return explain ? answer : { ...answer, dropped: [] };
}

/** Details that would describe vendors are told to partners in general terms. */
const PARTNER_DETAIL: Partial<Record<NonNullable<RouteAnswer["unroutable"]>["reason"], string>> = {
  NO_ROUTES: "no route is available for this number",
};
