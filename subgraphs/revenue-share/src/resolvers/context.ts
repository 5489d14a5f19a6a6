import DataLoader from "dataloader";
import type { AuthContext, Principal } from "@intersettle/shared";
import type { ContentService, Statement } from "../entities";
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
}

export function createLoaders(principal: Principal, services: RevenueShareServices): RevenueShareLoaders {
  return {
    service: new DataLoader((ids) => services.services.byIds(principal, ids)),
    statement: new DataLoader((ids) => services.statements.byIds(principal, ids)),
  };
}
