import { RoutingInitial1765200000000 } from "./1765200000000-routing-initial";

export const routingMigrations = [RoutingInitial1765200000000];
