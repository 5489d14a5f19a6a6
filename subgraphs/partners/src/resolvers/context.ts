import DataLoader from "dataloader";
import type { AuthContext, Principal } from "@intersettle/shared";
import { PartnerScope } from "@intersettle/shared";
import { Agreement, Partner, type CreditExposure, type PartnerContact } from "../entities";
import type { PartnerServices } from "../services";

export interface PartnersContext extends AuthContext {
  principal: Principal;
  services: PartnerServices;
  loaders: PartnerLoaders;
}

export interface PartnerLoaders {
  /** Partners by id; a partner the caller may not see loads as null. */
  partner: DataLoader<string, Partner | null>;
  contacts: DataLoader<string, PartnerContact[]>;
  /** Agreements by id; another partner's agreement loads as null. */
  agreement: DataLoader<string, Agreement | null>;
  /** Credit rows by partner id, for partners the caller already holds. */
  creditExposure: DataLoader<string, CreditExposure | null>;
}

/** Request-scoped loaders, so a list of N items costs one query per relation, not N. */
export function createLoaders(principal: Principal, services: PartnerServices): PartnerLoaders {
  const scope = PartnerScope.of(principal);
  return {
    partner: new DataLoader((ids) => scope.byIds(services.dataSource, Partner, ids)),
    contacts: new DataLoader((ids) => services.partners.contactsByPartner(ids)),
    agreement: new DataLoader((ids) => scope.byIds(services.dataSource, Agreement, ids)),
    creditExposure: new DataLoader((ids) => services.credit.exposures(ids)),
  };
}
