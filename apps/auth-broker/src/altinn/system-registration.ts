import type { AppLogger } from '@apier/platform';
import type {
  AltinnAuthenticationApi,
  RegisteredSystem,
  SystemDefinition,
} from './altinn-authentication.client';
import { altinnValidationCodesOf } from './altinn-http';

export interface ApierSystemOptions {
  vendorOrgnr: string;
  clientId: string;
  accessPackages: string[];
}

/** Apier's one system in the Altinn system register: `<vendor orgnr>_apier`. */
export function apierSystemId(vendorOrgnr: string): string {
  return `${vendorOrgnr}_apier`;
}

export function apierSystemDefinition(options: ApierSystemOptions): SystemDefinition {
  const name = 'Apier';
  return {
    id: apierSystemId(options.vendorOrgnr),
    vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${options.vendorOrgnr}` },
    name: { nb: name, nn: name, en: name },
    description: {
      nb: 'Apier henter selskapsdata og sender innsendinger til Altinn på vegne av virksomheten.',
      nn: 'Apier hentar selskapsdata og sender innsendingar til Altinn på vegner av verksemda.',
      en: 'Apier reads company data and files to Altinn on behalf of the organisation.',
    },
    rights: [],
    accessPackages: [...new Set(options.accessPackages)].sort().map((urn) => ({ urn })),
    clientId: [options.clientId],
    allowedRedirectUrls: [],
    isVisible: true,
  };
}

/**
 * Makes sure the system register holds Apier's system with our client id and access packages:
 * GET, then POST when it is missing or PUT when it differs; idempotent, so every replica may run
 * it at start. A failure is remembered only until the next call, which tries again.
 */
export class SystemRegistration {
  private registered: Promise<void> | undefined;
  readonly definition: SystemDefinition;

  constructor(
    private readonly altinn: AltinnAuthenticationApi,
    options: ApierSystemOptions,
    private readonly logger: AppLogger,
  ) {
    this.definition = apierSystemDefinition(options);
  }

  get systemId(): string {
    return this.definition.id;
  }

  get accessPackages(): string[] {
    return this.definition.accessPackages.map((p) => p.urn);
  }

  ensure(): Promise<void> {
    this.registered ??= this.register().catch((error: unknown) => {
      this.registered = undefined;
      throw error;
    });
    return this.registered;
  }

  private async register(): Promise<void> {
    const existing = await this.altinn.getSystem(this.systemId);
    let action: 'created' | 'updated' | 'unchanged' = 'unchanged';
    if (!existing) {
      action = 'created';
      try {
        await this.altinn.registerSystem(this.definition);
      } catch (error) {
        // Another replica registered it between our GET and POST (AUTH.VLD-00002: id exists).
        if (!altinnValidationCodesOf(error).includes('AUTH.VLD-00002')) throw error;
        await this.altinn.replaceSystem(this.definition);
      }
    } else if (!this.matches(existing)) {
      action = 'updated';
      await this.altinn.replaceSystem(this.definition);
    }
    this.logger.info(
      { system_id: this.systemId, access_packages: this.accessPackages, action },
      'system registered in the Altinn system register',
    );
  }

  private matches(system: RegisteredSystem): boolean {
    const packages = (system.accessPackages ?? []).map((p) => p.urn).sort();
    const clientIds = system.clientId ?? [];
    return (
      JSON.stringify(packages) === JSON.stringify(this.accessPackages) &&
      this.definition.clientId.every((id) => clientIds.includes(id))
    );
  }
}
