import { ContentServiceResolver } from "./catalog/content-service.resolver";
import { ShareAgreementResolver, WaterfallStepResolver } from "./catalog/share-agreement.resolver";
import { StatementResolver, StatementRunResolver } from "./statements/statement.resolver";
import { StatementEventResolver } from "./statements/statement-events.resolver";

export const revenueShareResolvers = [ContentServiceResolver, ShareAgreementResolver, WaterfallStepResolver, StatementResolver, StatementRunResolver, StatementEventResolver] as const;
export * from "./context";
export { statementDownloads } from "./statements/statement.downloads";
