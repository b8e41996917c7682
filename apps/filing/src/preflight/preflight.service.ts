import {
  ApierError,
  BINDING_ACTIONS,
  type CompanyContext,
  CompanyContextSchema,
  ConfirmDelegationReplySchema,
  type ExecuteActionBody,
  type PreflightCheck,
  SUBJECTS,
} from '@apier/contracts';
import { osloToday, type MvaMelding, validateMvaMelding } from '@apier/mva';
import type { RpcClient } from '@apier/platform';
import { companyExistsCheck } from './company-exists.check';
import { deadlineWindowCheck } from './deadline-window.check';
import { entityFacts, registerFacts } from './mva-context';
import { payloadValidCheck } from './payload-valid.check';
import { payloadHash } from './payload-hash';
import {
  scopesDelegatedCheck,
  type SystemUserEvidence,
  systemUserAuthorisedCheck,
} from './system-user.checks';

export interface PreflightInput {
  accountId: string | null;
  sandbox: boolean;
  body: ExecuteActionBody;
}

export interface PreflightOutcome {
  payloadHash: string;
  checks: PreflightCheck[];
  ready: boolean;
  melding?: MvaMelding;
  /** What an approver is shown: who, which term, how much. */
  summary: Record<string, unknown>;
}

/**
 * The five checks every binding action passes before it may be approved and again at submit
 * time. Nothing here submits. Every check reports; any check that cannot be evaluated fails,
 * so an outage never reads as "allowed".
 */
export class PreflightService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly today: () => string = osloToday,
  ) {}

  async run(input: PreflightInput): Promise<PreflightOutcome> {
    const { body, sandbox } = input;
    const [context, delegation] = await Promise.all([
      this.companyContext(body.orgnr, sandbox),
      this.delegationEvidence(input),
    ]);
    const known = context instanceof ApierError ? null : context;
    const evidence: SystemUserEvidence =
      delegation ?? (known ? { kind: 'sandbox', state: known.delegation.data } : refusedWithoutContext());
    const today = this.today();
    const register = known ? registerFacts(known) : undefined;
    const validation = validateMvaMelding(body.payload, {
      expectedOrgnr: body.orgnr,
      today,
      ...(register ? { register } : {}),
      ...(known ? { entity: entityFacts(known) } : {}),
    });
    const checks = [
      companyExistsCheck(context),
      systemUserAuthorisedCheck(evidence),
      scopesDelegatedCheck(evidence, body.type),
      payloadValidCheck(validation, known),
      deadlineWindowCheck(validation.melding, today),
    ];
    return {
      payloadHash: payloadHash(body),
      checks,
      ready: checks.every((c) => c.status !== 'fail'),
      ...(validation.melding ? { melding: validation.melding } : {}),
      summary: summarise(body, validation.melding, known),
    };
  }

  private async companyContext(orgnr: string, sandbox: boolean): Promise<CompanyContext | ApierError> {
    try {
      return await this.rpc.request(
        SUBJECTS.registry.companyContext,
        { orgnr, sandbox },
        CompanyContextSchema,
      );
    } catch (error) {
      if (error instanceof ApierError) return error;
      throw error;
    }
  }

  /** Live: a fresh confirmation from the auth-broker. Sandbox: read from the fixture context (null here). */
  private async delegationEvidence(input: PreflightInput): Promise<SystemUserEvidence | null> {
    if (input.sandbox || input.accountId === null) return null;
    try {
      const reply = await this.rpc.request(
        SUBJECTS.auth.delegation.confirm,
        { accountId: input.accountId, orgnr: input.body.orgnr, access_packages: [] },
        ConfirmDelegationReplySchema,
        { accountId: input.accountId },
      );
      return { kind: 'confirmed', reply };
    } catch (error) {
      if (error instanceof ApierError) return { kind: 'refused', error };
      throw error;
    }
  }
}

function refusedWithoutContext(): SystemUserEvidence {
  return {
    kind: 'refused',
    error: new ApierError('delegation_unconfirmable', 'The sandbox context could not be read', {
      retryable: true,
    }),
  };
}

function summarise(
  body: ExecuteActionBody,
  melding: MvaMelding | undefined,
  context: CompanyContext | null,
): Record<string, unknown> {
  return {
    action: BINDING_ACTIONS[body.type].description,
    orgnr: body.orgnr,
    company_name: context?.entity.data.name ?? null,
    term: melding ? `${melding.periode.value} ${melding.periode.year}` : null,
    category: melding?.meldingskategori ?? null,
    fastsatt_merverdiavgift: melding?.fastsattMerverdiavgift ?? null,
    lines: melding?.linjer.length ?? null,
    regnskapssystemsreferanse: melding?.regnskapssystemsreferanse ?? null,
  };
}
