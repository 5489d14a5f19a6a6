import type { EntityManager } from "typeorm";
import { appendEvents, Decimal } from "@intersettle/shared";
import type { FxHistory } from "@intersettle/shared";
import type { PartnerSignals } from "../../domain/fraud/call-signals";
import { trafficBatchPayloads, type LegDestinationFigures, type TrafficBatchPayload } from "../../domain/traffic/traffic-batch";
import type { ChunkEvents } from "../mediation/cdr-chunk-writer";

/** What every block of one job (ingestion or re-rating) shares for its traffic events. */
export interface TrafficEventSettings {
  jobId: string;
  kind: TrafficBatchPayload["kind"];
  baseCurrency: string;
  /** Invoicing currencies of the partners the job can meet. */
  currencies: ReadonlyMap<string, string>;
  fx: FxHistory;
}

export const TRAFFIC_BATCH = "traffic.batch";

/**
 * The `traffic.batch` events of one committed block: one per partner leg it touched, appended in the block's own
 * transaction (so an event exists exactly when its calls do), from the totals the block already summed.
 */
export function trafficBatchEvents(settings: TrafficEventSettings, blocked: string[], signals: PartnerSignals[] = []): ChunkEvents {
  return {
    async append(manager: EntityManager, figures: LegDestinationFigures[], whole: boolean) {
      const payloads = trafficBatchPayloads(figures.filter(moves), {
        ...settings,
        blocked: new Set(blocked),
        partnerCurrency: (partnerId) => settings.currencies.get(partnerId),
        fxAt: (epochMs) => settings.fx.on(Math.floor(epochMs / DAY_MS)),
        // Signals were seen on every call rated; a block some of whose calls were stored before reports none twice.
        signals: whole ? signals : [],
      });
      await appendEvents(manager, payloads.map((payload) => ({ topic: "traffic", type: TRAFFIC_BATCH, key: payload.partnerId, producer: "rating", payload })));
    },
  };
}

/** A re-rating that changed nothing for a leg and destination publishes nothing for it. */
const moves = (f: LegDestinationFigures) => f.calls !== 0 || f.answered !== 0 || f.seconds !== 0 || [f.amount, f.revenueBase, f.costBase].some((a) => !new Decimal(a).isZero());

const DAY_MS = 86_400_000;
