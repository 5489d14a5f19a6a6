import { RatingInitial1763900000000 } from "./1763900000000-rating-initial";

export const ratingMigrations = [RatingInitial1763900000000];
