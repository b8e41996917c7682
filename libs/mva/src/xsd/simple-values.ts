import { builtinOf, type BuiltinType, type SimpleType } from './xsd-model';

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** XSD's whiteSpace facet: `string` preserves, every other built-in here collapses. */
function collapse(value: string): string {
  return value.replace(/[\t\n\r ]+/g, ' ').trim();
}

function builtinProblem(builtin: BuiltinType, lexical: string): string | undefined {
  switch (builtin) {
    case 'string':
      return undefined;
    case 'decimal':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(lexical) ? undefined : 'not a decimal';
    case 'long': {
      if (!/^[+-]?\d+$/.test(lexical)) return 'not an integer';
      const n = BigInt(lexical);
      return n > LONG_MAX || n < LONG_MIN ? 'out of the range of xsd:long' : undefined;
    }
    case 'gYear': {
      const match = /^(-?)(\d{4,})(Z|[+-]\d{2}:\d{2})?$/.exec(lexical);
      if (!match || (match[2]!.length > 4 && match[2]!.startsWith('0'))) return 'not a gYear';
      if (/^0+$/.test(match[2]!)) return 'year 0000 does not exist in XSD 1.0';
      return timezoneProblem(match[3]);
    }
    case 'dateTime': {
      const match = /^(-?)(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(
        lexical,
      );
      if (!match) return 'not a dateTime';
      const [year, month, day, hour, minute, second] = [2, 3, 4, 5, 6, 7].map((i) => Number(match[i]));
      if (month! < 1 || month! > 12) return 'month out of range';
      if (day! < 1 || day! > daysInMonth(year!, month!)) return 'day out of range';
      const endOfDay = hour === 24 && minute === 0 && second === 0 && !/[1-9]/.test(match[8] ?? '');
      if ((hour! > 23 && !endOfDay) || minute! > 59 || second! > 59) return 'time out of range';
      return timezoneProblem(match[9]);
    }
  }
}

function timezoneProblem(zone: string | undefined): string | undefined {
  if (!zone || zone === 'Z') return undefined;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  if (minutes! > 59 || hours! > 14 || (hours === 14 && minutes! > 0)) return 'time zone out of range';
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `raw` is not a valid value of the type, or undefined when it is. */
export function checkSimpleValue(raw: string, type: SimpleType | string): string | undefined {
  const builtin = typeof type === 'string' ? builtinOf(type) : type.builtin;
  if (!builtin) return `unknown type ${String(type)}`;
  const value = builtin === 'string' ? raw : collapse(raw);
  const problem = builtinProblem(builtin, value);
  if (problem) return problem;
  if (typeof type === 'string') return undefined;
  for (const level of type.levels) {
    const length = [...value].length;
    if (level.enumeration && !level.enumeration.includes(value))
      return `not an element of the set {${level.enumeration.map((v) => `'${v}'`).join(', ')}}`;
    if (level.length !== undefined && length !== level.length)
      return `has length ${length}, not the required ${level.length}`;
    if (level.maxLength !== undefined && length > level.maxLength)
      return `has length ${length}, more than the allowed ${level.maxLength}`;
    if (level.patterns && !level.patterns.some((pattern) => pattern.test(value)))
      return `does not match the pattern of ${type.name}`;
  }
  return undefined;
}
