import { InvoicingInitial1764600000000 } from "./1764600000000-invoicing-initial";
import { StatementPayables1765300000000 } from "./1765300000000-statement-payables";

export const invoicingMigrations = [InvoicingInitial1764600000000, StatementPayables1765300000000];
