import type { Principal } from "../auth/principal";
import { PartnerScope } from "../auth/partner-scope";
import { beforeEachEvent, resumeAfter, streamEvents } from "../events/event-stream";
import type { EventRecord, EventTopic, SqlExecutor } from "../events/event-log";
import type { EventWakeups } from "../events/wakeups";

export interface PartnerEventStreamOptions {
  topics: EventTopic[];
  /** The subscription's `partnerId` argument: a partner key may ask only for itself; an operator for anyone or all. */
  partnerId?: string | null;
  /** The subscription's `after` argument: resume after this position, else start now. */
  after?: string | null;
  /** Which of the topics' events the subscription delivers (by type or payload); the partner filter is applied too. */
  accept?: (event: EventRecord) => boolean;
  /** Runs before each event is resolved: a long-lived subscription gets fresh loaders per event. */
  beforeEach: () => void;
}

/**
 * The event stream behind every partner-scoped subscription: the caller's scope decides whose events it sees,
 * `after` resumes without a gap, and nothing another partner did is ever delivered.
 */
export async function partnerEventStream(
  source: { dataSource: SqlExecutor; wakeups: EventWakeups },
  principal: Principal,
  options: PartnerEventStreamOptions,
): Promise<AsyncIterableIterator<EventRecord>> {
  const partnerId = PartnerScope.of(principal).partnerFilter(options.partnerId);
  const accept = options.accept;
  const events = await streamEvents(source.dataSource, source.wakeups, {
    topics: options.topics,
    from: resumeAfter(options.after),
    filter: (e) => (!partnerId || e.key === partnerId) && (!accept || accept(e)),
  });
  return beforeEachEvent(events, options.beforeEach);
}
