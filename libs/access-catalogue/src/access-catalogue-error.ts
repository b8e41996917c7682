import type { CatalogueProblem } from './catalogue-integrity';

/**
 * catalogue_invalid: the shipped data failed validation (a deployment fault, never the caller's).
 * unknown_area / unknown_area_group: a listing filter named nothing in the catalogue (the caller's fault).
 */
export type AccessCatalogueErrorCode = 'catalogue_invalid' | 'unknown_area' | 'unknown_area_group';

export class AccessCatalogueError extends Error {
  readonly code: AccessCatalogueErrorCode;
  readonly problems: readonly CatalogueProblem[];

  constructor(
    code: AccessCatalogueErrorCode,
    message: string,
    options: { problems?: readonly CatalogueProblem[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AccessCatalogueError';
    this.code = code;
    this.problems = options.problems ?? [];
  }
}
