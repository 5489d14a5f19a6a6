import { RevshareInitial1765300000000 } from "./1765300000000-revshare-initial";

export const revenueShareMigrations = [RevshareInitial1765300000000];
