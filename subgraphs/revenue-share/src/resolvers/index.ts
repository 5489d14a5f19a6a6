import { ContentServiceResolver } from "./catalog/content-service.resolver";
import { ShareAgreementResolver, WaterfallStepResolver } from "./catalog/share-agreement.resolver";
import { StatementResolver, StatementRunResolver } from "./statements/statement.resolver";
import { StatementEventResolver } from "./statements/statement-events.resolver";
import { transactionResolvers, transactionsUpload } from "./transactions";

export const revenueShareResolvers = [ContentServiceResolver, ShareAgreementResolver, WaterfallStepResolver, StatementResolver, StatementRunResolver, StatementEventResolver, ...transactionResolvers] as const;
export * from "./context";
export { statementDownloads } from "./statements/statement.downloads";
export { transactionsUpload };
