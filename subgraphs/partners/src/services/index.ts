import type { DataSource } from "typeorm";
import type { EventWakeups } from "@intersettle/shared";
import { PartnerService } from "./partner.service";
import { AgreementService } from "./agreement.service";
import { CredentialService } from "./credential.service";
import { AuditQueryService } from "./audit-query.service";

export interface PartnerServices {
  dataSource: DataSource;
  wakeups: EventWakeups;
  partners: PartnerService;
  agreements: AgreementService;
  credentials: CredentialService;
  audit: AuditQueryService;
}

export function createPartnerServices(dataSource: DataSource, wakeups: EventWakeups): PartnerServices {
  return {
    dataSource,
    wakeups,
    partners: new PartnerService(dataSource),
    agreements: new AgreementService(dataSource),
    credentials: new CredentialService(dataSource),
    audit: new AuditQueryService(dataSource),
  };
}
