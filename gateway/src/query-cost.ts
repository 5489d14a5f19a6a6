import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

/** Page size of a connection whose `first` is not given and has no default in the schema. */
export const DEFAULT_PAGE_SIZE = 50;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/**
 * What an operation costs: each selected field counts once for every item of every list it is reached
 * through, and a list under a field with a `first` argument (a connection's `edges`) is `first` items long,
 * so nested connections multiply.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return selectionCost({ schema, fragments, operation, variables }, operation.selectionSet, root, 1, 1, new Set());
}

function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, pageSize: number, spreading: Set<string>): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      total += multiplier;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      if (!field || !selection.selectionSet) continue;
      const first = firstArgument(walk, field, selection);
      const list = isListType(getNullableType(field.type));
      const items = list ? (first ?? pageSize) : 1;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      total += selectionCost(walk, selection.selectionSet, named, multiplier * items, first !== undefined && !list ? first : 1, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) total += selectionCost(walk, selection.selectionSet, type, multiplier, pageSize, spreading);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      // A fragment that spreads itself is reported by graphql's own NoFragmentCycles rule.
      if (!fragment || !type || !isCompositeType(type) || spreading.has(name)) continue;
      total += selectionCost(walk, fragment.selectionSet, type, multiplier, pageSize, new Set([...spreading, name]));
    }
  }
  return total;
}

/** The page size a field with a `first` argument asks for: given, from a variable, or its default. */
function firstArgument(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
  const arg = field.args.find((a) => a.name === "first");
  if (!arg) return undefined;
  const given = node.arguments?.find((a) => a.name.value === "first")?.value;
  let value: unknown = undefined;
  if (given?.kind === Kind.VARIABLE) {
    const name = given.name.value;
    value = walk.variables[name];
    if (value === undefined || value === null) {
      const definition = walk.operation.variableDefinitions?.find((v) => v.variable.name.value === name);
      value = definition?.defaultValue ? valueFromAST(definition.defaultValue, arg.type) : undefined;
    }
  } else if (given) {
    value = valueFromAST(given, arg.type);
  }
  value ??= arg.defaultValue ?? DEFAULT_PAGE_SIZE;
  return typeof value === "number" && Number.isFinite(value) ? Math.max(1, Math.floor(value)) : DEFAULT_PAGE_SIZE;
}

export function costLimitMessage(maxCost: number, cost: number): string {
  return `Query cost limit of ${maxCost} exceeded: this operation costs ${cost}. Ask for smaller pages (first) or fewer nested lists.`;
}

/** Rejects every operation of a document costing more than `maxCost`, given the request's variables. */
export function costLimitRule(maxCost: number, variables: Record<string, unknown> = {}): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const cost = operationCost(context.getSchema(), document, definition, variables);
        if (cost > maxCost) {
          context.reportError(new GraphQLError(costLimitMessage(maxCost, cost), { nodes: [definition] }));
        }
      }
    },
  });
}

/** Cost answers kept per document for distinct page-size variable values: beyond it, costs are worked out each time. */
const MAX_COSTS_PER_DOCUMENT = 64;

interface DocumentCosts {
  schema: GraphQLSchema;
  /** The variables a `first:` argument takes its value from: the only ones a cost depends on. */
  pageVariables: string[];
  costs: Map<string, Array<[OperationDefinitionNode, number]>>;
}

/**
 * Each operation's cost in a document, worked out once per document and values of its page-size variables rather
 * than on every request. Keyed by the parsed document, which Apollo's document store hands out once per distinct
 * query text (and bounds): a document it forgets is forgotten here too.
 */
export class OperationCosts {
  private readonly byDocument = new WeakMap<DocumentNode, DocumentCosts>();

  of(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): Array<[OperationDefinitionNode, number]> {
    let known = this.byDocument.get(document);
    if (!known || known.schema !== schema) {
      known = { schema, pageVariables: pageVariables(document), costs: new Map() };
      this.byDocument.set(document, known);
    }
    const key = JSON.stringify(known.pageVariables.map((name) => variables[name] ?? null));
    let costs = known.costs.get(key);
    if (!costs) {
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      costs = operations.map((operation) => [operation, operationCost(schema, document, operation, variables)]);
      if (known.costs.size < MAX_COSTS_PER_DOCUMENT) known.costs.set(key, costs);
    }
    return costs;
  }
}

/** Names of the variables given as a `first:` argument anywhere in the document. */
function pageVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === "first" && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}
