export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** POSTs one GraphQL operation over real HTTP, the way partner integrations do. */
export async function graphqlRequest<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResponse["errors"] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The `extensions.code` values of a response's errors. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
