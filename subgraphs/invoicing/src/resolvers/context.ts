import DataLoader from "dataloader";
import { PartnerScope, type AuthContext, type Principal } from "@intersettle/shared";
import { Dispute, Invoice, Payment } from "../entities";
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
}

export function createLoaders(principal: Principal, services: InvoicingServices): InvoicingLoaders {
  const scope = PartnerScope.of(principal);
  return {
    invoice: new DataLoader((ids) => scope.byIds(services.dataSource, Invoice, ids)),
    payment: new DataLoader((ids) => scope.byIds(services.dataSource, Payment, ids)),
    dispute: new DataLoader((ids) => scope.byIds(services.dataSource, Dispute, ids)),
  };
}
