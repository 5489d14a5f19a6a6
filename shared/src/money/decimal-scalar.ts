import Decimal from "decimal.js";
import { GraphQLScalarType, Kind } from "graphql";
import type { ValueTransformer } from "typeorm";

/** `Decimal` on the wire: an exact decimal number written as a string, never a float. */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: "Decimal",
  description: "An exact decimal number, serialized as a string (e.g. \"0.012500\").",
  serialize(value) {
    if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
    if (typeof value === "string" && isDecimalText(value)) return new Decimal(value).toFixed();
    throw new TypeError(`Decimal cannot represent ${String(value)}`);
  },
  parseValue(value) {
    return parseDecimalInput(value);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimalInput(ast.value);
    throw new TypeError("Decimal must be a string such as \"12.50\"");
  },
});

const DECIMAL_TEXT = /^-?(\d+)(\.\d+)?$/;

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/** Longer than any amount, rate or percentage the hub stores; a longer text is refused before it is parsed. */
const MAX_DECIMAL_CHARS = 64;

function parseDecimalInput(value: unknown): Decimal {
  if (typeof value === "string" && value.length > MAX_DECIMAL_CHARS) throw new TypeError(`Decimal must be at most ${MAX_DECIMAL_CHARS} characters`);
  if (typeof value === "string" && isDecimalText(value.trim())) return new Decimal(value.trim());
  // JSON variables can only carry exact integers as numbers; fractions must be strings.
  if (typeof value === "number" && Number.isSafeInteger(value)) return new Decimal(value);
  // The value is not repeated: it may be large, and the client has it.
  throw new TypeError('Decimal must be a decimal number written as a string, such as "12.50"');
}

/** TypeORM transformer for `numeric` columns: Decimal in code, exact text in PostgreSQL. */
export const numericColumn: ValueTransformer = {
  to: (value: Decimal | null | undefined) => (value == null ? value : new Decimal(value).toFixed()),
  from: (value: string | null) => (value == null ? value : new Decimal(value)),
};
