import { createLogger, loadConfig } from '@apier/platform';
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { GatewayConfigSchema } from '../config';
import { GatewayModule, OPERATIONS } from '../gateway.module';
import type { HttpMetrics } from '../observability/http-metrics';
import { ApiKeyGuard, AUTHENTICATED } from './api-key.guard';

/** Routes outside the documented API that are public on purpose (probes, scrape, the spec). */
const OPERATIONAL_ROUTES = [
  'get /health/live',
  'get /health/ready',
  'get /metrics',
  'get /docs',
  'get /docs/openapi.json',
];

interface Route {
  id: string;
  guarded: boolean;
}

function routes(): Route[] {
  const config = loadConfig(GatewayConfigSchema, {});
  const module = GatewayModule.forRoot(config, createLogger('spec', 'silent'), {} as HttpMetrics, 'http://x');
  return (module.controllers ?? []).flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => prototype[name])
      .filter(
        (handler): handler is object =>
          typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler),
      )
      .map((handler) => {
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].join('/')}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1')
          .replace(/:([A-Za-z_]+)/g, '{$1}');
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!.toLowerCase();
        const guards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, handler) ?? [];
        return {
          id: `${method} ${path}`,
          guarded: Reflect.hasMetadata(AUTHENTICATED, handler) && guards.includes(ApiKeyGuard),
        };
      });
  });
}

describe('every API route is either documented as public or guarded by an API key', () => {
  const all = routes();
  const documented = new Map(OPERATIONS.map((op) => [`${op.method} ${op.path}`, op.auth]));

  it('finds the routes', () => {
    expect(all.map((r) => r.id)).toEqual(
      expect.arrayContaining(['get /api/v1/me', 'get /api/v1/company/{orgnr}/context']),
    );
  });

  it.each(all.map((r) => [r.id, r] as const))('%s', (id, route) => {
    if (OPERATIONAL_ROUTES.includes(id)) {
      expect(route.guarded).toBe(false);
      return;
    }
    expect(documented.has(id)).toBe(true);
    expect(route.guarded).toBe(documented.get(id) === 'api-key');
  });
});
