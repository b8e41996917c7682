import { SUBJECTS, VerifyReceiptRequestSchema } from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReceiptSigner } from './receipt-signer';

/** NATS edge of receipts: signature checks for `POST /api/v1/receipts/verify`. */
@Controller()
export class ReceiptsHandler {
  constructor(private readonly signer: ReceiptSigner) {}

  @MessagePattern(SUBJECTS.filing.receipt.verify)
  verify(@Payload() payload: unknown) {
    return this.signer.verify(parsePayload(VerifyReceiptRequestSchema, payload).receipt);
  }
}
