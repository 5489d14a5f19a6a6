import { RatingInitial1763900000000 } from "./1763900000000-rating-initial";
import { Mediation1764000000000 } from "./1764000000000-mediation";

export const ratingMigrations = [RatingInitial1763900000000, Mediation1764000000000];
