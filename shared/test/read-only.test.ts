import type { GraphQLResolveInfo } from "graphql";
import { assertMayWrite, OperatorRole, principalAuthChecker, READ_ONLY_MESSAGE, type Principal } from "../src/auth";

const blocked: Principal = { kind: "partner", partnerId: "p1", credentialId: "c1", readOnly: true };
const active: Principal = { kind: "partner", partnerId: "p1", credentialId: "c1" };
const operator: Principal = { kind: "operator", id: "o1", name: "noc", roles: [OperatorRole.OPERATOR] };

function check(principal: Principal, operation: "query" | "mutation" | "subscription", roles: string[] = []) {
  const info = { operation: { operation } } as GraphQLResolveInfo;
  return principalAuthChecker({ context: { principal }, info, root: {}, args: {} }, roles);
}

describe("read-only principals", () => {
  it("may read and subscribe, but any mutation is FORBIDDEN whatever roles it asks for", () => {
    expect(check(blocked, "query")).toBe(true);
    expect(check(blocked, "subscription", ["PARTNER"])).toBe(true);
    for (const roles of [[], ["PARTNER"], ["OPERATOR"]]) {
      expect(() => check(blocked, "mutation", roles)).toThrow(READ_ONLY_MESSAGE);
    }
  });

  it("leaves other principals' mutations to their roles", () => {
    expect(check(active, "mutation")).toBe(true);
    expect(check(operator, "mutation", ["OPERATOR"])).toBe(true);
    expect(() => check(active, "mutation", ["OPERATOR"])).toThrow("Requires one of: OPERATOR");
  });

  it("refuses writes outside GraphQL (file uploads) through assertMayWrite", () => {
    expect(() => assertMayWrite(blocked)).toThrow(expect.objectContaining({ message: READ_ONLY_MESSAGE, extensions: { code: "FORBIDDEN" } }));
    expect(() => assertMayWrite(active)).not.toThrow();
    expect(() => assertMayWrite(operator)).not.toThrow();
  });
});
