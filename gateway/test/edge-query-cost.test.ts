import { buildSchema, parse, validate, type OperationDefinitionNode } from "graphql";
import { costLimitRule, DEFAULT_PAGE_SIZE, operationCost, OperationCosts } from "../src/query-cost";

const schema = buildSchema(`
  type Query { partners(first: Int = 50, after: String): PartnerConnection! viewer: Viewer! tags: [String!]! }
  type Viewer { kind: String! roles: [String!]! }
  type PartnerConnection { totalCount: Int! edges: [PartnerEdge!]! pageInfo: PageInfo! }
  type PartnerEdge { cursor: String! node: Partner! }
  type PageInfo { hasNextPage: Boolean! }
  type Partner { id: ID! code: String! contacts: [Contact!]! agreements(first: Int): AgreementConnection! }
  type Contact { email: String! }
  type AgreementConnection { edges: [AgreementEdge!]! }
  type AgreementEdge { node: Agreement! }
  type Agreement { id: ID! reference: String! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
}

describe("operation cost", () => {
  it("counts each field once when nothing is a list", () => {
    expect(cost(`{ viewer { kind roles } }`)).toBe(3);
  });

  it("counts a connection's items as many times as first asks, and only under its list", () => {
    // partners 1 + totalCount 1 + pageInfo 1 + hasNextPage 1 + edges 1 + (node + id + code) × 10
    expect(cost(`{ partners(first: 10) { totalCount pageInfo { hasNextPage } edges { node { id code } } } }`)).toBe(5 + 3 * 10);
  });

  it("takes the schema's default page, or 50 when the field has none", () => {
    expect(cost(`{ partners { edges { node { id } } } }`)).toBe(2 + 2 * 50);
    expect(cost(`{ partners(first: 1) { edges { node { agreements { edges { node { id } } } } } } }`)).toBe(2 + 3 + 2 * DEFAULT_PAGE_SIZE);
  });

  it("multiplies nested connections", () => {
    const nested = (outer: number, inner: number) => `{ partners(first: ${outer}) { edges { node { agreements(first: ${inner}) { edges { node { id reference } } } } } } }`;
    // partners, edges; per partner: node, agreements, edges; per agreement: node, id, reference
    expect(cost(nested(500, 500))).toBe(2 + 3 * 500 + 3 * 500 * 500);
    expect(cost(nested(500, 500)) / cost(nested(5, 5))).toBeGreaterThan(8000); // a hundred times the page on each level
  });

  it("reads first from variables, then from the variable's default", () => {
    const query = `query($n: Int = 20) { partners(first: $n) { edges { node { id } } } }`;
    expect(cost(query, { n: 400 })).toBe(2 + 2 * 400);
    expect(cost(query)).toBe(2 + 2 * 20);
  });

  it("counts fields reached through fragments, inline or named", () => {
    const named = `query { partners(first: 10) { edges { ...E } } } fragment E on PartnerEdge { node { id } }`;
    expect(cost(named)).toBe(2 + 2 * 10);
    expect(cost(`{ partners(first: 10) { edges { ... on PartnerEdge { node { id } } } } }`)).toBe(2 + 2 * 10);
  });
});

describe("cost limit rule", () => {
  it("reports an operation over the limit as a validation error, and none under it", () => {
    const big = parse(`{ partners(first: 500) { edges { node { agreements(first: 500) { edges { node { id } } } } } } }`);
    const [error] = validate(schema, big, [costLimitRule(20000)]);
    expect(error.message).toMatch(/Query cost limit of 20000 exceeded: this operation costs \d+/);
    expect(validate(schema, parse(`{ viewer { kind } }`), [costLimitRule(20000)])).toEqual([]);
  });

  it("sees the page size a variable asks for", () => {
    const doc = parse(`query($n: Int) { partners(first: $n) { edges { node { id } } } }`);
    expect(validate(schema, doc, [costLimitRule(500, { n: 10 })])).toEqual([]);
    expect(validate(schema, doc, [costLimitRule(500, { n: 500 })])).toHaveLength(1);
  });
});

describe("operation costs kept per document", () => {
  it("works a document's cost out once, and again only for other page-size values", () => {
    const costs = new OperationCosts();
    const doc = parse(`query($n: Int, $q: String) { partners(first: $n, after: $q) { edges { node { id } } } }`);
    // Working a cost out reads the document's definitions; answering from what is kept does not.
    const reads = jest.spyOn(doc.definitions, "filter");
    expect(costs.of(schema, doc, { n: 10, q: "a" })[0][1]).toBe(cost(`{ partners(first: 10) { edges { node { id } } } }`));
    const perWorking = reads.mock.calls.length;
    // Another cursor does not change the cost: the answer kept is used.
    expect(costs.of(schema, doc, { n: 10, q: "b" })[0][1]).toBe(costs.of(schema, doc, { n: 10 })[0][1]);
    expect(reads).toHaveBeenCalledTimes(perWorking);
    expect(costs.of(schema, doc, { n: 500 })[0][1]).toBe(cost(`{ partners(first: 500) { edges { node { id } } } }`));
    expect(costs.of(schema, doc, {})[0][1]).toBe(cost(`{ partners { edges { node { id } } } }`));
    expect(reads).toHaveBeenCalledTimes(3 * perWorking);
  });

  it("costs every operation of the document, as the validation rule does", () => {
    const doc = parse(`query Small { viewer { kind } } query Big { partners(first: 500) { edges { node { agreements(first: 500) { edges { node { id } } } } } } }`);
    const [small, big] = new OperationCosts().of(schema, doc);
    expect(small[1]).toBe(2);
    expect(big[1]).toBeGreaterThan(20000);
  });
});
