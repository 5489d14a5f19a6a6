import DataLoader from "dataloader";
import type { AuthContext, Principal } from "@intersettle/shared";
import type { ContentService, ShareAgreement, Statement } from "../entities";
import type { RevenueShareServices } from "../services";

export interface RevenueShareContext extends AuthContext {
  principal: Principal;
  services: RevenueShareServices;
  loaders: RevenueShareLoaders;
}

export interface RevenueShareLoaders {
  /** Services by id; one the caller is not party to loads as null. */
  service: DataLoader<string, ContentService | null>;
  statement: DataLoader<string, Statement | null>;
  /** An admitted service's agreement versions, earliest first. */
  agreementsOf: DataLoader<string, ShareAgreement[]>;
}

export function createLoaders(principal: Principal, services: RevenueShareServices): RevenueShareLoaders {
  return {
    service: new DataLoader((ids) => services.services.byIds(principal, ids)),
    statement: new DataLoader((ids) => services.statements.byIds(principal, ids)),
    agreementsOf: new DataLoader((serviceIds) => services.agreements.ofServices(serviceIds)),
  };
}
