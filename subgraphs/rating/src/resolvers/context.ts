import DataLoader from "dataloader";
import { PartnerScope, type AuthContext, type Principal } from "@intersettle/shared";
import { RateCard } from "../entities";
import type { RatingServices } from "../services";

export interface RatingContext extends AuthContext {
  principal: Principal;
  services: RatingServices;
  loaders: RatingLoaders;
}

export interface RatingLoaders {
  /** Rate cards by id; another partner's card loads as null. */
  rateCard: DataLoader<string, RateCard | null>;
}

export function createLoaders(principal: Principal, services: RatingServices): RatingLoaders {
  const scope = PartnerScope.of(principal);
  return {
    rateCard: new DataLoader((ids) => scope.byIds(services.dataSource, RateCard, ids)),
  };
}
