import type { PrismaClient } from '@apier/db';
import type { AppLogger, RpcClient } from '@apier/platform';
import type { Provider, Type } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { apiKeyPepper, type GatewayConfig } from '../config';
import { PRISMA, REDIS, RPC_CLIENT } from '../gateway.tokens';
import { FixedWindowLimiter } from '../rate-limit/fixed-window-limiter';
import { ApprovalPagesController } from './approval-pages.controller';
import { ApprovalRequestsClient } from './approval-requests.client';
import { ApprovalsApiController } from './approvals-api.controller';
import { APPROVER_LOGIN_LIMITER, APPROVER_PUBLIC_ORIGIN, PROBLEM_TYPE_BASE_URL } from './approvals.tokens';
import { ApproverCookie } from './approver-cookie';
import { ApproverPageFilter } from './approver-page.filter';
import { dummyPasswordHash } from './approver-password';
import { ApproverRepository } from './approver.repository';
import { ApproverSessionGuard } from './approver-session.guard';
import { ApproverSessions } from './approver-sessions';
import { ApproverSignInController } from './approver-sign-in.controller';

/** Ten sign-in attempts per client address and email every 15 minutes, shared by replicas. */
const SIGN_IN_LIMIT = { name: 'approver-sign-in', limit: 10, windowSeconds: 900 };

/**
 * The approval gate in the gateway: approver sign-in and sessions, the pages and the JSON API.
 * The CSRF secret is derived from API_KEY_PEPPER (a public value only outside `live`).
 */
export function approvalsProviders(
  config: GatewayConfig,
  logger: AppLogger,
  publicBaseUrl: string,
): { controllers: Type[]; providers: Provider[] } {
  return {
    controllers: [ApproverSignInController, ApprovalPagesController, ApprovalsApiController],
    providers: [
      { provide: APPROVER_PUBLIC_ORIGIN, useValue: new URL(publicBaseUrl).origin },
      { provide: PROBLEM_TYPE_BASE_URL, useValue: config.PROBLEM_TYPE_BASE_URL },
      { provide: ApproverCookie, useValue: new ApproverCookie(config.APPROVER_COOKIE_SECURE) },
      {
        provide: ApproverRepository,
        inject: [PRISMA],
        useFactory: (prisma: PrismaClient) => new ApproverRepository(prisma),
      },
      {
        provide: APPROVER_LOGIN_LIMITER,
        inject: [REDIS],
        useFactory: (redis: Redis) => new FixedWindowLimiter(redis, SIGN_IN_LIMIT),
      },
      {
        provide: ApproverSessions,
        inject: [ApproverRepository, APPROVER_LOGIN_LIMITER],
        useFactory: (repository: ApproverRepository, limiter: FixedWindowLimiter) =>
          new ApproverSessions({
            repository,
            limiter,
            csrfSecret: apiKeyPepper(config),
            dummyPasswordHash: dummyPasswordHash(),
            logger,
          }),
      },
      {
        provide: ApprovalRequestsClient,
        inject: [RPC_CLIENT],
        useFactory: (rpc: RpcClient) => new ApprovalRequestsClient(rpc),
      },
      ApproverSessionGuard,
      ApproverPageFilter,
    ],
  };
}
