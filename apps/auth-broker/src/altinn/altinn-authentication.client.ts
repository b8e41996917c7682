import { ApierError } from '@apier/contracts';
import { z } from 'zod';
import { type AltinnHttp, altinnCodeOf } from './altinn-http';

/** Status of a System User request (reference §4.2). */
export const SystemUserRequestStatusSchema = z.enum(['New', 'Accepted', 'Rejected', 'Denied', 'Timedout']);

const AccessPackageRefSchema = z.looseObject({ urn: z.string() });

export const SystemUserRequestSchema = z.looseObject({
  id: z.string(),
  externalRef: z.string().nullish(),
  systemId: z.string(),
  partyOrgNo: z.string(),
  accessPackages: z.array(AccessPackageRefSchema).nullish(),
  status: SystemUserRequestStatusSchema,
  confirmUrl: z.string(),
  created: z.string().nullish(),
});
export type SystemUserRequest = z.infer<typeof SystemUserRequestSchema>;

export const SystemUserSchema = z.looseObject({
  id: z.string(),
  systemId: z.string().nullish(),
  reporteeOrgNo: z.string().nullish(),
  externalRef: z.string().nullish(),
  isDeleted: z.boolean().nullish(),
});
export type SystemUser = z.infer<typeof SystemUserSchema>;

export const RegisteredSystemSchema = z.looseObject({
  id: z.string(),
  accessPackages: z.array(AccessPackageRefSchema).nullish(),
  clientId: z.array(z.string()).nullish(),
  isDeleted: z.boolean().nullish(),
});
export type RegisteredSystem = z.infer<typeof RegisteredSystemSchema>;

const PageSchema = z.object({
  links: z.object({ next: z.string().nullish() }).nullish(),
  data: z.array(z.unknown()),
});

/** The body of `POST/PUT /systemregister/vendor…` (reference §4.1). */
export interface SystemDefinition {
  id: string;
  vendor: { authority: 'iso6523-actorid-upis'; ID: string };
  name: Record<string, string>;
  description: Record<string, string>;
  rights: unknown[];
  accessPackages: { urn: string }[];
  clientId: string[];
  allowedRedirectUrls: string[];
  isVisible: boolean;
}

export interface NewSystemUserRequest {
  systemId: string;
  partyOrgNo: string;
  externalRef: string;
  accessPackages: string[];
}

/** A list longer than this is not a list we can trust to end. */
const MAX_PAGES = 1_000;

/** The vendor side of Altinn Authentication that the delegation lifecycle needs, as an interface for tests. */
export interface AltinnAuthenticationApi {
  getSystem(systemId: string): Promise<RegisteredSystem | null>;
  registerSystem(definition: SystemDefinition): Promise<void>;
  replaceSystem(definition: SystemDefinition): Promise<void>;
  createRequest(request: NewSystemUserRequest): Promise<{ created: boolean; request: SystemUserRequest }>;
  getRequest(requestId: string): Promise<SystemUserRequest | null>;
  getRequestByExternalRef(
    systemId: string,
    orgnr: string,
    externalRef: string,
  ): Promise<SystemUserRequest | null>;
  deleteRequest(requestId: string): Promise<void>;
  findSystemUser(systemId: string, orgnr: string, externalRef: string): Promise<SystemUser | null>;
  listSystemUsers(systemId: string): Promise<SystemUser[]>;
}

/**
 * Altinn Authentication vendor APIs (reference §4.1–§4.3) with their wire shapes checked. "Not
 * found" answers are null; every other failure is the typed error of {@link AltinnHttp}.
 */
export class AltinnAuthenticationClient implements AltinnAuthenticationApi {
  constructor(private readonly http: AltinnHttp) {}

  async getSystem(systemId: string): Promise<RegisteredSystem | null> {
    return this.orNull(['AUTH-00011'], async () =>
      parse(
        RegisteredSystemSchema,
        (await this.http.call('GET', `/systemregister/vendor/${enc(systemId)}`)).body,
      ),
    );
  }

  async registerSystem(definition: SystemDefinition): Promise<void> {
    await this.http.call('POST', '/systemregister/vendor', definition);
  }

  async replaceSystem(definition: SystemDefinition): Promise<void> {
    await this.http.call('PUT', `/systemregister/vendor/${enc(definition.id)}`, definition);
  }

  /** 201 creates; 200 hands back the pending request for the same (system, org, externalRef). */
  async createRequest(input: NewSystemUserRequest) {
    const response = await this.http.call('POST', '/systemuser/request/vendor', {
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      externalRef: input.externalRef,
      accessPackages: input.accessPackages.map((urn) => ({ urn })),
    });
    return { created: response.status === 201, request: parse(SystemUserRequestSchema, response.body) };
  }

  async getRequest(requestId: string): Promise<SystemUserRequest | null> {
    return this.orNull(['AUTH-00010'], async () =>
      parse(
        SystemUserRequestSchema,
        (await this.http.call('GET', `/systemuser/request/vendor/${enc(requestId)}`)).body,
      ),
    );
  }

  async getRequestByExternalRef(systemId: string, orgnr: string, externalRef: string) {
    const path = `/systemuser/request/vendor/byexternalref/${enc(systemId)}/${enc(orgnr)}/${enc(externalRef)}`;
    return this.orNull(['AUTH-00010'], async () =>
      parse(SystemUserRequestSchema, (await this.http.call('GET', path)).body),
    );
  }

  async deleteRequest(requestId: string): Promise<void> {
    await this.orNull(['AUTH-00010'], () =>
      this.http.call('DELETE', `/systemuser/request/vendor/${enc(requestId)}`),
    );
  }

  /** One System User by (system, org, externalRef); null when none exists or it was deleted. */
  async findSystemUser(systemId: string, orgnr: string, externalRef: string): Promise<SystemUser | null> {
    const query = new URLSearchParams({ 'system-id': systemId, orgno: orgnr, 'external-ref': externalRef });
    return this.orNull(
      ['AUTH-00015'],
      async () =>
        parse(SystemUserSchema, (await this.http.call('GET', `/systemuser/vendor/byquery?${query}`)).body),
      { bare404: true },
    );
  }

  /** Every non-deleted System User of the system, following `links.next` to the end. */
  async listSystemUsers(systemId: string): Promise<SystemUser[]> {
    const users: SystemUser[] = [];
    let next: string | null | undefined = `/systemuser/vendor/bysystem/${enc(systemId)}`;
    for (let page = 0; next; page++) {
      if (page >= MAX_PAGES)
        throw new ApierError('upstream_bad_response', 'Altinn’s system user list does not end', {
          details: { upstream: 'altinn' },
        });
      const response = await this.http.call('GET', next);
      const body: z.infer<typeof PageSchema> = parse(PageSchema, response.body);
      users.push(...body.data.map((item) => parse(SystemUserSchema, item)));
      next = body.links?.next;
    }
    return users.filter((user) => !user.isDeleted);
  }

  /** "Not found" as null: one of the AUTH codes, or (byquery documents no body) a bare 404. */
  private async orNull<T>(
    codes: string[],
    call: () => Promise<T>,
    options: { bare404?: boolean } = {},
  ): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      const code = altinnCodeOf(error);
      if (code && codes.includes(code)) return null;
      const bare404 =
        error instanceof ApierError &&
        error.code === 'altinn_rejected' &&
        error.details?.['altinn_status'] === 404;
      if (options.bare404 && code === null && bare404) return null;
      throw error;
    }
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApierError('upstream_bad_response', 'Altinn answered with an unexpected shape', {
    details: {
      upstream: 'altinn',
      issues: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    },
  });
}

const enc = encodeURIComponent;
