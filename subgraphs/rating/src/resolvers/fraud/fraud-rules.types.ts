import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { Decimal, DecimalScalar, NestedInput } from "@intersettle/shared";
import type { FraudRuleSet, FraudRulesPatch } from "../../domain/fraud/fraud-rules";

@ObjectType({ description: "Spend over a cap in the partner's invoicing currency (no cap: off)." })
export class SpendRule {
  @Field() enabled: boolean;
  @Field(() => DecimalScalar, { nullable: true }) cap: Decimal | null;
  @Field({ description: "An alert blocks the partner at once." }) autoBlock: boolean;
}

@ObjectType({ description: "Minutes to one destination in an hour above `multiplier` × its trailing hourly average, from `minMinutes` on." })
export class DestinationSurgeRule {
  @Field() enabled: boolean;
  @Field(() => Float) multiplier: number;
  @Field(() => Int) minMinutes: number;
  @Field(() => Int) baselineDays: number;
  @Field() autoBlock: boolean;
}

@ObjectType({ description: "Calls to ranges of the IRSF list: `minCalls` in a UTC day." })
export class IrsfRule {
  @Field() enabled: boolean;
  @Field(() => Int) minCalls: number;
  @Field() autoBlock: boolean;
}

@ObjectType({ description: "`minCalls` answered calls shorter than `maxSeconds` to one number range (the B-number less its last `rangeDigits` digits) within `windowMinutes`." })
export class TrafficPumpingRule {
  @Field() enabled: boolean;
  @Field(() => Int) minCalls: number;
  @Field(() => Int) maxSeconds: number;
  @Field(() => Int) rangeDigits: number;
  @Field(() => Int) windowMinutes: number;
  @Field() autoBlock: boolean;
}

@ObjectType({ description: "A destination without traffic in the `trailingDays` before the last 24 hours getting `minCalls` in them." })
export class NewDestinationRule {
  @Field() enabled: boolean;
  @Field(() => Int) minCalls: number;
  @Field(() => Int) trailingDays: number;
  @Field() autoBlock: boolean;
}

@ObjectType({ description: "A partner's fraud rules, evaluated on its traffic as a customer as it is ingested." })
export class FraudRules {
  @Field(() => ID) partnerId: string;
  @Field(() => SpendRule) spendPerHour: SpendRule;
  @Field(() => SpendRule) spendPerDay: SpendRule;
  @Field(() => DestinationSurgeRule) destinationSurge: DestinationSurgeRule;
  @Field(() => IrsfRule) irsf: IrsfRule;
  @Field(() => TrafficPumpingRule) trafficPumping: TrafficPumpingRule;
  @Field(() => NewDestinationRule) newDestination: NewDestinationRule;
  @Field(() => Date, { nullable: true, description: "When an operator last set them; null: the defaults." }) updatedAt: Date | null;
}

export function fraudRulesOf(partnerId: string, rules: FraudRuleSet, updatedAt: Date | null): FraudRules {
  return {
    partnerId,
    ...rules,
    spendPerHour: { ...rules.spendPerHour, cap: rules.spendPerHour.cap === null ? null : new Decimal(rules.spendPerHour.cap) },
    spendPerDay: { ...rules.spendPerDay, cap: rules.spendPerDay.cap === null ? null : new Decimal(rules.spendPerDay.cap) },
    updatedAt,
  };
}

@InputType({ description: "Fields left out keep their value; `cap: null` removes the cap." })
export class SpendRuleInput {
  @Field({ nullable: true }) enabled?: boolean;
  @Field(() => DecimalScalar, { nullable: true }) cap?: Decimal | null;
  @Field({ nullable: true }) autoBlock?: boolean;
}

@InputType()
export class DestinationSurgeRuleInput {
  @Field({ nullable: true }) enabled?: boolean;
  @Field(() => Float, { nullable: true, description: "1.5 to 1000." }) multiplier?: number;
  @Field(() => Int, { nullable: true, description: "1 to 1,000,000." }) minMinutes?: number;
  @Field(() => Int, { nullable: true, description: "1 to 90." }) baselineDays?: number;
  @Field({ nullable: true }) autoBlock?: boolean;
}

@InputType()
export class IrsfRuleInput {
  @Field({ nullable: true }) enabled?: boolean;
  @Field(() => Int, { nullable: true, description: "1 to 1,000,000." }) minCalls?: number;
  @Field({ nullable: true }) autoBlock?: boolean;
}

@InputType()
export class TrafficPumpingRuleInput {
  @Field({ nullable: true }) enabled?: boolean;
  @Field(() => Int, { nullable: true, description: "1 to 1,000,000." }) minCalls?: number;
  @Field(() => Int, { nullable: true, description: "1 to 300." }) maxSeconds?: number;
  @Field(() => Int, { nullable: true, description: "1 to 8." }) rangeDigits?: number;
  @Field(() => Int, { nullable: true, description: "5 to 1440." }) windowMinutes?: number;
  @Field({ nullable: true }) autoBlock?: boolean;
}

@InputType()
export class NewDestinationRuleInput {
  @Field({ nullable: true }) enabled?: boolean;
  @Field(() => Int, { nullable: true, description: "1 to 1,000,000." }) minCalls?: number;
  @Field(() => Int, { nullable: true, description: "1 to 365." }) trailingDays?: number;
  @Field({ nullable: true }) autoBlock?: boolean;
}

@InputType({ description: "The rules to change; those left out stay as they are." })
export class FraudRulesInput {
  @Field(() => SpendRuleInput, { nullable: true }) @NestedInput() spendPerHour?: SpendRuleInput;
  @Field(() => SpendRuleInput, { nullable: true }) @NestedInput() spendPerDay?: SpendRuleInput;
  @Field(() => DestinationSurgeRuleInput, { nullable: true }) @NestedInput() destinationSurge?: DestinationSurgeRuleInput;
  @Field(() => IrsfRuleInput, { nullable: true }) @NestedInput() irsf?: IrsfRuleInput;
  @Field(() => TrafficPumpingRuleInput, { nullable: true }) @NestedInput() trafficPumping?: TrafficPumpingRuleInput;
  @Field(() => NewDestinationRuleInput, { nullable: true }) @NestedInput() newDestination?: NewDestinationRuleInput;
}

/** The input as a patch of the stored rules (a cap as plain decimal text). */
export function rulesPatchOf(input: FraudRulesInput): FraudRulesPatch {
  const spend = (s?: SpendRuleInput) => s && { ...s, ...(s.cap !== undefined && { cap: s.cap === null ? null : s.cap.toFixed() }) };
  return { ...input, spendPerHour: spend(input.spendPerHour), spendPerDay: spend(input.spendPerDay) } as FraudRulesPatch;
}
