export type Environment = 'production' | 'sandbox';

export interface Snapshot {
  source: string;
  dataset: string;
  sourceUrl: string;
  httpStatus: number;
  contentHash: string;
  payload: unknown;
  fetchedAt: Date;
}

export const snapshotKey = (source: string, dataset: string) => `${source}/${dataset}`;
