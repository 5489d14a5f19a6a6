import type { DataSource } from "typeorm";
import { PartnerScope, type Page, type PageArgs, type Principal } from "@intersettle/shared";
import { CreditExposure, CreditLedgerEntry, Partner } from "../../entities";
import type { PartnerService } from "../partner.service";

/** A partner with its credit row (null until the first event moved its account). */
export interface CreditAccountView {
  partner: Partner;
  exposure: CreditExposure | null;
}

export class CreditQueries {
  constructor(private readonly dataSource: DataSource, private readonly partners: PartnerService) {}

  /** A partner's credit account; another partner's answers NOT_FOUND to a partner key. */
  async account(principal: Principal, partnerId: string): Promise<CreditAccountView> {
    const partner = await this.partners.get(principal, partnerId);
    return { partner, exposure: await this.dataSource.getRepository(CreditExposure).findOneBy({ partnerId }) };
  }

  /** Credit rows of partners the caller already holds (for the dataloader), in the order asked. */
  async exposures(partnerIds: readonly string[]): Promise<Array<CreditExposure | null>> {
    const rows = await this.dataSource.getRepository(CreditExposure).createQueryBuilder("c").where("c.partner_id = ANY(:ids)", { ids: [...partnerIds] }).getMany();
    const byId = new Map(rows.map((r) => [r.partnerId, r]));
    return partnerIds.map((id) => byId.get(id) ?? null);
  }

  /** What moved a partner's account, oldest first. */
  async ledger(principal: Principal, partnerId: string, page: PageArgs): Promise<Page<CreditLedgerEntry>> {
    await this.partners.get(principal, partnerId);
    const q = this.dataSource.getRepository(CreditLedgerEntry).createQueryBuilder("l").where("l.partner_id = :partnerId", { partnerId });
    return PartnerScope.of(principal).page(q, page, [{ column: "l.id", value: (l) => Number(l.id) }]);
  }
}
