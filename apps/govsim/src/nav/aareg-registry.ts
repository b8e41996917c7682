import { checkOrgnr } from '@apier/contracts';
import type { GovsimWorld } from '../fixtures/govsim-world';
import { json, type WireResponse } from '../http/wire-response';

/** Aa-registeret answers errors as a list of messages. */
const refusal = (status: 400 | 404, melding: string): WireResponse => json(status, { meldinger: [melding] });

/**
 * NAV Aa-registeret's employer overview: employment counts per workplace (sub-unit) for one
 * opplysningspliktig (main unit). The company total is the sum over its workplaces.
 */
export class AaregRegistry {
  constructor(private readonly world: GovsimWorld) {}

  arbeidsgiveroversikt(opplysningspliktig: string | undefined): WireResponse {
    if (opplysningspliktig === undefined || opplysningspliktig.trim() === '') {
      return refusal(400, 'Header Nav-Opplysningspliktigident mangler');
    }
    // NAV validates the identifier fully, unlike Brreg's lookups.
    const verdict = checkOrgnr(opplysningspliktig.trim());
    if (!verdict.valid) {
      return refusal(400, `Ugyldig opplysningspliktig: ${opplysningspliktig}`);
    }
    const company = this.world.company(verdict.orgnr);
    if (!company) return refusal(404, `Fant ikke opplysningspliktig ${verdict.orgnr}`);
    return json(
      200,
      company.arbeidsforhold.map((aggregate) => ({
        arbeidsgiver: { type: 'Organisasjon', organisasjonsnummer: aggregate.underenhet },
        aktiveArbeidsforhold: aggregate.aktive,
        inaktiveArbeidsforhold: aggregate.inaktive,
      })),
    );
  }
}
