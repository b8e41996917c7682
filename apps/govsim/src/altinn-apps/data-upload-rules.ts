import { KONVOLUTT_DATA_TYPE, MELDING_DATA_TYPE, VEDLEGG_DATA_TYPE } from './app-instance';
import { AppRefusal } from './app-refusal';

export const XML_CONTENT_TYPES = ['text/xml', 'application/xml'] as const;

/** The content types Skatteetaten's documentation lists for `binaerVedlegg`. */
export const VEDLEGG_CONTENT_TYPES = [
  'text/xml',
  'application/pdf',
  'application/vnd.oasis.opendocument.formula',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.graphics',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'image/jpeg',
  'image/png',
] as const;

export const MAX_VEDLEGG = 57;
export const MAX_VEDLEGG_MB = 25;

interface DataTypeRule {
  allowedContentTypes: readonly string[];
  maxCount: number;
  maxSizeMb?: number;
}

/** The app metadata's data types that a client may add or replace (the feedback files are Skatteetaten's). */
const UPLOADABLE: Record<string, DataTypeRule> = {
  [KONVOLUTT_DATA_TYPE]: { allowedContentTypes: XML_CONTENT_TYPES, maxCount: 1 },
  [MELDING_DATA_TYPE]: { allowedContentTypes: XML_CONTENT_TYPES, maxCount: 1 },
  [VEDLEGG_DATA_TYPE]: {
    allowedContentTypes: VEDLEGG_CONTENT_TYPES,
    maxCount: MAX_VEDLEGG,
    maxSizeMb: MAX_VEDLEGG_MB,
  },
};

export const INVALID_DATA = 'Invalid data provided. Error:';

/** `text/xml; charset=utf-8` → `text/xml`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The file name of `attachment; filename=…` (RFC 6266, `filename*` preferred), without any path. */
export function filenameFromContentDisposition(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended[1]!.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i
    .exec(header)
    ?.slice(1)
    .find((v) => v !== undefined);
  const base = name?.trim().split(/[\\/]/).pop();
  return base ? base : null;
}

/** The rule of a data type, or 400 as the app answers an element type it does not have. */
export function uploadRule(dataType: string | undefined, instanceId: string): DataTypeRule {
  if (!dataType) throw AppRefusal.badRequest('Element type must be provided.');
  const rule = UPLOADABLE[dataType];
  if (!rule) throw AppRefusal.badRequest(`Element type ${dataType} not allowed for instance ${instanceId}.`);
  return rule;
}

/** Altinn's data restrictions, in the order the app checks them; returns the file name. */
export function checkUpload(
  dataType: string,
  rule: DataTypeRule,
  upload: { contentType: string | undefined; contentDisposition: string | undefined; size: number },
  existing: number,
): string {
  if (existing >= rule.maxCount)
    throw AppRefusal.conflict(
      `Element type ${dataType} has reached its maximum number of elements (${rule.maxCount}).`,
    );
  if (!upload.contentDisposition)
    throw AppRefusal.badRequest(`${INVALID_DATA} The request must include a Content-Disposition header`);
  const filename = filenameFromContentDisposition(upload.contentDisposition);
  if (!filename)
    throw AppRefusal.badRequest(`${INVALID_DATA} The Content-Disposition header must contain a filename`);
  assertSize(rule, upload.size);
  assertContentType(rule, upload.contentType);
  return filename;
}

export function assertSize(rule: DataTypeRule, size: number): void {
  if (rule.maxSizeMb !== undefined && size > rule.maxSizeMb * 1024 * 1024)
    throw AppRefusal.badRequest(`${INVALID_DATA} Binary attachment exceeds limit of ${rule.maxSizeMb} MB`);
}

export function assertContentType(rule: DataTypeRule, contentType: string | undefined): void {
  const type = mediaType(contentType);
  if (!rule.allowedContentTypes.includes(type))
    throw AppRefusal.badRequest(
      `${INVALID_DATA} Invalid content type: ${type || '(none)'}. Please try another file. Permitted content types include: ${rule.allowedContentTypes.join(', ')}`,
    );
}
