import { InvoicingInitial1764600000000 } from "./1764600000000-invoicing-initial";
import { StatementPayables1765300000000 } from "./1765300000000-statement-payables";
import { ReconciliationDisputes1765500000000 } from "./1765500000000-reconciliation-disputes";

export const invoicingMigrations = [InvoicingInitial1764600000000, StatementPayables1765300000000, ReconciliationDisputes1765500000000];
