import { ContentSourceResolver } from "./content-source.resolver";
import { ContentIngestionResolver } from "./content-ingestion.resolver";

/** The transactions capability's resolvers, for the subgraph's resolver list. */
export const transactionResolvers = [ContentSourceResolver, ContentIngestionResolver] as const;
export { transactionsUpload } from "./transactions.upload";
