import fs from "node:fs";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import type { TestHub } from "./test-hub";

export type RootKind = "Query" | "Mutation" | "Subscription";
const ROOT_KINDS: readonly string[] = ["Query", "Mutation", "Subscription"];

/** A root field (Query, Mutation or Subscription) of the composed supergraph, and whether the gateway hides it (@inaccessible). */
export interface RootField {
  name: string;
  kind: RootKind;
  inaccessible: boolean;
}

/** Every Query, Mutation and Subscription field of the composed supergraph file, including those the gateway does not expose. */
export function supergraphRootFields(supergraphPath: string): RootField[] {
  const doc = parse(fs.readFileSync(supergraphPath, "utf8"));
  const fields: RootField[] = [];
  for (const def of doc.definitions) {
    if ((def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) || !ROOT_KINDS.includes(def.name.value)) continue;
    for (const f of def.fields ?? []) {
      if (f.name.value === "_entities" || f.name.value === "_service") continue;
      fields.push({ name: f.name.value, kind: def.name.value as RootKind, inaccessible: !!f.directives?.some((d) => d.name.value === "inaccessible") });
    }
  }
  return fields;
}

/** The root type of a kind in a schema. */
export function rootType(schema: GraphQLSchema, kind: RootKind): GraphQLObjectType | null | undefined {
  return kind === "Query" ? schema.getQueryType() : kind === "Mutation" ? schema.getMutationType() : schema.getSubscriptionType();
}

/** The schema clients see: introspected through the gateway. */
export async function publicSchema(hub: TestHub): Promise<GraphQLSchema> {
  const res = await hub.query<IntrospectionQuery>(getIntrospectionQuery());
  if (res.errors || !res.data) throw new Error(`introspection failed: ${JSON.stringify(res.errors)}`);
  return buildClientSchema(res.data);
}

/** Values an argument or input field receives: an id of the other partner's, or a value of its type. */
export interface ArgumentValues {
  /** The id for an ID argument named `name` of a field returning `returnType`. */
  id(name: string, returnType: string): string;
  /** A value for a String argument when its name calls for a particular one (a code, a number); undefined for "x". */
  string(name: string, returnType: string): string | undefined;
}

export interface GeneratedOperation {
  field: string;
  kind: RootKind;
  /** plain: required arguments only; targeted: optional ids filled too; sweep:…: one id path set to each id; or a hand-written name. */
  variant: string;
  query: string;
  variables: Record<string, unknown>;
  /** Object levels selected below the field's type. */
  levels: number;
}

const FIXED_TIME = "2026-11-20T00:00:00.000Z";

function required(arg: { type: GraphQLInputType; defaultValue?: unknown }): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}

/** True when the type, or an input object inside it, has an ID field: worth filling with the other partner's ids. */
function carriesId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === "ID") return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => carriesId(f.type, seen));
}

function valueOf(type: GraphQLInputType, name: string, returnType: string, values: ArgumentValues, targeted: boolean): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name, returnType, values, targeted);
  if (isListType(type)) return [valueOf(type.ofType, name, returnType, values, targeted)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (required(f) || (targeted && carriesId(f.type))) out[f.name] = valueOf(f.type, f.name, returnType, values, targeted);
    }
    return out;
  }
  switch (type.name) {
    case "ID":
      return values.id(name, returnType);
    case "String":
      return values.string(name, returnType) ?? "x";
    case "Int":
      return name === "first" ? 5 : 1;
    case "Float":
      return 1;
    case "Boolean":
      return false;
    case "DateTimeISO":
      return FIXED_TIME;
    case "Decimal":
      return "1";
    case "JSONObject":
      return {};
    default:
      return "x";
  }
}

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && "edges" in type.getFields() && "pageInfo" in type.getFields();
}

function connectionNode(type: GraphQLObjectType): GraphQLNamedType {
  const edge = getNamedType(type.getFields().edges.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node.type);
}

/** A field inside a selection: only when all its arguments are optional; connections get `first: 5`. */
function subField(field: GraphQLField<unknown, unknown>, levelsLeft: number): string | undefined {
  if (field.args.some(required)) return undefined;
  const named = getNamedType(field.type);
  if (isLeafType(named)) return field.name;
  if (levelsLeft <= 0) return undefined;
  const first = field.args.some((a) => a.name === "first") ? "(first: 5)" : "";
  return `${field.name}${first} ${selectionOf(named, levelsLeft - 1)}`;
}

/** Scalars of the type and, `levels` deep, of the objects it holds; a connection is selected through its nodes. */
export function selectionOf(type: GraphQLNamedType, levels: number): string {
  if (isLeafType(type)) return "";
  if (isConnection(type)) return `{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node ${selectionOf(connectionNode(type), levels)} } }`;
  if (!isObjectType(type)) return "{ __typename }";
  const parts = Object.values(type.getFields())
    .map((f) => subField(f, levels))
    .filter((s): s is string => !!s);
  return `{ ${parts.length ? parts.join(" ") : "__typename"} }`;
}

function operationText(kind: RootKind, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, levels: number): string {
  const used = field.args.filter((a) => a.name in variables);
  const declared = used.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = used.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = selectionOf(getNamedType(field.type), levels);
  return `${kind.toLowerCase()} Matrix${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""} ${selection} }`;
}

/** The arguments a variant passes: required ones always; in targeted mode also the optional ones that carry ids; `first: 5`. */
function argumentsOf(field: GraphQLField<unknown, unknown>, values: ArgumentValues, targeted: boolean): Record<string, unknown> {
  const returnType = getNamedType(field.type).name;
  const out: Record<string, unknown> = {};
  for (const arg of field.args as readonly GraphQLArgument[]) {
    if (required(arg) || arg.name === "first" || (targeted && carriesId(arg.type))) out[arg.name] = valueOf(arg.type, arg.name, returnType, values, targeted);
  }
  return out;
}

/** Paths (argument, then input fields) to every ID inside a set of arguments, list items included. */
function idPaths(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  const walk = (type: GraphQLInputType, value: unknown, path: Array<string | number>) => {
    if (isNonNullType(type)) return walk(type.ofType, value, path);
    if (isListType(type)) return Array.isArray(value) && value.forEach((v, i) => walk(type.ofType, v, [...path, i]));
    if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) if (value && typeof value === "object" && f.name in value) walk(f.type, (value as Record<string, unknown>)[f.name], [...path, f.name]);
      return;
    }
    if (type.name === "ID") paths.push(path);
  };
  for (const arg of field.args) if (arg.name in args) walk(arg.type, args[arg.name], [arg.name]);
  return paths;
}

function withValueAt(args: Record<string, unknown>, path: Array<string | number>, value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  let at: any = copy;
  for (const step of path.slice(0, -1)) at = at[step];
  at[path[path.length - 1]] = value;
  return copy;
}

/**
 * The operations the matrix sends for one field: required arguments only, optional ids filled with the other
 * partner's, each id argument set to each of the other partner's ids in turn, and the hand-written variants.
 */
export function generateOperations(
  schema: GraphQLSchema,
  kind: RootKind,
  name: string,
  values: ArgumentValues,
  sweepIds: string[],
  handWritten: Record<string, Record<string, unknown>> = {},
  levels = 2,
): GeneratedOperation[] {
  const field = rootType(schema, kind)?.getFields()[name];
  if (!field) return [];
  const make = (variant: string, variables: Record<string, unknown>): GeneratedOperation => ({ field: name, kind, variant, variables, levels, query: operationText(kind, field, variables, levels) });
  const plain = argumentsOf(field, values, false);
  const targeted = argumentsOf(field, values, true);
  const ops = [make("plain", plain)];
  if (JSON.stringify(targeted) !== JSON.stringify(plain)) ops.push(make("targeted", targeted));
  for (const path of idPaths(field, targeted)) {
    for (const id of sweepIds) if (id !== readPath(targeted, path)) ops.push(make(`sweep:${path.join(".")}=${id}`, withValueAt(targeted, path, id)));
  }
  for (const [variant, variables] of Object.entries(handWritten)) ops.push(make(variant, variables));
  return ops;
}

function readPath(args: Record<string, unknown>, path: Array<string | number>): unknown {
  return path.reduce<any>((at, step) => at?.[step], args);
}

/** The same operation with fewer object levels selected, for a query the limits refuse as too deep or costly. */
export function shallower(schema: GraphQLSchema, op: GeneratedOperation): GeneratedOperation | undefined {
  if (op.levels === 0) return undefined;
  const field = rootType(schema, op.kind)!.getFields()[op.field];
  return { ...op, levels: op.levels - 1, query: operationText(op.kind, field, op.variables, op.levels - 1) };
}

/** The same operation with other variables: the query declares and passes each one that the field takes. */
export function withVariables(schema: GraphQLSchema, op: GeneratedOperation, variables: Record<string, unknown>): GeneratedOperation {
  const field = rootType(schema, op.kind)!.getFields()[op.field];
  return { ...op, variables, query: operationText(op.kind, field, variables, op.levels) };
}
