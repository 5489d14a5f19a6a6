import { errorCodes } from "@intersettle/shared";
import { readQueryLimits } from "../src/query-limits";
import { startTestHub, type TestHub } from "./support/test-hub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub("cost", { limits: { ...readQueryLimits({}), maxCost: 60 } });
});
afterAll(() => hub?.stop());

it("rejects a query whose cost is over the configured limit, before planning it", async () => {
  const cheap = await hub.query(`{ viewer { kind roles } }`);
  expect(cheap.errors).toBeUndefined();
  const costly = await hub.query(`{ partners { edges { node { id code legalName currency timezone agreements { edges { node { id reference type services validFrom validTo } } } } } } }`);
  expect(costly.status).toBe(400);
  expect(errorCodes(costly)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  expect(costly.errors![0].message).toMatch(/cost limit of 60 exceeded/i);
});
