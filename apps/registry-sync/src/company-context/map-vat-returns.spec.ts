import { mapVatReturns } from './map-vat-returns';

describe('recent MVA returns from the innsyn list', () => {
  it('maps each submission, newest first, in the context’s words', () => {
    const page = {
      skattepliktig: { organisasjonsnummer: '999999999' },
      innsendtMelding: [
        {
          sekvensnummer: 1690010,
          meldingskategori: 'alminnelig',
          skattleggingsperiode: { periode: 'januar-februar', aar: 2026 },
          skattleggingsperiodeType: 'toMaaned',
          innsendingstidspunkt: '2026-04-02T09:00:00Z',
          status: 'fastsatt',
          fastsattMerverdiavgift: -1250.5,
        },
        {
          sekvensnummer: 1690020,
          meldingskategori: 'alminnelig',
          skattleggingsperiode: { periode: 'mars-april', aar: 2026 },
          skattleggingsperiodeType: 'toMaaned',
          innsendingstidspunkt: '2026-06-05T10:00:00.000Z',
          status: 'mottatt',
        },
      ],
    };
    expect(mapVatReturns(page)).toEqual([
      {
        period: 'mars-april',
        year: 2026,
        term_type: 'toMaaned',
        category: 'alminnelig',
        status: 'received',
        submitted_at: '2026-06-05T10:00:00.000Z',
        sequence_number: 1690020,
        assessed_vat: null,
      },
      {
        period: 'januar-februar',
        year: 2026,
        term_type: 'toMaaned',
        category: 'alminnelig',
        status: 'assessed',
        submitted_at: '2026-04-02T09:00:00.000Z',
        sequence_number: 1690010,
        assessed_vat: -1250.5,
      },
    ]);
  });

  it('keeps a status it does not know verbatim, and gives nothing for an empty or missing page', () => {
    const odd = {
      innsendtMelding: [{ sekvensnummer: 1, status: 'underBehandling', innsendingstidspunkt: 'soon' }],
    };
    expect(mapVatReturns(odd)[0]).toMatchObject({ status: 'underBehandling', submitted_at: null });
    expect(mapVatReturns({ innsendtMelding: [] })).toEqual([]);
    expect(mapVatReturns(null)).toEqual([]);
  });
});
