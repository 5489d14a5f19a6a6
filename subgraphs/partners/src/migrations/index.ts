import { PartnersInitial1763800000000 } from "./1763800000000-partners-initial";

export const partnerMigrations = [PartnersInitial1763800000000];
