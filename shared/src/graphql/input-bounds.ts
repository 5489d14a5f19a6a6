import { ArrayMaxSize, Max, MaxLength, Min, ValidateBy, ValidateNested, validate, type ValidationError } from "class-validator";
import { getNamedType, getNullableType, isInputObjectType, isListType, isObjectType, isScalarType, type GraphQLArgument, type GraphQLInputType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { Arg, getMetadataStorage, ID, type ArgOptions, type ValidatorFn } from "type-graphql";
import { BadUserInputError, type FieldProblem } from "../errors";

/**
 * How long a value of each kind may be, in characters. Every String and list input of every subgraph
 * declares its bound where it is declared (a test walks the schemas), so no request can make a
 * subgraph hold, store or echo an arbitrarily large value.
 */
export const Bound = {
  ID: 64,
  /** Codes, names, e-mail addresses, currencies, time zones, dates, numbers, file names, searches. */
  NAME: 200,
  /** Free text: reasons, paths, descriptions. */
  TEXT: 2000,
  /** An opaque pagination cursor. */
  CURSOR: 512,
  /** A small JSON object (a vendor layout), as JSON text. */
  JSON: 8000,
  /** A file given inline (CSV, base64 XLSX); larger files go through the upload routes. */
  FILE: 4 * 1024 * 1024,
} as const;

/** type-graphql's own parameter decorator and `() => Type` (not exported by name). */
type ArgDecorator = ReturnType<typeof Arg>;
type ReturnTypeFunc = Parameters<typeof Arg>[1];

/** What a declared bound limits: a value's size (characters), a list's length, or a nested input's own fields. */
type BoundKind = "size" | "items" | "nested";

const fieldBounds = new WeakMap<object, Map<string, Set<BoundKind>>>();
const argBounds = new WeakMap<ValidatorFn, Set<BoundKind>>();

function declare(kind: BoundKind, ...decorators: PropertyDecorator[]): PropertyDecorator {
  return (prototype, property) => {
    const byProperty = fieldBounds.get(prototype.constructor) ?? new Map<string, Set<BoundKind>>();
    fieldBounds.set(prototype.constructor, byProperty);
    byProperty.set(String(property), new Set([...(byProperty.get(String(property)) ?? []), kind]));
    for (const decorate of decorators) decorate(prototype, property);
  };
}

const charsMessage = (max: number) => `must be at most ${max} characters`;
const itemsMessage = (max: number) => `must have at most ${max} items`;
const rangeMessage = (min: number, max: number) => `must be from ${min} to ${max}`;

/** At most `max` characters; on a list, for each item. */
export function MaxChars(max: number): PropertyDecorator {
  return declare("size", MaxLength(max, { each: true, message: charsMessage(max) }));
}

/** A list of at most `max` items. */
export function MaxItems(max: number): PropertyDecorator {
  return declare("items", ArrayMaxSize(max, { message: itemsMessage(max) }));
}

/** An input object (or a list of them) whose own fields are checked against their bounds. */
export function NestedInput(): PropertyDecorator {
  return declare("nested", ValidateNested());
}

/** An integer from `min` to `max`; on a list, for each item. */
export function IntRange(min: number, max: number): PropertyDecorator {
  const message = rangeMessage(min, max);
  return (prototype, property) => {
    Min(min, { each: true, message })(prototype, property);
    Max(max, { each: true, message })(prototype, property);
  };
}

/** A JSON object (a `JSONObject` scalar) of at most `max` characters as JSON text. */
export function MaxJsonChars(max: number): PropertyDecorator {
  const fits = (value: unknown) => JSON.stringify(value).length <= max;
  return declare("size", ValidateBy({ name: "maxJsonChars", validator: { validate: fits } }, { message: `${charsMessage(max)} as JSON` }));
}

/** The bound of a scalar or list argument. */
export interface ArgBound {
  /** Characters of a string, or of each string of a list. */
  maxLength?: number;
  /** Items of a list. */
  maxItems?: number;
  min?: number;
  max?: number;
}

/** type-graphql's `@Arg`, refusing values outside `bound` with BAD_USER_INPUT before the resolver runs. */
export function BoundedArg(name: string, bound: ArgBound, returnTypeFunc?: ReturnTypeFunc, options: ArgOptions = {}): ArgDecorator {
  const validateFn: ValidatorFn = async (value, type, resolverData) => {
    const problems = argProblems(name, bound, value);
    if (problems.length > 0) throw new BadUserInputError(problems);
    await validateInput(value, type, resolverData);
  };
  const kinds = new Set<BoundKind>();
  if (bound.maxLength !== undefined) kinds.add("size");
  if (bound.maxItems !== undefined) kinds.add("items");
  argBounds.set(validateFn, kinds);
  const withCheck = { ...options, validateFn };
  return returnTypeFunc ? Arg(name, returnTypeFunc, withCheck) : Arg(name, withCheck);
}

/** An `ID` argument: at most Bound.ID characters. */
export function IdArg(name: string, options: ArgOptions = {}): ArgDecorator {
  return BoundedArg(name, { maxLength: Bound.ID }, () => ID, options);
}

function argProblems(field: string, bound: ArgBound, value: unknown): FieldProblem[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && bound.maxItems !== undefined && value.length > bound.maxItems) return [{ field, message: itemsMessage(bound.maxItems) }];
  const { maxLength, min = -Infinity, max = Infinity } = bound;
  if (maxLength !== undefined && items.some((v) => typeof v === "string" && v.length > maxLength)) return [{ field, message: charsMessage(maxLength) }];
  if (items.some((v) => typeof v === "number" && (v < min || v > max))) return [{ field, message: rangeMessage(min, max) }];
  return [];
}

/**
 * The subgraphs' argument validator (type-graphql `validateFn`): input objects are checked against the
 * bounds declared on their fields, and refused with BAD_USER_INPUT naming each field by its dotted path
 * (`contacts.3.email`). Messages state the bound, never the value.
 */
export const validateInput: ValidatorFn = async (value) => {
  const objects: Array<[string, object]> = Array.isArray(value) ? value.map((v, i) => [`${i}.`, v]) : [["", value]];
  const problems: FieldProblem[] = [];
  for (const [prefix, object] of objects) {
    // A Date (a DateTimeISO argument) is a scalar: class-validator would look its class up for nothing.
    if (object === null || typeof object !== "object" || object instanceof Date) continue;
    const errors = await validate(object, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
    problems.push(...fieldProblems(errors, prefix));
  }
  if (problems.length > 0) throw new BadUserInputError(problems);
};

type SubscribeFn = (root: unknown, args: Record<string, unknown>, context: object, info: GraphQLResolveInfo) => unknown;

/**
 * type-graphql checks a subscription's arguments only when it resolves an event, after `subscribe` has
 * already used them; this wraps each `subscribe` of `resolvers` (a resolvers map) to check them first.
 */
export function checkSubscriptionArgs(resolvers: Record<string, Record<string, unknown>>, resolverClasses: readonly Function[]): void {
  const fields = resolvers.Subscription as Record<string, { subscribe?: SubscribeFn }> | undefined;
  if (!fields) return;
  const storage = getMetadataStorage();
  for (const handler of storage.subscriptions.filter((h) => resolverClasses.includes(h.target))) {
    const field = fields[handler.schemaName];
    const subscribe = field?.subscribe;
    if (!subscribe) continue;
    const params = storage.params.filter((p): p is ArgParam => p.kind === "arg" && p.target === handler.target && p.methodName === handler.methodName);
    field.subscribe = async (root, args, context, info) => {
      for (const p of params) await (p.validateFn ?? validateInput)(args[p.name], p.getType(), { root, args, context, info });
      return subscribe(root, args, context, info);
    };
  }
}

function fieldProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = [...new Set(Object.values(e.constraints ?? {}))].map((message) => ({ field, message }));
    return [...own, ...fieldProblems(e.children ?? [], `${field}.`)];
  });
}

/** Scalars whose parsing bounds them already. */
const SELF_BOUNDED_SCALARS = new Set(["Int", "Float", "Boolean", "Decimal", "DateTimeISO"]);

/** The bounds a value of this GraphQL input type must declare. */
function requiredKinds(type: GraphQLInputType, validatedWhole: boolean): BoundKind[] {
  const kinds: BoundKind[] = [];
  let inner = getNullableType(type) as GraphQLInputType;
  while (isListType(inner)) {
    kinds.push("items");
    inner = getNullableType(inner.ofType) as GraphQLInputType;
  }
  const named = getNamedType(inner);
  if (isScalarType(named) && !SELF_BOUNDED_SCALARS.has(named.name)) kinds.push("size");
  if (isInputObjectType(named) && !validatedWhole) kinds.push("nested");
  return [...new Set(kinds)];
}

/** Fields the federation library adds; the gateway alone sends them, sized by results it already bounded. */
const FEDERATION_FIELDS = new Set(["_entities", "_service"]);

/**
 * Every argument and input field of `schema` that can carry a String, a JSON object or a list without a
 * declared bound (`MaxChars`, `MaxItems`, `NestedInput`, `MaxJsonChars` on input and args classes,
 * `BoundedArg`/`IdArg` on resolver arguments), as `Type.field(arg)` or `Input.field` with what is missing.
 */
export function unboundedInputs(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const missing: string[] = [];
  const report = (where: string, needed: BoundKind[], declared: Set<BoundKind>) => {
    const absent = needed.filter((k) => !declared.has(k));
    if (absent.length > 0) missing.push(`${where}: no ${absent.join(", ")} bound`);
  };
  const declaredOnField = (classes: Function[], property: (cls: Function) => string | undefined) => {
    const kinds = new Set<BoundKind>();
    for (const cls of classes) {
      const name = property(cls);
      for (let c: Function | null = cls; name && c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
        fieldBounds.get(c)?.get(name)?.forEach((k) => kinds.add(k));
      }
    }
    return kinds;
  };
  // A field an input inherits is declared, with its bounds, on the parent class: look up the chain.
  const propertyOf = (classes: Array<{ target: Function; fields?: Array<{ schemaName: string; name: string; target: Function }> }>, schemaName: string) => (cls: Function) => {
    for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const own = (classes.find((k) => k.target === c) ?? storage.inputTypes.find((k) => k.target === c))?.fields?.find((f) => f.schemaName === schemaName)?.name;
      if (own) return own;
    }
    return undefined;
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isInputObjectType(type)) {
      const classes = storage.inputTypes.filter((t) => t.name === type.name);
      for (const field of Object.values(type.getFields())) {
        const needed = requiredKinds(field.type, false);
        if (needed.length > 0) report(`${type.name}.${field.name}`, needed, declaredOnField(classes.map((c) => c.target), propertyOf(classes, field.name)));
      }
    }
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 || FEDERATION_FIELDS.has(field.name)) continue;
      const handlers = handlersOf(storage, type.name, field.name);
      for (const arg of field.args) {
        const needed = requiredKinds(arg.type, true);
        if (needed.length > 0) report(`${type.name}.${field.name}(${arg.name})`, needed, declaredOnArg(storage, handlers, arg, declaredOnField, propertyOf));
      }
    }
  }
  return missing;
}

type Storage = ReturnType<typeof getMetadataStorage>;
type ArgParam = Extract<Storage["params"][number], { kind: "arg" }>;
interface Handler {
  target: Function;
  methodName: string;
}

/** The resolver methods behind `Type.field`: queries, mutations, subscriptions or field resolvers of that type. */
function handlersOf(storage: Storage, typeName: string, fieldName: string): Handler[] {
  const roots: Record<string, Array<Handler & { schemaName: string }>> = { Query: storage.queries, Mutation: storage.mutations, Subscription: storage.subscriptions };
  if (roots[typeName]) return roots[typeName].filter((h) => h.schemaName === fieldName);
  return storage.fieldResolvers.filter((h) => {
    if (h.schemaName !== fieldName) return false;
    const objectClass = h.kind === "external" ? storage.resolverClasses.find((r) => r.target === h.target)?.getObjectType() : h.target;
    return storage.objectTypes.some((o) => o.target === objectClass && o.name === typeName);
  });
}

function declaredOnArg(
  storage: Storage,
  handlers: Handler[],
  arg: GraphQLArgument,
  declaredOnField: (classes: Function[], property: (cls: Function) => string | undefined) => Set<BoundKind>,
  propertyOf: (classes: Storage["argumentTypes"], schemaName: string) => (cls: Function) => string | undefined,
): Set<BoundKind> {
  const kinds = new Set<BoundKind>();
  const params = storage.params.filter((p) => handlers.some((h) => h.target === p.target && h.methodName === p.methodName));
  for (const param of params) {
    if (param.kind === "arg" && param.name === arg.name && param.validateFn) argBounds.get(param.validateFn)?.forEach((k) => kinds.add(k));
    if (param.kind === "args") {
      const argsClass = param.getType() as Function;
      declaredOnField([argsClass], propertyOf(storage.argumentTypes, arg.name)).forEach((k) => kinds.add(k));
    }
  }
  return kinds;
}
