import { ContentPartner } from "./partners/content-partner.entity";
import { ContentService } from "./catalog/content-service.entity";
import { ShareAgreement } from "./catalog/share-agreement.entity";
import { Statement } from "./statements/statement.entity";
import { StatementLineEntity } from "./statements/statement-line.entity";
import { StatementUsage } from "./statements/statement-usage.entity";
import { StatementRun } from "./statements/statement-run.entity";
import { StatementNumberSeries } from "./statements/statement-number.entity";
import { transactionEntities } from "./transactions";

export * from "./enums";
export * from "./partners/content-partner.entity";
export * from "./catalog/content-service.entity";
export * from "./catalog/share-agreement.entity";
export * from "./catalog/stored-terms";
export * from "./statements/statement.entity";
export * from "./statements/statement-usage.entity";
export * from "./statements/statement-line.entity";
export * from "./statements/statement-run.entity";
export * from "./statements/statement-number.entity";

export const revenueShareEntities = [ContentPartner, ContentService, ShareAgreement, Statement, StatementLineEntity, StatementUsage, StatementRun, StatementNumberSeries, ...transactionEntities];
