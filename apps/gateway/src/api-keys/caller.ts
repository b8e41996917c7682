import type { ApiKeyMode } from './api-key-format';

/** Who is calling: what the Bearer guard hands to every protected handler. */
export interface Caller {
  accountId: string;
  keyId: string;
  mode: ApiKeyMode;
  scopes: readonly string[];
}
