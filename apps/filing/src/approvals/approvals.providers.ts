import type { PrismaClient } from '@apier/db';
import type { Provider, Type } from '@nestjs/common';
import type { FilingConfig } from '../config';
import { PRISMA } from '../filing.tokens';
import { ApprovalRequestStore } from './approval-request.store';
import { ApprovalTokenStore } from './approval-token.store';
import { ApprovalsHandler } from './approvals.handler';

/** Approval requests, single-use approval tokens and their NATS handlers. */
export function approvalsProviders(config: FilingConfig): { controllers: Type[]; providers: Provider[] } {
  return {
    controllers: [ApprovalsHandler],
    providers: [
      {
        provide: ApprovalRequestStore,
        inject: [PRISMA],
        useFactory: (prisma: PrismaClient) =>
          new ApprovalRequestStore(prisma, { requestTtlSeconds: config.APPROVAL_REQUEST_TTL_SECONDS }),
      },
      {
        provide: ApprovalTokenStore,
        inject: [PRISMA],
        useFactory: (prisma: PrismaClient) =>
          new ApprovalTokenStore(prisma, { tokenTtlSeconds: config.APPROVAL_TOKEN_TTL_SECONDS }),
      },
    ],
  };
}
