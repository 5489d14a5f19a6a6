import { RatingInitial1763900000000 } from "./1763900000000-rating-initial";
import { Mediation1764000000000 } from "./1764000000000-mediation";
import { Rerating1764100000000 } from "./1764100000000-rerating";
import { DirectChunkWrites1764200000000 } from "./1764200000000-direct-chunk-writes";
import { TimeOrderedCdrs1764300000000 } from "./1764300000000-time-ordered-cdrs";
import { PartnerLegIndexes1764400000000 } from "./1764400000000-partner-leg-indexes";
import { QuarantineOncePerFile1764520000000 } from "./1764520000000-quarantine-once-per-file";
import { PartitionBounds1764530000000 } from "./1764530000000-partition-bounds";
import { UsageByService1764540000000 } from "./1764540000000-usage-by-service";
import { FraudRules1764600000000 } from "./1764600000000-fraud-rules";
import { PricePlans1764700000000 } from "./1764700000000-price-plans";

export const ratingMigrations = [RatingInitial1763900000000, Mediation1764000000000, Rerating1764100000000, DirectChunkWrites1764200000000, TimeOrderedCdrs1764300000000, PartnerLegIndexes1764400000000, QuarantineOncePerFile1764520000000, PartitionBounds1764530000000, UsageByService1764540000000, FraudRules1764600000000, PricePlans1764700000000];
