import type { JsonWebKey } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { AltinnAuthState } from '../altinn-auth/altinn-auth-state';
import { MaskinportenState } from './maskinporten-state';

const ClientSchema = z.object({
  client_id: z.string().min(1),
  orgnr: z.string().regex(/^\d{9}$/),
  scopes: z.array(z.string().min(1)).min(1),
  jwks: z.array(z.looseObject({ kid: z.string().min(1), kty: z.literal('RSA') })).min(1),
});
const SystemSchema = z.object({
  id: z.string().regex(/^\d{9}_[a-z0-9_]+$/),
  vendor_orgnr: z.string().regex(/^\d{9}$/),
  client_ids: z.array(z.string()).min(1),
  access_packages: z.array(z.string()).default([]),
});
const SystemUserSchema = z.object({
  system_id: z.string(),
  orgnr: z.string().regex(/^\d{9}$/),
  external_ref: z.string().optional(),
  access_packages: z.array(z.string()).default([]),
});

const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new NotFoundException(
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return result.data;
};

/** Test and demo hooks for the fake Maskinporten and the System User state it consults. */
@Controller('govsim/control')
export class MaskinportenControlController {
  constructor(
    private readonly maskinporten: MaskinportenState,
    private readonly altinn: AltinnAuthState,
  ) {}

  @Post('maskinporten/clients')
  registerClient(@Body() body: unknown) {
    const input = parse(ClientSchema, body);
    const client = this.maskinporten.registerClient({
      clientId: input.client_id,
      orgnr: input.orgnr,
      scopes: input.scopes,
      jwks: input.jwks as JsonWebKey[],
    });
    return {
      client_id: client.clientId,
      orgnr: client.orgnr,
      scopes: [...client.scopes],
      kids: [...client.keys.keys()],
    };
  }

  @Get('maskinporten/grants')
  grants() {
    return this.maskinporten.grants;
  }

  @Put('maskinporten/clock')
  setClock(@Body() body: unknown) {
    this.maskinporten.clockOffsetMs = parse(z.object({ offset_ms: z.number().int() }), body).offset_ms;
    return { offset_ms: this.maskinporten.clockOffsetMs };
  }

  @Put('maskinporten/token-lifetime')
  setLifetime(@Body() body: unknown) {
    this.maskinporten.tokenLifetimeSeconds = parse(
      z.object({ seconds: z.number().int().min(1).max(86_400) }),
      body,
    ).seconds;
    return { seconds: this.maskinporten.tokenLifetimeSeconds };
  }

  @Post('altinn/systems')
  registerSystem(@Body() body: unknown) {
    const input = parse(SystemSchema, body);
    this.altinn.systems.set(input.id, {
      id: input.id,
      vendorOrgnr: input.vendor_orgnr,
      name: { nb: input.id, nn: input.id, en: input.id },
      clientIds: input.client_ids,
      accessPackages: input.access_packages,
      rights: [],
      allowedRedirectUrls: [],
      isDeleted: false,
    });
    return this.altinn.systems.get(input.id);
  }

  @Post('altinn/system-users')
  createSystemUser(@Body() body: unknown) {
    const input = parse(SystemUserSchema, body);
    if (!this.altinn.systems.has(input.system_id))
      throw new NotFoundException(`Unknown system ${input.system_id}`);
    return this.altinn.createSystemUser({
      systemId: input.system_id,
      reporteeOrgNo: input.orgnr,
      accessPackages: input.access_packages,
      ...(input.external_ref ? { externalRef: input.external_ref } : {}),
    });
  }

  /** What a company's administrator does in the Altinn portal: the delegation is gone at once. */
  @Delete('altinn/system-users/:id')
  @HttpCode(204)
  revokeSystemUser(@Param('id') id: string): void {
    if (!this.altinn.deleteSystemUser(id)) throw new NotFoundException(`No active system user ${id}`);
  }
}
