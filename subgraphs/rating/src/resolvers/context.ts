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
    rateCard: new DataLoader(async (ids) => {
      const rows = await services.dataSource.getRepository(RateCard).createQueryBuilder("c").where("c.id = ANY(:ids)", { ids: [...ids] }).getMany();
      const byId = new Map(rows.map((c) => [c.id, c]));
      return ids.map((id) => {
        const card = byId.get(id);
        return scope.admits(RateCard, card) ? card : null;
      });
    }),
  };
}
