import DataLoader from "dataloader";
import { PartnerScope, type AuthContext, type Principal } from "@intersettle/shared";
import { FraudAlert, RateCard } from "../entities";
import type { RatingServices } from "../services";

export interface RatingContext extends AuthContext {
  principal: Principal;
  services: RatingServices;
  loaders: RatingLoaders;
}

export interface RatingLoaders {
  /** Rate cards by id; another partner's card loads as null. */
  rateCard: DataLoader<string, RateCard | null>;
  /** Fraud alerts by id; another partner's alert loads as null. */
  fraudAlert: DataLoader<string, FraudAlert | null>;
}

export function createLoaders(principal: Principal, services: RatingServices): RatingLoaders {
  const scope = PartnerScope.of(principal);
  return {
    rateCard: new DataLoader((ids) => scope.byIds(services.dataSource, RateCard, ids)),
    fraudAlert: new DataLoader((ids) => services.fraudAlerts.byIds(principal, ids)),
  };
}
