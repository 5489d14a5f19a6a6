import { RatedService } from "@intersettle/shared";
import { AT, Hub, rate } from "./hub";

const table = (hub: Hub, customerId = "c", at = AT) =>
  [...hub.index().lcrTable(customerId, at, RatedService.VOICE)].map((row) => [row.prefix, row.destination, row.sell?.rate.toFixed() ?? null, row.routes.map((r) => `${r.vendorId}@${r.cost.toFixed()}`).join(" ")]);

describe("LCR table", () => {
  it("lists the union of the sell card's and the usable vendors' prefixes in order, each routed like a number equal to it", () => {
    const hub = new Hub()
      .customer("c", [rate("44", "0.20"), rate("4420", "0.10"), rate("33", "0.30")])
      .vendor("v1", [rate("44", "0.05"), rate("447", "0.02")])
      .vendor("v2", [rate("4", "0.50"), rate("44", "0.04"), rate("4420", "0.09")])
      .vendor("shut", [rate("49", "0.01")], { partner: { status: "BLOCKED" } });
    expect(table(hub)).toEqual([
      ["33", "Dest 33", "0.3", ""],
      ["4", "Dest 4", null, ""],
      ["44", "Dest 44", "0.2", "v2@0.04 v1@0.05"],
      ["4420", "Dest 4420", "0.1", "v1@0.05 v2@0.09"],
      ["447", "Dest 447", "0.2", "v1@0.02 v2@0.04"],
    ]);
  });

  it("leaves out prefixes with no rate in force at the time, and yields nothing for an unknown customer", () => {
    const hub = new Hub().customer("c", [rate("44", "0.20"), rate("45", "0.20", { effectiveTo: new Date("2026-02-01T00:00:00Z") })]).vendor("v1", [rate("46", "0.01", { effectiveFrom: new Date("2026-06-01T00:00:00Z") })]);
    expect(table(hub).map((row) => row[0])).toEqual(["44"]);
    expect(table(hub, "c", new Date("2026-06-01T00:00:00Z")).map((row) => row[0])).toEqual(["44", "46"]);
    expect(table(hub, "nobody")).toEqual([]);
  });

  it("streams: rows are computed as they are pulled", () => {
    const hub = new Hub().customer("c", [rate("1", "0.2"), rate("2", "0.2")]).vendor("v1", [rate("1", "0.1"), rate("2", "0.1")]);
    const index = hub.index();
    const rows = index.lcrTable("c", AT, RatedService.VOICE);
    expect(rows.next().value?.routes).toHaveLength(1);
    index.setPartnerStatus("v1", "BLOCKED");
    expect(rows.next().value?.routes).toHaveLength(0);
  });
});
