import { INestApplication } from '@nestjs/common';
import { HEADERS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC, ROLES_KEY } from '../common/decorators/auth.decorators';
import { describeValidatedProperties } from './validated-properties';
import generated from './responses.generated.json';

/** A DTO or controller class. */
type Class = abstract new (...args: never[]) => unknown;

type Json = Record<string, any>;

/** What `AuthGuard` accepts: a bearer token (routes marked `@SignedUrlAccess()` also answer their signed URL). */
const SIGNED_IN = [{ bearer: [] }];

/** Headers read with `@Headers(name)`, described once. */
const HEADERS: Record<string, Json> = {
  'idempotency-key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Optional. A retry with the same key answers the first result instead of creating a second record.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-:.]{8,80}$' },
  },
};

const ERROR_BODY = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'the coded error, e.g. WISH_STATE_CHANGED' },
    message: { type: 'string' },
    fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'the fields that failed validation' },
  },
  required: ['statusCode', 'code', 'message'],
};
const OPEN311_ERRORS = { type: 'array', items: { type: 'object', properties: { code: { type: 'integer' }, description: { type: 'string' } }, required: ['code', 'description'] } };

interface Handler {
  controller: Class;
  method: (...args: never[]) => unknown;
}

/**
 * The OpenAPI document served at /api/docs-json, complete without an annotation per route:
 * - parameters: Swagger's own scan, with every validated query/path DTO property described from its validators
 *   (`validated-properties.ts`) and any path parameter of the route template that is still missing added;
 * - security: from `@Public()` — public routes say `security: []`, the others a bearer token;
 * - headers: `Idempotency-Key` optional;
 * - responses: the schema of what each handler returns, generated from its TypeScript return type
 *   (`scripts/openapi-responses.js` → `responses.generated.json`); downloads as binary of their content type.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  describeValidatedProperties();
  const config = new DocumentBuilder()
    .setTitle('邻里 linli API')
    .setDescription('码上办 · 微心愿 · 活动报名。错误统一为 { statusCode, code, message, fields? }。Open311 GeoReport v2 在 /open311/v2（错误为 [{ code, description }]）。')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addTag('open311', 'Open311 GeoReport v2 (JSON): public reads; POST needs an api_key issued by an admin')
    .build();
  const doc = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller}_${method}` });
  const handlers = routeHandlers(app);
  const schemas = mergeSchemas(doc, generated.schemas as Json);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of Object.values(item as Json)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      const handler = handlers.get(op.operationId);
      if (!handler) continue;
      describeSecurity(op, handler);
      describeParameters(op, path);
      describeResponses(op, handler, path, schemas.rename((generated.operations as Json)[op.operationId]));
    }
  }
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...schemas.added, ErrorBody: ERROR_BODY } };
  return doc;
}

/** operationId → the controller method behind it, for reading the route's own metadata. */
function routeHandlers(app: INestApplication): Map<string, Handler> {
  const out = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const method = controller.prototype[name];
        if (typeof method === 'function' && Reflect.getMetadata(PATH_METADATA, method) !== undefined && Reflect.getMetadata(METHOD_METADATA, method) !== undefined) {
          out.set(`${controller.name}_${name}`, { controller, method });
        }
      }
    }
  }
  return out;
}

function metadata<T>(key: string, { method, controller }: Handler): T | undefined {
  return Reflect.getMetadata(key, method) ?? Reflect.getMetadata(key, controller);
}

function describeSecurity(op: Json, handler: Handler) {
  if (metadata<boolean>(IS_PUBLIC, handler)) {
    op.security = [];
    return;
  }
  op.security = SIGNED_IN;
  const roles = metadata<string[]>(ROLES_KEY, handler);
  if (roles?.length) {
    op['x-roles'] = roles;
    op.description = [op.description, `Roles: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
  }
}

function describeParameters(op: Json, path: string) {
  const params: Json[] = (op.parameters ??= []);
  for (const [i, p] of params.entries()) {
    const known = p.in === 'header' ? HEADERS[String(p.name).toLowerCase()] : undefined;
    if (known) params[i] = known;
    if (p.in === 'path') p.required = true;
  }
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    if (!params.some((p) => p.in === 'path' && p.name === name)) params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
}

function describeResponses(op: Json, handler: Handler, path: string, schema: Json | null | undefined) {
  const responses: Json = (op.responses ??= {});
  const status = Object.keys(responses).find((s) => /^2\d\d$/.test(s)) ?? '200';
  const types = contentTypes(handler);
  const json = types.every((t) => t.includes('json'));
  const body = json ? schema : { type: 'string', format: 'binary' };
  // No schema: the handler returns nothing, or responses.generated.json is older than the handler (the e2e check and
  // the drift spec say so; the server still starts).
  responses[status] = { description: responses[status]?.description || 'OK', ...(body ? { content: Object.fromEntries(types.map((t) => [t, { schema: body }])) } : {}) };
  const open311 = path.startsWith('/open311/');
  responses.default ??= { description: 'Error', content: { 'application/json': { schema: open311 ? OPEN311_ERRORS : { $ref: '#/components/schemas/ErrorBody' } } } };
}

/** `@ApiProduces(…)`, else a `@Header('Content-Type', …)`, else JSON. */
function contentTypes(handler: Handler): string[] {
  const produces = metadata<string[]>('swagger/apiProduces', handler);
  if (produces?.length) return produces;
  const headers = metadata<Array<{ name: string; value: string }>>(HEADERS_METADATA, handler) ?? [];
  const type = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  return [type ? type.split(';')[0].trim() : 'application/json'];
}

/**
 * Adds the generated response schemas beside the request DTOs Swagger wrote. A generated name that a DTO already
 * holds is renamed (`…Response`), with every reference to it.
 */
function mergeSchemas(doc: OpenAPIObject, incoming: Json) {
  const taken = new Set(Object.keys(doc.components?.schemas ?? {}));
  const names = new Map<string, string>();
  for (const name of Object.keys(incoming)) {
    let next = name;
    for (let n = 1; taken.has(next); n++) next = `${name}Response${n > 1 ? n : ''}`;
    names.set(name, next);
    taken.add(next);
  }
  const rename = <T>(value: T): T => {
    if (value === null || value === undefined) return value;
    const text = JSON.stringify(value).replace(/"#\/components\/schemas\/([^"]+)"/g, (_, n: string) => `"#/components/schemas/${names.get(n) ?? n}"`);
    return JSON.parse(text);
  };
  const added = Object.fromEntries(Object.entries(incoming).map(([name, s]) => [names.get(name)!, rename(s)]));
  return { added, rename };
}
