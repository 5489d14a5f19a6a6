import { InvoicingInitial1764600000000 } from "./1764600000000-invoicing-initial";

export const invoicingMigrations = [InvoicingInitial1764600000000];
