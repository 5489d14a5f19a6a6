import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, register, type MetricObjectWithValues, type MetricValue } from "prom-client";
import type { RequestHandler } from "express";

// One registry per process: in the one-process hub the gateway and every subgraph share it, told apart by `server`.
// A second copy of this module (sources beside a build) reuses the metrics the first registered.
function metric<M>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

let defaultsCollected = false;
function once(): void {
  if (defaultsCollected || register.getSingleMetric("process_cpu_seconds_total")) return;
  defaultsCollected = true;
  collectDefaultMetrics();
}

export const requestCount = metric("intersettle_requests_total", () =>
  new Counter({
    name: "intersettle_requests_total",
    help: "HTTP requests answered, by server, GraphQL operation (or route) and status.",
    labelNames: ["server", "operation", "status"] as const,
  }),
);

export const requestSeconds = metric("intersettle_request_duration_seconds", () =>
  new Histogram({
    name: "intersettle_request_duration_seconds",
    help: "HTTP request latency, by server and GraphQL operation (or route).",
    labelNames: ["server", "operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
  }),
);

export const ingestionJobs = metric("intersettle_ingestion_jobs_total", () =>
  new Counter({
    name: "intersettle_ingestion_jobs_total",
    help: "CDR ingestion jobs ended, by status (COMPLETED, FAILED, or RUNNING when left to resume).",
    labelNames: ["status"] as const,
  }),
);

export const ingestionRows = metric("intersettle_ingestion_rows_total", () =>
  new Counter({
    name: "intersettle_ingestion_rows_total",
    help: "CDR lines of completed ingestion jobs, by outcome (read, rated, duplicate, rejected, unrated).",
    labelNames: ["outcome"] as const,
  }),
);

export const eventConsumerLag = metric("intersettle_event_consumer_lag_events", () =>
  new Gauge({
    name: "intersettle_event_consumer_lag_events",
    help: "Events of a consumer's topics committed after its cursor (capped at 100000).",
    labelNames: ["consumer"] as const,
  }),
);

export interface IngestionCounts {
  read: number;
  rated: number;
  duplicate: number;
  rejected: number;
  unrated: number;
}

/** Counts one ingestion job's end, and its lines when it completed. */
export function recordIngestionJob(status: string, counts?: IngestionCounts): void {
  ingestionJobs.inc({ status });
  if (!counts) return;
  for (const outcome of ["read", "rated", "duplicate", "rejected", "unrated"] as const) ingestionRows.inc({ outcome }, counts[outcome]);
}

/** Operation names come from clients: bounded so that metrics cannot be made to grow without end. */
const MAX_OPERATION_LABELS = 500;
const seenOperations = new Set<string>();
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return "invalid";
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return "other";
  seenOperations.add(name);
  return name;
}

/** A thread's metrics, as one thread hands them to another. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** This thread's metrics, default process metrics included, for a thread that serves them with its own. */
export function metricsSnapshot(): Promise<MetricsSnapshot> {
  once();
  return register.getMetricsAsJSON();
}

/**
 * GET /metrics in the Prometheus text format. With `alsoFrom` (the hub's gateway on a thread of its own), the other
 * thread's metrics are served with this one's: their series differ by `server`, and the process's default metrics
 * are the other thread's alone.
 */
export function metricsHandler(options: { alsoFrom?: () => Promise<MetricsSnapshot> } = {}): RequestHandler {
  const alsoFrom = options.alsoFrom;
  if (!alsoFrom) once();
  return async (_req, res) => {
    if (!alsoFrom) return void res.type(register.contentType).send(await register.metrics());
    const merged = AggregatorRegistry.aggregate([await register.getMetricsAsJSON(), await alsoFrom()]);
    res.type(merged.contentType).send(await merged.metrics());
  };
}
