import "reflect-metadata";
import { graphql, parse, subscribe, type ExecutionResult } from "graphql";
import { Arg, Field, InputType, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { BadUserInputError } from "../src/errors";
import { buildFederatedSchema, BoundedArg, IdArg, IntRange, MaxChars, MaxItems, MaxJsonChars, NestedInput, unboundedInputs } from "../src/graphql";
import { DecimalScalar } from "../src/money";
import { GraphQLJSONObject } from "graphql-scalars";

@InputType()
class LineInput {
  @Field()
  @MaxChars(10)
  note: string;

  @Field(() => [Int], { defaultValue: [] })
  @MaxItems(3)
  @IntRange(1, 7)
  days: number[];
}

@InputType()
class OrderInput {
  @Field()
  @MaxChars(5)
  code: string;

  @Field(() => [LineInput])
  @MaxItems(3)
  @NestedInput()
  lines: LineInput[];

  @Field(() => GraphQLJSONObject, { nullable: true })
  @MaxJsonChars(30)
  layout?: Record<string, unknown>;
}

/** Declared the way an author who forgot the bounds would. */
@InputType()
class LooseInput {
  @Field()
  name: string;

  @Field(() => [String])
  @MaxItems(5)
  tags: string[];

  @Field(() => LineInput)
  line: LineInput;
}

/** Terms shared by two inputs: the bound is declared once, on the parent. */
@InputType({ isAbstract: true })
class TermsInput {
  @Field()
  @MaxChars(5)
  reference: string;
}

@InputType()
class CreateTermsInput extends TermsInput {
  @Field()
  @MaxChars(5)
  owner: string;
}

@InputType({ isAbstract: true })
class LooseTermsInput {
  @Field()
  note: string;
}

@InputType()
class CreateLooseTermsInput extends LooseTermsInput {}

let subscribed = 0;

@Resolver()
class ShopResolver {
  @Query(() => String)
  echo(@BoundedArg("text", { maxLength: 10 }) text: string, @BoundedArg("count", { min: 0, max: 5 }, () => Int, { nullable: true }) count: number | null): string {
    return `${text}${count ?? ""}`;
  }

  @Query(() => String)
  item(@IdArg("id") id: string): string {
    return id;
  }

  @Mutation(() => Int)
  order(@Arg("input") input: OrderInput): number {
    return input.lines.length;
  }

  @Query(() => String)
  loose(@Arg("text") text: string, @Arg("input") input: LooseInput): string {
    return text + input.name;
  }

  @Query(() => String)
  terms(@Arg("input") input: CreateTermsInput, @Arg("loose") loose: CreateLooseTermsInput): string {
    return input.reference + loose.note;
  }

  @Subscription(() => String, {
    subscribe: async function* () {
      subscribed++;
      yield "tick";
    },
  })
  ticks(@Root() tick: string, @BoundedArg("after", { maxLength: 5 }, () => String, { nullable: true }) _after: string | null): string {
    return tick;
  }
}

const schema = buildFederatedSchema({ resolvers: [ShopResolver] });
const run = (source: string, variableValues: Record<string, unknown> = {}) => graphql({ schema, source, variableValues, contextValue: {} });
const problemsOf = (res: ExecutionResult) => res.errors?.map((e) => ({ code: e.extensions.code, problems: e.extensions.problems }));
const line = (note = "ok") => ({ note });

describe("bounds declared on input classes", () => {
  it("accepts inputs within their bounds", async () => {
    const res = await run(`mutation($i: OrderInput!) { order(input: $i) }`, { i: { code: "A1", lines: [line(), { note: "x", days: [1, 7] }], layout: { a: 1 } } });
    expect(res).toEqual({ data: { order: 2 } });
  });

  it("refuses a too long string, a too long list, and a nested field by its dotted path", async () => {
    const res = await run(`mutation($i: OrderInput!) { order(input: $i) }`, {
      i: { code: "TOOLONG", lines: [line(), line(), line(), line("far too long a note"), { note: "x", days: [0, 8] }], layout: { a: "x".repeat(40) } },
    });
    expect(problemsOf(res)).toEqual([
      {
        code: "BAD_USER_INPUT",
        problems: [
          { field: "code", message: "must be at most 5 characters" },
          { field: "lines", message: "must have at most 3 items" },
          { field: "lines.3.note", message: "must be at most 10 characters" },
          { field: "lines.4.days", message: "must be from 1 to 7" },
          { field: "layout", message: "must be at most 30 characters as JSON" },
        ],
      },
    ]);
  });

  it("never repeats the offending value: a 1 MB string gets a short answer", async () => {
    const huge = "x".repeat(1_000_000);
    const res = await run(`mutation($i: OrderInput!) { order(input: $i) }`, { i: { code: huge, lines: [] } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "code" });
    expect(JSON.stringify(res).length).toBeLessThan(500);
  });
});

describe("bounds declared on arguments", () => {
  it("checks strings, numbers and ids, naming the argument", async () => {
    expect((await run(`{ echo(text: "hello", count: 5) }`)).data).toEqual({ echo: "hello5" });
    expect(problemsOf(await run(`query($t: String!) { echo(text: $t) }`, { t: "y".repeat(100_000) }))).toEqual([
      { code: "BAD_USER_INPUT", problems: [{ field: "text", message: "must be at most 10 characters" }] },
    ]);
    expect(problemsOf(await run(`{ echo(text: "a", count: 6) }`))).toEqual([{ code: "BAD_USER_INPUT", problems: [{ field: "count", message: "must be from 0 to 5" }] }]);
    expect(problemsOf(await run(`{ echo(text: "a", count: -1) }`))).toEqual([{ code: "BAD_USER_INPUT", problems: [{ field: "count", message: "must be from 0 to 5" }] }]);
    expect(problemsOf(await run(`query($id: ID!) { item(id: $id) }`, { id: "1".repeat(65) }))).toEqual([
      { code: "BAD_USER_INPUT", problems: [{ field: "id", message: "must be at most 64 characters" }] },
    ]);
  });

  it("checks a subscription's arguments before it subscribes", async () => {
    const refused = (await subscribe({ schema, document: parse(`subscription { ticks(after: "123456") }`), contextValue: {} })) as ExecutionResult;
    expect(problemsOf(refused)).toEqual([{ code: "BAD_USER_INPUT", problems: [{ field: "after", message: "must be at most 5 characters" }] }]);
    expect(subscribed).toBe(0);
    const stream = (await subscribe({ schema, document: parse(`subscription { ticks(after: "12345") }`), contextValue: {} })) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { ticks: "tick" } });
    expect(subscribed).toBe(1);
  });
});

describe("the completeness check", () => {
  it("names every String or list input and argument without a declared bound, and only those, inherited fields included", () => {
    expect(unboundedInputs(schema).sort()).toEqual([
      "CreateLooseTermsInput.note: no size bound",
      "LooseInput.line: no nested bound",
      "LooseInput.name: no size bound",
      "LooseInput.tags: no size bound",
      "Query.loose(text): no size bound",
    ]);
  });
});

describe("answers stay small", () => {
  it("lists at most 100 problems, each clipped, and counts the rest", () => {
    const error = new BadUserInputError(Array.from({ length: 1000 }, (_, i) => ({ field: `line ${i + 2}: rate`, message: `'${"9".repeat(10_000)}' is not a rate` })));
    expect(error.problems).toHaveLength(100);
    expect(error.extensions.unlistedProblems).toBe(900);
    expect(JSON.stringify(error.extensions).length).toBeLessThan(40_000);
  });

  it("refuses a Decimal longer than any amount without repeating it", () => {
    expect(() => DecimalScalar.parseValue("1".repeat(65))).toThrow("Decimal must be at most 64 characters");
    expect(() => DecimalScalar.parseValue(`1.${"x".repeat(100_000)}`)).toThrow(/^.{0,100}$/);
    expect(DecimalScalar.parseValue("12.50").toFixed()).toBe("12.5");
  });
});
