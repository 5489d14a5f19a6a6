import type { DataSource } from "typeorm";
import { fetchPage, PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { Claim, ClaimLineEntity, ClaimRejection } from "../../entities";

/** Claims as the caller may see them (a partner, its own), and the lines and rejections of a claim it was admitted to. */
export class ClaimQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** By period, then id. */
  claims(principal: Principal, partnerId: string | undefined, page: PageArgs): Promise<Page<Claim>> {
    const scope = PartnerScope.of(principal);
    const own = scope.partnerFilter(partnerId);
    const q = this.dataSource.getRepository(Claim).createQueryBuilder("c");
    if (own) q.andWhere("c.partner_id = :partnerId", { partnerId: own });
    return scope.page(q, page, [
      { column: "c.period_start", value: (c) => c.periodStart },
      { column: "c.id", value: (c) => c.id },
    ]);
  }

  claim(principal: Principal, id: string): Promise<Claim> {
    const q = this.dataSource.getRepository(Claim).createQueryBuilder("c").where("c.id = :id", { id });
    return PartnerScope.of(principal).one(q, "Claim", id);
  }

  /** Rejections of a claim the caller was already admitted to (read through it), in line order. */
  rejections(claimId: string, page: PageArgs): Promise<Page<ClaimRejection>> {
    const q = this.dataSource.getRepository(ClaimRejection).createQueryBuilder("r").where("r.claim_id = :claimId", { claimId });
    return fetchPage(q, page, [{ column: "r.line", value: (r) => r.line }]);
  }

  lines(claimId: string, page: PageArgs): Promise<Page<ClaimLineEntity>> {
    const q = this.dataSource.getRepository(ClaimLineEntity).createQueryBuilder("l").where("l.claim_id = :claimId", { claimId });
    return fetchPage(q, page, [{ column: "l.line", value: (l) => l.line }]);
  }
}
