import {
  type ReceiptVerification,
  ReceiptVerificationSchema,
  SignedReceiptSchema,
  SUBJECTS,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Authenticated } from '../api-keys/authenticated.decorator';
import { Caller } from '../api-keys/caller.decorator';
import { RPC_CLIENT } from '../gateway.tokens';
import { validateInput } from '../problems/validate';

/** Receipt verification; the filing service holds the keys, so the gateway only shapes the call. */
@Controller('api/v1/receipts')
export class ReceiptsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('verify')
  @HttpCode(200)
  @Authenticated()
  verify(@Body() body: unknown, @Caller() caller: Caller): Promise<ReceiptVerification> {
    const receipt = validateInput(SignedReceiptSchema, body, 'body');
    return this.rpc.request(SUBJECTS.filing.receipt.verify, { receipt }, ReceiptVerificationSchema, {
      accountId: caller.accountId,
    });
  }
}
