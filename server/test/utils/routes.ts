import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';

/**
 * The routes the server really answers, read from fastify's router (`printRoutes`), as OpenAPI paths
 * (`/api/wishes/{id}`). HEAD is fastify's automatic twin of GET; static files, the API docs and the H5 shell
 * are not API routes.
 */
export function servedRoutes(app: NestFastifyApplication): Array<{ method: string; path: string }> {
  const text: string = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out: Array<{ method: string; path: string }> = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/u);
    if (!m) continue;
    const depth = [...m[1]].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const path = stack.join('').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    if (!m[3] || !/^\/(api|open311)\//.test(path) || path.startsWith('/api/docs')) continue;
    for (const method of m[3].split(', ')) if (method !== 'HEAD') out.push({ method: method.toLowerCase(), path });
  }
  return out;
}

export interface HandlerArg {
  kind: 'query' | 'path' | 'header';
  /** `@Query('x')` names one; `@Query() q: Dto` takes the DTO's validated properties */
  names: string[];
}

/** Every controller method, by the operationId the document gives it, with the query/path/header inputs it reads. */
export function handlerInputs(app: NestFastifyApplication): Map<string, HandlerArg[]> {
  const kinds: Record<number, HandlerArg['kind']> = { [RouteParamtypes.QUERY]: 'query', [RouteParamtypes.PARAM]: 'path', [RouteParamtypes.HEADERS]: 'header' };
  const out = new Map<string, HandlerArg[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as any;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const method = controller.prototype[name];
        if (typeof method !== 'function' || Reflect.getMetadata(PATH_METADATA, method) === undefined || Reflect.getMetadata(METHOD_METADATA, method) === undefined) continue;
        const args: Record<string, { index: number; data?: string }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const types: any[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        const inputs: HandlerArg[] = [];
        for (const [key, arg] of Object.entries(args)) {
          const kind = kinds[Number(key.split(':')[0])];
          if (!kind) continue;
          const names = arg.data ? [arg.data] : validatedProperties(types[arg.index]);
          inputs.push({ kind, names });
        }
        out.set(`${controller.name}_${name}`, inputs);
      }
    }
  }
  return out;
}

function validatedProperties(dto: unknown): string[] {
  if (typeof dto !== 'function' || dto === Object) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

export interface RouteGate {
  /** `@Public()`: answered without a token (a token only personalises) */
  isPublic: boolean;
  /** `@Roles(...)`: the roles let past the guard; empty: any signed-in person */
  roles: string[];
  /** path parameters limited to a list by the `@Param()` DTO (`@IsIn`), e.g. the moves an action route takes */
  paramChoices: Record<string, string[]>;
  /** the properties the `@Body()` DTO validates (a body with others is refused 422 before any scope check) */
  bodyFields: string[];
}

/**
 * Every controller route's guard, keyed like `servedRoutes` (`get /api/wishes/{id}`): what `AuthGuard` lets through
 * before any scope check. Read from the same metadata the guard reads (handler first, then the class).
 */
export function routeGates(app: NestFastifyApplication): Map<string, RouteGate> {
  const out = new Map<string, RouteGate>();
  const methods = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head'];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as any;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler));
        const joined = [base, sub].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
        const prefix = joined.startsWith('open311') ? '/' : '/api/';
        const path = (prefix + joined).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        const method = methods[Reflect.getMetadata(METHOD_METADATA, handler)];
        const pick = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        const args: Record<string, { index: number; data?: string }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const types: any[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        const paramChoices: Record<string, string[]> = {};
        const bodyFields: string[] = [];
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) === RouteParamtypes.BODY && !arg.data) bodyFields.push(...validatedProperties(types[arg.index]));
          if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || arg.data || typeof types[arg.index] !== 'function') continue;
          for (const m of getMetadataStorage().getTargetValidationMetadatas(types[arg.index], '', false, false)) {
            if (m.name === 'isIn' && Array.isArray(m.constraints?.[0])) paramChoices[m.propertyName] = m.constraints[0].map(String);
          }
        }
        out.set(`${method} ${path}`, { isPublic: !!pick<boolean>('isPublic'), roles: pick<string[]>('roles') ?? [], paramChoices, bodyFields });
      }
    }
  }
  return out;
}
