import { Authorized, Directive, Field, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { Role, type EventTopic, type EventWakeups } from "@intersettle/shared";
import type { PartnersContext } from "./context";

/** What can change the principal a bearer secret stands for: keys and tokens, and partners' status. */
const TOPICS: ReadonlySet<string> = new Set<EventTopic>(["credentials", "partners"]);

@Directive("@inaccessible")
@ObjectType({ description: "Internal: a commit that may alter what a bearer secret stands for." })
export class CredentialChange {
  @Field({ description: "LISTENING first, once every later commit will be relayed; then CHANGED for each commit's notification." })
  type: "LISTENING" | "CHANGED";

  @Field(() => String, { nullable: true, description: "The event log topic committed to (CHANGED)." })
  topic: string | null;
}

/**
 * What a gateway without a database connection (docker-compose) follows to keep its principal cache honest: the
 * event log's notifications on the `credentials` and `partners` topics, relayed as they arrive (no read of the log in
 * between). The stream ends when this subgraph's LISTEN connection fails, so the gateway stops serving from cache.
 */
@Resolver(() => CredentialChange)
export class CredentialChangeResolver {
  @Directive("@inaccessible")
  @Authorized(Role.SERVICE)
  @Subscription(() => CredentialChange, {
    description: "Internal: the gateway empties its principal cache on each CHANGED.",
    subscribe: ({ context }) => relayNotifications((context as PartnersContext).services.wakeups),
  })
  credentialChanges(@Root() change: CredentialChange): CredentialChange {
    return change;
  }
}

function relayNotifications(wakeups: EventWakeups): AsyncIterableIterator<CredentialChange> {
  const queue: CredentialChange[] = wakeups.isListening ? [{ type: "LISTENING", topic: null }] : [];
  let ended = !wakeups.isListening;
  let wake: (() => void) | undefined;
  const unsubscribe = wakeups.subscribe((topic) => {
    if (!TOPICS.has(topic)) return;
    queue.push({ type: "CHANGED", topic });
    wake?.();
  });
  const unwatch = wakeups.watchConnection((listening) => {
    if (listening) return;
    ended = true;
    wake?.();
  });
  const end = () => {
    ended = true;
    unsubscribe();
    unwatch();
    wake?.();
  };
  const iterator: AsyncIterableIterator<CredentialChange> = {
    async next() {
      while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      // A lost connection ends the stream at once, even with changes queued: the gateway stops trusting its cache.
      if (ended) {
        end();
        return { done: true, value: undefined };
      }
      return { done: false, value: queue.shift()! };
    },
    async return() {
      end();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
