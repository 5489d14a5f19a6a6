import type { AuthContext, Principal } from "@intersettle/shared";
import type { RoutingServices } from "../services";

export interface RoutingContext extends AuthContext {
  principal: Principal;
  services: RoutingServices;
}
