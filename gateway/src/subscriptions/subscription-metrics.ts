import { Counter, Gauge, register } from "prom-client";

// The process's one registry, shared with @intersettle/shared's metrics (GET /metrics); reused if already registered.
function metric<M>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

export const subscriptionClients = metric("intersettle_gateway_subscriptions", () =>
  new Gauge({ name: "intersettle_gateway_subscriptions", help: "Client subscriptions the gateway is serving." }),
);

export const upstreamStreams = metric("intersettle_gateway_upstream_subscriptions", () =>
  new Gauge({
    name: "intersettle_gateway_upstream_subscriptions",
    help: "Subscriptions the gateway holds open to subgraphs, by subgraph: clients of one topic and scope share one.",
    labelNames: ["subgraph"] as const,
  }),
);

export const upstreamReconnects = metric("intersettle_gateway_upstream_reconnects_total", () =>
  new Counter({
    name: "intersettle_gateway_upstream_reconnects_total",
    help: "Upstream subscriptions reopened after their connection dropped, by subgraph.",
    labelNames: ["subgraph"] as const,
  }),
);

export const upstreamEvents = metric("intersettle_gateway_upstream_events_total", () =>
  new Counter({ name: "intersettle_gateway_upstream_events_total", help: "Events received from subgraph subscriptions, by subgraph.", labelNames: ["subgraph"] as const }),
);
