import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { BadUserInputError } from "../errors";
import { sqlState } from "../db/postgres-error";
import { Bound, MaxChars } from "./input-bounds";

@Directive("@shareable")
@ObjectType({ description: "Where a page of a cursor connection stands." })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: "Page size, 1 to 500." })
  first: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page." })
  @MaxChars(Bound.CURSOR)
  after?: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  /** Counted only when a client selects it (graphql's default resolver calls it): a count can scan far more than a page. */
  totalCount: () => Promise<number>;
}

/** `XConnection` and `XEdge` object types for an item type. */
export function Connection<T extends object>(itemType: ClassType<T>, name = itemType.name) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => itemType)
    node: T;
  }

  @ObjectType()
  abstract class ConnectionType implements Page<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    // `simple`: graphql's own resolver, which calls the function; type-graphql's would return it uncalled.
    @Field(() => Int, { description: "Items matching the filter, across all pages.", simple: true })
    totalCount: () => Promise<number>;
  }
  return ConnectionType;
}

/** A sort key of a keyset page: the SQL expression and how to read it off an item. */
export interface PageKey<T> {
  column: string;
  value: (item: T) => string | number | Date;
}

/**
 * Keyset pagination: items strictly after the cursor in the order of `keys` (which together must be unique).
 * The cursor encodes the last item's key values, so pages stay stable while rows are inserted.
 */
export async function fetchPage<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: PageArgs, keys: PageKey<T>[], countQuery: SelectQueryBuilder<T> = query): Promise<Page<T>> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > 500) {
    throw new BadUserInputError([{ field: "first", message: "must be an integer from 1 to 500" }]);
  }
  const counting = countQuery.clone();
  let count: Promise<number> | undefined;
  const totalCount = () => (count ??= counting.getCount());
  const paged = query.clone();
  keys.forEach((key, i) => (i === 0 ? paged.orderBy(key.column, "ASC") : paged.addOrderBy(key.column, "ASC")));
  if (args.after) {
    const values = decodeCursor(args.after, keys.length);
    const params = Object.fromEntries(values.map((v, i) => [`__after${i}`, v]));
    paged.andWhere(`(${keys.map((k) => k.column).join(", ")}) > (${values.map((_, i) => `:__after${i}`).join(", ")})`, params);
  }
  const rows = await paged.take(args.first + 1).getMany().catch((err: unknown) => {
    // PostgreSQL could not take a cursor value as its key's type (SQLSTATE class 22): a forged or damaged cursor.
    if (args.after && sqlState(err)?.startsWith("22")) throw new BadUserInputError([{ field: "after", message: "is not a cursor returned by this connection" }]);
    throw err;
  });
  const items = rows.slice(0, args.first);
  const edges = items.map((node) => ({ node, cursor: encodeCursor(keys.map((k) => k.value(node))) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
}

function encodeCursor(values: Array<string | number | Date>): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString("base64url");
}

export function decodeCursor(cursor: string, length: number): Array<string | number> {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError([{ field: "after", message: "is not a cursor returned by this connection" }]);
}
