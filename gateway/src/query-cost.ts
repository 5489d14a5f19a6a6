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

/** Rejects every operation of a document costing more than `maxCost`, given the request's variables. */
export function costLimitRule(maxCost: number, variables: Record<string, unknown> = {}): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const cost = operationCost(context.getSchema(), document, definition, variables);
        if (cost > maxCost) {
          context.reportError(new GraphQLError(`Query cost limit of ${maxCost} exceeded: this operation costs ${cost}. Ask for smaller pages (first) or fewer nested lists.`, { nodes: [definition] }));
        }
      }
    },
  });
}
