import { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';

/**
 * Lists every controller method that has neither `@Public()` nor `@Roles()`. The guard
 * refuses such routes at run time; a test asserts this list is empty so none ships.
 */
export function routesWithoutAccessPolicy(app: INestApplication): string[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const scanner = new MetadataScanner();
  return discovery.getControllers().flatMap(({ metatype, instance }) => {
    if (!metatype || !instance) return [];
    const prototype = Object.getPrototypeOf(instance);
    return scanner.getAllMethodNames(prototype).flatMap((method) => {
      const handler = prototype[method];
      if (!Reflect.getMetadata('path', handler) && Reflect.getMetadata('method', handler) === undefined) return [];
      const targets = [handler, metatype];
      const covered = reflector.getAllAndOverride(PUBLIC_KEY, targets) || reflector.getAllAndOverride(ROLES_KEY, targets);
      return covered ? [] : [`${metatype.name}.${method}`];
    });
  });
}
