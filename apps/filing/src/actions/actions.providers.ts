import type { PrismaClient } from '@apier/db';
import type { AppLogger, RpcClient } from '@apier/platform';
import type { Provider, Type } from '@nestjs/common';
import { ApprovalRequestStore } from '../approvals/approval-request.store';
import { ApprovalTokenStore } from '../approvals/approval-token.store';
import { LOGGER, PRISMA, RPC } from '../filing.tokens';
import { FilingPipeline } from '../pipeline/filing-pipeline';
import { PreflightService } from '../preflight/preflight.service';
import { ActionsHandler } from './actions.handler';
import { ExecuteActionService } from './execute-action.service';

/** Preflight, dry run, live execute and action reads; approvals and the pipeline provide the rest. */
export function actionsProviders(): { controllers: Type[]; providers: Provider[] } {
  return {
    controllers: [ActionsHandler],
    providers: [
      { provide: PreflightService, inject: [RPC], useFactory: (rpc: RpcClient) => new PreflightService(rpc) },
      {
        provide: ExecuteActionService,
        inject: [PRISMA, PreflightService, ApprovalRequestStore, ApprovalTokenStore, FilingPipeline, LOGGER],
        useFactory: (
          prisma: PrismaClient,
          preflight: PreflightService,
          approvals: ApprovalRequestStore,
          tokens: ApprovalTokenStore,
          pipeline: FilingPipeline,
          logger: AppLogger,
        ) => new ExecuteActionService(prisma, preflight, approvals, tokens, pipeline, logger),
      },
    ],
  };
}
