import type { AppLogger } from '@apier/platform';
import type { Provider, Type } from '@nestjs/common';
import type { FilingConfig } from '../config';
import { DEV_RECEIPT_KEY, parseReceiptSigningKeys } from './receipt-keyring';
import { ReceiptIssuer } from './receipt-issuer';
import { ReceiptSigner } from './receipt-signer';
import { ReceiptsHandler } from './receipts.handler';

/**
 * The receipt keyring, signer, issuer and verify handler. Without RECEIPT_SIGNING_KEYS (allowed
 * only outside `live`, which the config refuses) receipts are signed with the public dev key.
 */
export function receiptsProviders(
  config: FilingConfig,
  logger: AppLogger,
): { controllers: Type[]; providers: Provider[] } {
  return {
    controllers: [ReceiptsHandler],
    providers: [
      {
        provide: ReceiptSigner,
        useFactory: () => {
          if (config.RECEIPT_SIGNING_KEYS)
            return new ReceiptSigner(parseReceiptSigningKeys(config.RECEIPT_SIGNING_KEYS));
          logger.warn(
            { key_id: DEV_RECEIPT_KEY.id },
            'RECEIPT_SIGNING_KEYS is not set: receipts are signed with the public development key, which anyone can forge',
          );
          return new ReceiptSigner([DEV_RECEIPT_KEY]);
        },
      },
      {
        provide: ReceiptIssuer,
        inject: [ReceiptSigner],
        useFactory: (signer: ReceiptSigner) => new ReceiptIssuer(signer),
      },
    ],
  };
}
