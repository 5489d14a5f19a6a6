import { RevshareInitial1765300000000 } from "./1765300000000-revshare-initial";
import { ContentTransactions1765400000000 } from "./1765400000000-content-transactions";

export const revenueShareMigrations = [RevshareInitial1765300000000, ContentTransactions1765400000000];
