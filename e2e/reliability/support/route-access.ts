import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '@lib/auth';

export interface RouteAccess {
  public: boolean;
  /** The roles the AccessGuard lets through (empty for public routes). */
  roles: string[];
}

const joinPath = (...parts: string[]) => `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
/** Nest's `:id` as OpenAPI writes it, `{id}`. */
const asOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const asArray = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']).map(String);

/**
 * Who may call each route, keyed `"GET /api/v1/orders/{id}"`, read from the same metadata
 * (`@Public`, `@Roles`, on the handler or its controller) that the AccessGuard reads.
 */
export function routeAccessMap(app: INestApplication): Map<string, RouteAccess> {
  const discovery = app.get(DiscoveryService, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const scanner = new MetadataScanner();
  const routes = new Map<string, RouteAccess>();
  for (const { metatype, instance } of discovery.getControllers()) {
    if (!metatype || !instance) continue;
    const prototype = Object.getPrototypeOf(instance);
    const controllerPaths = asArray(Reflect.getMetadata(PATH_METADATA, metatype));
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method];
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (verb === undefined) continue;
      const targets = [handler, metatype];
      const access: RouteAccess = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)
        ? { public: true, roles: [] }
        : { public: false, roles: reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [] };
      for (const controllerPath of controllerPaths) {
        for (const handlerPath of asArray(Reflect.getMetadata(PATH_METADATA, handler))) {
          routes.set(`${RequestMethod[verb]} ${asOpenApiPath(joinPath(controllerPath, handlerPath))}`, access);
        }
      }
    }
  }
  return routes;
}
