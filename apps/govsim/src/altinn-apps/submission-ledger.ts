import { type AppInstance, instanceId } from './app-instance';

export interface LedgerFilter {
  orgnr?: string;
  regnskapssystemsreferanse?: string;
}

/**
 * What Skatteetaten received: one line per delivered return (confirmed, whether or not feedback
 * has come yet), with counts per organisation and term and per `regnskapssystemsreferanse`. Two
 * instances for the same term both count, as Altinn does not de-duplicate.
 */
export function submissionLedger(instances: AppInstance[], filter: LedgerFilter = {}) {
  const submissions = instances
    .filter((i) => i.delivery && i.reviewed)
    .filter((i) => !filter.orgnr || i.orgnr === filter.orgnr)
    .filter(
      (i) =>
        filter.regnskapssystemsreferanse === undefined ||
        i.reviewed!.regnskapssystemsreferanse === filter.regnskapssystemsreferanse,
    )
    .map((i) => ({
      instance_id: instanceId(i),
      orgnr: i.orgnr,
      periode: i.reviewed!.periode,
      meldingskategori: i.reviewed!.meldingskategori,
      regnskapssystemsreferanse: i.reviewed!.regnskapssystemsreferanse,
      fastsatt_merverdiavgift: i.reviewed!.fastsattMerverdiavgift,
      delivered_at: i.delivery!.deliveredAt,
      feedback_provided_at: i.feedbackProvidedAt,
    }));
  const perPeriod = new Map<
    string,
    { orgnr: string; periode: (typeof submissions)[number]['periode']; count: number }
  >();
  const perReference = new Map<string, { regnskapssystemsreferanse: string; count: number }>();
  for (const s of submissions) {
    const periodKey = `${s.orgnr}|${s.periode.type}|${s.periode.value}|${s.periode.year}`;
    const period = perPeriod.get(periodKey) ?? { orgnr: s.orgnr, periode: s.periode, count: 0 };
    period.count += 1;
    perPeriod.set(periodKey, period);
    const reference = perReference.get(s.regnskapssystemsreferanse) ?? {
      regnskapssystemsreferanse: s.regnskapssystemsreferanse,
      count: 0,
    };
    reference.count += 1;
    perReference.set(s.regnskapssystemsreferanse, reference);
  }
  return {
    total: submissions.length,
    submissions,
    per_period: [...perPeriod.values()],
    per_reference: [...perReference.values()],
  };
}
