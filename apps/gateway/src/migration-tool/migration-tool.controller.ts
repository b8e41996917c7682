import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { PublicRateLimitGuard } from '../rate-limit/public-rate-limit.guard';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateInput } from '../problems/validate';
import {
  BulkPlanBodySchema,
  ErRolePathSchema,
  PackageListQuerySchema,
  PackagePathSchema,
  SingleRoleQuerySchema,
} from './migration-tool.operations';
import { MigrationToolService } from './migration-tool.service';
import { MIGRATION_CLOCK, type MigrationClock } from './migration-tool.tokens';
import { sendStaticAnswer } from './static-answer';

/**
 * Public, key-less lookups in the Altinn 2 → Altinn 3 access catalogue. Handlers send through
 * sendStaticAnswer rather than returning, because a 304 must leave without a body or Nest's 200.
 */
@Controller('api/v1/tools/altinn-migration')
@UseGuards(PublicRateLimitGuard)
export class MigrationToolController {
  constructor(
    private readonly migrationTool: MigrationToolService,
    @Inject(MIGRATION_CLOCK) private readonly clock: MigrationClock,
  ) {}

  @Get()
  planOneRole(@Query() query: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const { role } = validateInput(SingleRoleQuerySchema, query, 'query');
    const today = this.clock();
    const plan = this.migrationTool.planOneRole(role, today);
    sendStaticAnswer(request, reply, plan, this.identity(['plan', role], today));
  }

  @Post()
  planRoles(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const { roles, orgnr } = validateInput(BulkPlanBodySchema, body, 'body');
    const today = this.clock();
    const plan = this.migrationTool.planRoles(roles, orgnr, today);
    sendStaticAnswer(request, reply, plan, this.identity(['plan', roles, orgnr ?? null], today));
  }

  @Get('packages')
  listPackages(@Query() query: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const { area, area_group: areaGroup } = validateInput(PackageListQuerySchema, query, 'query');
    const list = this.migrationTool.listPackages({ area, areaGroup });
    sendStaticAnswer(request, reply, list, this.identity(['packages', area ?? null, areaGroup ?? null]));
  }

  @Get('packages/:package')
  packageOrigins(@Param() params: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const { package: urnOrCode } = validateInput(PackagePathSchema, params, 'path');
    const origins = this.migrationTool.packageOrigins(urnOrCode);
    sendStaticAnswer(request, reply, origins, this.identity(['package', origins.package.urn]));
  }

  @Get('er-roles/:role')
  erRole(@Param() params: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const { role } = validateInput(ErRolePathSchema, params, 'path');
    const packages = this.migrationTool.erRole(role);
    sendStaticAnswer(request, reply, packages, this.identity(['er-role', packages.urn]));
  }

  @Get('areas')
  listAreas(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    sendStaticAnswer(request, reply, this.migrationTool.listAreas(), this.identity(['areas']));
  }

  private identity(request: unknown[], asOf?: Date) {
    return { catalogueVersion: this.migrationTool.catalogueVersion, request, asOf };
  }
}
