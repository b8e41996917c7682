import {
  categoryFlag,
  type CategoryFlag,
  type CodeList,
  CodeListFormatError,
  validDuring,
} from './code-lists';
import type { Meldingskategori } from '../mva-types';

/** How a VAT code is reported (mvaKodeSAFT `kodeBrukesTilSpesifiseringAv`). */
export type CodeDirection = 'inngaaende' | 'utgaaende' | 'begge';

export interface MvaKodeInfo {
  kode: string;
  beskrivelse: string;
  direction: CodeDirection;
  /** Rate type shared with the `sats` list; code 6 has none (sales outside the Act, basis only). */
  satstype?: string;
  fradato?: string;
  tildato?: string;
  categories: Set<CategoryFlag>;
  /** Specifications the code carries a flag for: tapPaaKrav, uttak, justering, tilbakefoering…, kompensasjonsrett. */
  flags: Set<string>;
}

export interface SatsInfo {
  sats: string;
  satstype: string;
  fradato?: string;
  tildato?: string;
  categories: Set<CategoryFlag>;
}

export interface MerknadTilsvarende {
  mvaKode: string;
  /** Normalised with `remarkKey`: the official list writes some remarks capitalised or with a no-break space. */
  merknad: string;
  levertFortegn: '+' | '-';
  forventetFortegn: '+' | '-';
  spesifikasjon?: string;
  /** Rows for the deduction line of a code reported twice (81, 83, 86, 88, 91). */
  fradrag: boolean;
  categories: Set<CategoryFlag>;
}

/** The six official code lists, typed and cross-checked. */
export class MvaCodeLists {
  readonly koder: Map<string, MvaKodeInfo>;
  readonly satser: SatsInfo[];
  readonly spesifikasjoner: Map<string, Set<CategoryFlag>>;
  /** merknad → (applies to) → categories. */
  readonly merknader: { kode: string; gjelder: 'mva kode' | 'mva-melding'; categories: Set<CategoryFlag> }[];
  readonly merknadTilsvarende: MerknadTilsvarende[];
  readonly meldingskategorier: Map<string, string>;

  constructor(lists: {
    mvaKodeSAFT: CodeList;
    sats: CodeList;
    mvaSpesifikasjon: CodeList;
    merknad: CodeList;
    merknadTilsvarendeMvaKode: CodeList;
    meldingskategori: CodeList;
  }) {
    const problems: string[] = [];
    this.koder = new Map(
      lists.mvaKodeSAFT.entries.map((e) => {
        const direction = DIRECTIONS[e.tillegg['kodeBrukesTilSpesifiseringAv'] ?? ''];
        if (!direction) problems.push(`mvaKodeSAFT ${e.kode}: unknown kodeBrukesTilSpesifiseringAv`);
        const flags = new Set(Object.keys(e.tillegg).filter((k) => e.tillegg[k] === 'SANN'));
        return [
          e.kode,
          {
            kode: e.kode,
            beskrivelse: e.beskrivelse ?? '',
            direction: direction ?? 'utgaaende',
            ...(e.tillegg['satstype'] ? { satstype: e.tillegg['satstype'] } : {}),
            ...(e.fradato ? { fradato: e.fradato } : {}),
            ...(e.tildato ? { tildato: e.tildato } : {}),
            categories: categories(e.tillegg),
            flags,
          },
        ];
      }),
    );
    this.satser = lists.sats.entries.map((e) => ({
      sats: e.kode,
      satstype: e.tillegg['satstype'] ?? '',
      ...(e.fradato ? { fradato: e.fradato } : {}),
      ...(e.tildato ? { tildato: e.tildato } : {}),
      categories: categories(e.tillegg),
    }));
    this.spesifikasjoner = new Map(
      lists.mvaSpesifikasjon.entries.map((e) => [e.kode, categories(e.tillegg)]),
    );
    this.merknader = lists.merknad.entries.map((e) => {
      const gjelder = e.tillegg['merknadGjelder'];
      if (gjelder !== 'mva kode' && gjelder !== 'mva-melding')
        problems.push(`merknad ${e.kode}: merknadGjelder '${gjelder}'`);
      return {
        kode: e.kode,
        gjelder: gjelder === 'mva-melding' ? 'mva-melding' : 'mva kode',
        categories: categories(e.tillegg),
      };
    });
    this.merknadTilsvarende = lists.merknadTilsvarendeMvaKode.entries.map((e, i) => {
      const t = e.tillegg;
      const sign = (value: string | undefined, field: string): '+' | '-' => {
        if (value !== '+' && value !== '-')
          problems.push(`merknadTilsvarendeMvaKode #${i + 1}: ${field} '${value}'`);
        return value === '-' ? '-' : '+';
      };
      // This list spells the column `alminneligprimær` (lower-case p), unlike the others.
      const flags = categories({
        ...t,
        alminneligPrimær: t['alminneligPrimær'] ?? t['alminneligprimær'] ?? '',
      });
      return {
        mvaKode: t['mvaKode'] ?? '',
        merknad: remarkKey(t['merknad'] ?? ''),
        levertFortegn: sign(t['levertFortegn'], 'levertFortegn'),
        forventetFortegn: sign(t['forventetFortegn'], 'forventetFortegn'),
        ...(t['mvaSpesifikasjon'] ? { spesifikasjon: t['mvaSpesifikasjon'] } : {}),
        fradrag: Boolean(t['fradrag']),
        categories: flags,
      };
    });
    this.meldingskategorier = new Map(
      lists.meldingskategori.entries.map((e) => [e.tillegg['tekniskNavnUtenNorskeTegn'] ?? e.kode, e.kode]),
    );

    const satstyper = new Set(this.satser.map((s) => s.satstype));
    for (const kode of this.koder.values())
      if (kode.satstype && !satstyper.has(kode.satstype))
        problems.push(`mvaKodeSAFT ${kode.kode}: satstype '${kode.satstype}' has no rate in sats`);
    // 'fritekstfelt' stands for a free-text remark (beskrivelse), not a value of the merknad list.
    const merknadNames = new Set([...this.merknader.map((m) => remarkKey(m.kode)), FREE_TEXT_REMARK]);
    for (const row of this.merknadTilsvarende) {
      if (!this.koder.has(row.mvaKode))
        problems.push(`merknadTilsvarendeMvaKode: unknown mvaKode '${row.mvaKode}'`);
      if (!merknadNames.has(row.merknad))
        problems.push(`merknadTilsvarendeMvaKode: unknown merknad '${row.merknad}'`);
      if (row.spesifikasjon && !this.spesifikasjoner.has(row.spesifikasjon))
        problems.push(`merknadTilsvarendeMvaKode: unknown spesifikasjon '${row.spesifikasjon}'`);
    }
    if (problems.length > 0) throw new CodeListFormatError([...new Set(problems)].slice(0, 5).join('; '));
  }

  /** Codes whose code-list entry carries the flag, e.g. 'uttak' → 3, 5, 31, 33. */
  codesFlagged(flag: string): Set<string> {
    return new Set([...this.koder.values()].filter((k) => k.flags.has(flag)).map((k) => k.kode));
  }

  /**
   * Codes whose basis is taxable turnover (R052): output codes described as sales ("Salg …") that carry a
   * rate type, which leaves out purchases from abroad and code 6 (sales outside the VAT Act).
   */
  salesCodes(): Set<string> {
    return new Set(
      [...this.koder.values()]
        .filter(
          (k) => k.direction === 'utgaaende' && k.satstype !== undefined && k.beskrivelse.startsWith('Salg'),
        )
        .map((k) => k.kode),
    );
  }

  codesWithDirection(direction: CodeDirection): Set<string> {
    return new Set([...this.koder.values()].filter((k) => k.direction === direction).map((k) => k.kode));
  }

  /** Rates valid for the code's rate type at some point of the term and for the category (R003). */
  validRates(mvaKode: string, kategori: Meldingskategori, start: string, end: string): Set<string> {
    const kode = this.koder.get(mvaKode);
    const flag = categoryFlag(kategori);
    if (!kode || !flag) return new Set();
    // Code 6 has no rate type: its lines carry a basis only, reported with the zero rate.
    const satstype = kode.satstype ?? 'nullsats';
    return new Set(
      this.satser
        .filter((s) => s.satstype === satstype && s.categories.has(flag) && validDuring(s, start, end))
        .map((s) => s.sats),
    );
  }

  /** The row of merknadTilsvarendeMvaKode describing this line shape, ignoring the remark itself. */
  expectedSign(
    mvaKode: string,
    spesifikasjon: string | undefined,
    fradrag: boolean,
    flag: CategoryFlag,
  ): '+' | '-' | undefined {
    return this.merknadTilsvarende.find(
      (r) =>
        r.mvaKode === mvaKode &&
        r.spesifikasjon === spesifikasjon &&
        r.fradrag === fradrag &&
        r.categories.has(flag),
    )?.forventetFortegn;
  }
}

/** Compares remarks across lists that disagree on case and spacing. */
export function remarkKey(remark: string): string {
  return remark.replace(/\s+/gu, ' ').trim().toLowerCase();
}

export const FREE_TEXT_REMARK = 'fritekstfelt';

const DIRECTIONS: Record<string, CodeDirection> = {
  'Inngående merverdiavgift': 'inngaaende',
  'Utgående merverdiavgift': 'utgaaende',
  'Inngående og utgående merverdiavgift': 'begge',
};

function categories(tillegg: Record<string, string>): Set<CategoryFlag> {
  const out = new Set<CategoryFlag>();
  for (const flag of ['alminneligPrimær', 'omvendtAvgiftsplikt', 'kompensasjon'] as const)
    if (tillegg[flag] === 'SANN') out.add(flag);
  return out;
}
