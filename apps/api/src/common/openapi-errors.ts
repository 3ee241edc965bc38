/**
 * The error answers of every operation, in the OpenAPI document: each status an operation can answer with,
 * with the one error body. Derived from what every operation goes through (the validation pipe, the guard,
 * the roles, the path's ids, the stores' refusals, the dependencies), so a new operation is documented too.
 */
import type { SwaggerModule } from '@nestjs/swagger';
import { REFUSAL_REASONS } from '@thidua/contracts';

type OpenAPIObject = ReturnType<typeof SwaggerModule.createDocument>;
type PathItem = OpenAPIObject['paths'][string];
type OperationObject = NonNullable<PathItem['get']>;
type ResponsesObject = OperationObject['responses'];
type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

const ERROR = '#/components/schemas/ErrorBody';

/** The body of every error ({statusCode, error, message, details[]}). */
const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'details'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string', description: 'In Vietnamese, naming what is wrong' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A field problem {field?, rule, message} (field: the path of the field) or a refusal {reason}',
        properties: {
          field: { type: 'string' },
          rule: { type: 'string' },
          message: { type: 'string' },
          reason: { type: 'string', enum: [...REFUSAL_REASONS] },
        },
      },
    },
  },
};

const WHY: Record<number, string> = {
  400: 'Invalid input: each problem names its field',
  401: 'Not signed in, or the session has expired',
  403: 'The account’s role may not do this',
  404: 'No such thing (or not visible to this account)',
  409: 'A conflict with the state of things (details[].reason)',
  413: 'The body is too large',
  415: 'The body is not in a form the operation reads',
  422: 'Well-formed but refused (data the store cannot hold, a file it cannot read)',
  429: 'Too many failed sign-ins: wait (Retry-After)',
  503: 'A dependency (PostgreSQL, Temporal, the worker) is away: nothing was recorded; retry (Retry-After)',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The error statuses an operation can answer with. */
function statuses(path: string, method: (typeof METHODS)[number], op: OperationObject): number[] {
  const out = [400, 503];
  const secured = (op.security ?? []).length > 0;
  if (secured) out.push(401, 403);
  // An id in the path or the query names something that may not exist.
  if (/\{[^}]+\}/.test(path) || (op.parameters ?? []).length > 0) out.push(404);
  if (method !== 'get' && method !== 'head') out.push(404, 409, 422);
  if (op.requestBody) out.push(413, 415);
  if (path.endsWith('/auth/login')) out.push(401, 429);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Adds the error answers and their schema to a document (in place; returns it). */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ErrorBody: ERROR_SCHEMA } };
  for (const [path, item] of Object.entries<PathItem>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses: ResponsesObject = { ...op.responses };
      for (const status of statuses(path, method, op))
        responses[String(status)] ??= { description: WHY[status], content: { 'application/json': { schema: { $ref: ERROR } } } };
      op.responses = responses;
    }
  }
  return doc;
}
