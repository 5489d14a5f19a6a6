import type { DataSource } from "typeorm";
import type { EventWakeups, Logger } from "@intersettle/shared";
import { PartnerService } from "./partner.service";
import { AgreementService } from "./agreement.service";
import { CredentialService } from "./credential.service";
import { AuditQueryService } from "./audit-query.service";
import { CreditAccounts } from "./credit/credit-accounts";
import { CreditControl } from "./credit/credit-control";
import { CreditQueries } from "./credit/credit-queries";
import { PartnerBlocks } from "./credit/partner-blocks";

export interface PartnerServices {
  dataSource: DataSource;
  wakeups: EventWakeups;
  partners: PartnerService;
  agreements: AgreementService;
  credentials: CredentialService;
  audit: AuditQueryService;
  /** Operators' blocks and unblocks. */
  blocks: PartnerBlocks;
  /** The consumer that keeps exposure current and blocks by it. */
  creditControl: CreditControl;
  credit: CreditQueries;
}

export function createPartnerServices(dataSource: DataSource, wakeups: EventWakeups, logger?: Logger): PartnerServices {
  const accounts = new CreditAccounts();
  const blocks = new PartnerBlocks(dataSource, accounts);
  const partners = new PartnerService(dataSource, accounts, blocks);
  return {
    dataSource,
    wakeups,
    partners,
    agreements: new AgreementService(dataSource),
    credentials: new CredentialService(dataSource),
    audit: new AuditQueryService(dataSource),
    blocks,
    creditControl: new CreditControl(dataSource, wakeups, accounts, logger),
    credit: new CreditQueries(dataSource, partners),
  };
}
