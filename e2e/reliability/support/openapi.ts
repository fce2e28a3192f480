export interface OpenApiOperation {
  verb: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the document writes it, e.g. `/api/v1/orders/{id}/cancel`. */
  path: string;
  pathParameters: string[];
  queryParameters: string[];
  hasBody: boolean;
  /** `"POST /api/v1/orders/{id}/cancel"`, the key the route tables of these tests use. */
  key: string;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
}

const verbs = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the OpenAPI document (`GET /api/docs-json`), in document order. */
export function operationsOf(document: OpenApiDocument): OpenApiOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    verbs.filter((verb) => item[verb]).map((verb) => {
      const operation = item[verb]!;
      const fromTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      const pathParameters = [...new Set([...fromTemplate, ...declared])];
      const queryParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
      const upper = verb.toUpperCase() as OpenApiOperation['verb'];
      return { verb: upper, path, pathParameters, queryParameters, hasBody: Boolean(operation.requestBody), key: `${upper} ${path}` };
    }),
  );
}

/** The path with each `{name}` replaced by its value (URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]);
  });
}
