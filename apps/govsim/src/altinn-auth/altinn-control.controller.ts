import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { invalidInput } from '../control/control-responses';
import { json, sendWire, type WireResponse } from '../http/wire-response';
import { AltinnAuthState, type SystemUserRequestRecord } from './altinn-auth-state';
import { AltinnProblem } from './altinn-problem';
import { systemView } from './system-register';
import { SystemUserRequests } from './system-user-requests';
import { systemUserView } from './system-user-views';

const TimeoutSchema = z.object({
  seconds: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 24 * 3600),
});
const PageSizeSchema = z.object({ size: z.number().int().min(1).max(10_000) });

/**
 * Test and demo hooks for the fake Altinn Authentication: decide a request as the customer would,
 * shorten the request time-out, look at everything, start over. Revoking a System User lives with
 * the Maskinporten controls (`DELETE /govsim/control/altinn/system-users/:id`).
 */
@Controller('govsim/control/altinn')
export class AltinnControlController {
  constructor(
    private readonly state: AltinnAuthState,
    private readonly requests: SystemUserRequests,
  ) {}

  @Post('requests/:id/approve')
  approve(@Param('id') id: string, @Res() reply: FastifyReply): void {
    sendWire(
      reply,
      this.decide(() => this.requests.approve(id)),
    );
  }

  @Post('requests/:id/reject')
  reject(@Param('id') id: string, @Res() reply: FastifyReply): void {
    sendWire(
      reply,
      this.decide(() => this.requests.decline(id, 'Rejected')),
    );
  }

  /** Denied: Altinn refused for the customer, e.g. the person lacked the rights to delegate. */
  @Post('requests/:id/deny')
  deny(@Param('id') id: string, @Res() reply: FastifyReply): void {
    sendWire(
      reply,
      this.decide(() => this.requests.decline(id, 'Denied')),
    );
  }

  /** Requests older than this read as Timedout (default 180 days). */
  @Put('request-timeout')
  setRequestTimeout(@Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = TimeoutSchema.safeParse(body);
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    this.state.requestTimeoutSeconds = parsed.data.seconds;
    sendWire(reply, json(200, { seconds: this.state.requestTimeoutSeconds }));
  }

  /** Page size of the paginated vendor lists, small in tests so `links.next` gets exercised. */
  @Put('page-size')
  setPageSize(@Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = PageSizeSchema.safeParse(body);
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    this.state.pageSize = parsed.data.size;
    sendWire(reply, json(200, { size: this.state.pageSize }));
  }

  @Get('state')
  snapshot() {
    return {
      settings: { request_timeout_seconds: this.state.requestTimeoutSeconds, page_size: this.state.pageSize },
      systems: [...this.state.systems.values()].map(systemView),
      requests: [...this.state.requests.values()].map((r) => ({
        ...this.requests.view(r),
        vendorOrgnr: r.vendorOrgnr,
        isDeleted: r.isDeleted,
        systemUserId: r.systemUserId ?? null,
      })),
      systemUsers: [...this.state.systemUsers.values()].map((u) => systemUserView(this.state, u)),
    };
  }

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.state.reset();
  }

  private decide(action: () => SystemUserRequestRecord): WireResponse {
    try {
      const request = action();
      return json(200, { ...this.requests.view(request), systemUserId: request.systemUserId ?? null });
    } catch (error) {
      if (!(error instanceof AltinnProblem)) throw error;
      return json(error.status, error.toBody(), 'application/problem+json');
    }
  }
}
