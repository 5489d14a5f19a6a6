import DataLoader from "dataloader";
import { PartnerScope, type AuthContext, type Principal } from "@intersettle/shared";
import { Dispute, DisputeAttachment, DisputeComment, Invoice, Payment } from "../entities";
import type { InvoicingServices } from "../services";

export interface InvoicingContext extends AuthContext {
  principal: Principal;
  services: InvoicingServices;
  loaders: InvoicingLoaders;
}

export interface InvoicingLoaders {
  /** Invoices by id; another partner's loads as null. */
  invoice: DataLoader<string, Invoice | null>;
  payment: DataLoader<string, Payment | null>;
  dispute: DataLoader<string, Dispute | null>;
  /** By dispute id, for disputes the caller was already admitted to. */
  disputeComments: DataLoader<string, DisputeComment[]>;
  disputeAttachments: DataLoader<string, DisputeAttachment[]>;
}

export function createLoaders(principal: Principal, services: InvoicingServices): InvoicingLoaders {
  const scope = PartnerScope.of(principal);
  return {
    invoice: new DataLoader((ids) => scope.byIds(services.dataSource, Invoice, ids)),
    payment: new DataLoader((ids) => scope.byIds(services.dataSource, Payment, ids)),
    dispute: new DataLoader((ids) => scope.byIds(services.dataSource, Dispute, ids)),
    disputeComments: new DataLoader((ids) => services.disputeQueries.commentsOf(ids)),
    disputeAttachments: new DataLoader((ids) => services.disputeQueries.attachmentsOf(ids)),
  };
}
