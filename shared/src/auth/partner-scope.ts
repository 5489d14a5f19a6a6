import "reflect-metadata";
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { ForbiddenError, NotFoundError } from "../errors";
import { fetchPage, type Page, type PageArgs, type PageKey } from "../graphql/connection";
import type { Principal } from "./principal";

/** A leg of a shared record (a transit call's customer or vendor side): its fields belong to the partner in `partner`. */
export interface PartnerLeg {
  partner: string;
  fields: string[];
}

/**
 * How partner principals see an entity's rows. Every entity a subgraph maps declares one (checked at start), so a
 * new table cannot be served without a decision about who sees it.
 */
export type PartnerVisibility =
  /** Rows belong to the partners named in `by` (any of them); `legs` and `hidden` fields are masked from partners. */
  | { kind: "owned"; by: string[]; legs: PartnerLeg[]; hidden: string[] }
  /** The hub's own records (sources, jobs, layouts, tokens): partners never read them. */
  | { kind: "operators" }
  /** Reference data every authenticated caller may read (destinations, exchange rates). */
  | { kind: "reference" }
  /** Rows read only through a parent row the scope has admitted (a card's rates): never queried on their own. */
  | { kind: "through"; parent: string };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function;
const declared = new Map<EntityClass, PartnerVisibility>();

/** Rows of this entity belong to the partner(s) in the `by` properties; other partners' legs and `hidden` fields are masked. */
export function PartnerOwned(options: { by: string[]; legs?: PartnerLeg[]; hidden?: string[] }): ClassDecorator {
  return (target) => void declared.set(target, { kind: "owned", by: options.by, legs: options.legs ?? [], hidden: options.hidden ?? [] });
}

export function OperatorsOnly(): ClassDecorator {
  return (target) => void declared.set(target, { kind: "operators" });
}

export function ReferenceData(): ClassDecorator {
  return (target) => void declared.set(target, { kind: "reference" });
}

export function ReadThrough(parent: string): ClassDecorator {
  return (target) => void declared.set(target, { kind: "through", parent });
}

export function visibilityOf(entity: EntityClass): PartnerVisibility {
  const found = declared.get(entity);
  if (!found) throw new Error(`${entity.name} declares no partner visibility (@PartnerOwned, @OperatorsOnly, @ReferenceData or @ReadThrough)`);
  return found;
}

/** Fails a subgraph's start when any of its entities has no partner visibility. */
export function assertEveryEntityScoped(entities: unknown[]): void {
  const missing = entities.filter((e): e is EntityClass => typeof e === "function" && !declared.has(e)).map((e) => e.name);
  if (missing.length > 0) throw new Error(`Entities without a partner visibility: ${missing.join(", ")}`);
}

/**
 * The one place a partner principal's reach is applied: which rows (`restrict`, `admits`), which leg and which fields
 * (`present`). Operators and hub services see everything; a partner sees its own rows, its own leg, no hidden fields.
 */
export class PartnerScope {
  constructor(readonly principal: Principal) {}

  static of(principal: Principal): PartnerScope {
    return new PartnerScope(principal);
  }

  /** The partner the caller is limited to, or undefined when it may see every partner. */
  get partnerId(): string | undefined {
    return this.principal.kind === "partner" ? this.principal.partnerId : undefined;
  }

  /** Narrows a requested partner filter to the caller's own partner; asking for another partner is FORBIDDEN. */
  partnerFilter(requested?: string | null): string | undefined {
    const own = this.partnerId;
    if (!own) return requested ?? undefined;
    if (requested && requested !== own) throw new ForbiddenError("A partner may only read its own records");
    return own;
  }

  /** Another partner's record answers NOT_FOUND, so a partner cannot even learn that it exists. */
  assertSees(partnerId: string | null, entity: string, id: string): void {
    const own = this.partnerId;
    if (own && partnerId !== own) throw new NotFoundError(entity, id);
  }

  /** Limits a query over one entity to the rows the caller may see. */
  restrict<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    const own = this.partnerId;
    if (!own) return query;
    const metadata = query.expressionMap.mainAlias!.metadata;
    const visibility = visibilityOf(metadata.target as EntityClass);
    switch (visibility.kind) {
      case "reference":
        return query;
      case "operators":
        throw new ForbiddenError("Only operators may read these records");
      case "through":
        throw new Error(`${metadata.name} is read through its ${visibility.parent}, never queried on its own for a partner`);
      case "owned": {
        const columns = visibility.by.map((property) => `${query.alias}.${metadata.findColumnWithPropertyName(property)!.databaseName}`);
        return query.andWhere(`(${columns.map((c) => `${c} = :scopePartnerId`).join(" OR ")})`, { scopePartnerId: own });
      }
    }
  }

  /** The one row of `query` the caller may see, presented; NOT_FOUND when there is none or it is another partner's. */
  async one<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, entityName: string, id: string): Promise<T> {
    const entity = query.expressionMap.mainAlias!.metadata.target as EntityClass;
    const row = await this.restrict(query).getOne();
    if (!row) throw new NotFoundError(entityName, id);
    return this.present(entity, row);
  }

  /** A keyset page of the rows the caller may see, each presented as the caller may see it (`countQuery`: how totalCount counts them, when not `query`). */
  async page<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: PageArgs, keys: PageKey<T>[], countQuery?: SelectQueryBuilder<T>): Promise<Page<T>> {
    const entity = query.expressionMap.mainAlias!.metadata.target as EntityClass;
    const page = await fetchPage(this.restrict(query), args, keys, countQuery && this.restrict(countQuery));
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: this.present(entity, edge.node) })) };
  }

  /** Rows by id in the order asked, null for one that does not exist or the caller may not see (for dataloaders). */
  async byIds<T extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: EntityTarget<T>, ids: readonly string[]): Promise<Array<T | null>> {
    const query = dataSource.getRepository(entity).createQueryBuilder("e").andWhere("e.id = ANY(:ids)", { ids: [...ids] });
    const target = query.expressionMap.mainAlias!.metadata.target as EntityClass;
    const byId = new Map((await this.restrict(query).getMany()).map((row) => [row.id, this.present(target, row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Whether the caller may see a row it already holds (loaders, entity references). */
  admits<T extends object>(entity: EntityClass, row: T | null | undefined): row is T {
    if (!row) return false;
    const own = this.partnerId;
    if (!own) return true;
    const visibility = visibilityOf(entity);
    if (visibility.kind === "reference") return true;
    if (visibility.kind !== "owned") return false;
    return visibility.by.some((property) => (row as Record<string, unknown>)[property] === own);
  }

  /** A row as the caller may see it: the legs of other partners and hidden fields are null for a partner. */
  present<T extends object>(entity: EntityClass, row: T): T {
    const own = this.partnerId;
    if (!own) return row;
    const visibility = visibilityOf(entity);
    if (visibility.kind !== "owned" || (visibility.legs.length === 0 && visibility.hidden.length === 0)) return row;
    const masked = { ...row } as Record<string, unknown>;
    for (const leg of visibility.legs) {
      if (masked[leg.partner] !== own) for (const field of leg.fields) masked[field] = null;
    }
    for (const field of visibility.hidden) masked[field] = null;
    return Object.assign(Object.create(Object.getPrototypeOf(row)), masked) as T;
  }
}
