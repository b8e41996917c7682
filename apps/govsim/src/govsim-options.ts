import { z } from 'zod';
import { MAX_SYNTHETIC_COMPANIES } from './fixtures/synthetic-orgnr';

/** Injection token for the validated options, for providers that need more than the world. */
export const GOVSIM_OPTIONS = Symbol('GOVSIM_OPTIONS');

export interface GovsimOptions {
  /** Seed of the synthetic world; the same seed always yields the same companies. */
  seed: number;
  /** How many generated companies to hold in memory next to the fixtures. */
  syntheticCompanies: number;
  /** Where govsim is reachable, e.g. `http://127.0.0.1:4000`; used in every HAL link. */
  publicBaseUrl: string;
}

const GovsimOptionsSchema = z.object({
  seed: z.number().int(),
  syntheticCompanies: z.number().int().min(0).max(MAX_SYNTHETIC_COMPANIES),
  publicBaseUrl: z.url(),
});

/** Fails at start-up rather than serving a half-built world. */
export function validateGovsimOptions(options: GovsimOptions): GovsimOptions {
  return GovsimOptionsSchema.parse(options);
}
