import { composeSupergraph, readSupergraph } from "../src/supergraph";

describe("schema/supergraph.graphql", () => {
  it("composes without errors and matches the checked-in file (run `npm run compose` after schema changes)", () => {
    const { supergraphSdl } = composeSupergraph();
    expect(readSupergraph()).toBe(supergraphSdl);
  });
});
