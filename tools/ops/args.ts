/** Parsing the values the ops CLI's options take. */
import { UsageError } from './output.ts';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `7d`, `36h`, `90m`, or a bare number of days (`0` means "any age"). */
export function parseAge(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhd]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not an age; use e.g. 7d, 36h, 90m or 0.`);
  return Number(match[1]) * units[match[2] || 'd']!;
}

/** `--as-of`: an ISO timestamp (or date), default now. */
export function parseAsOf(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--as-of "${text}" is not a date; use e.g. 2027-01-31T00:00:00Z.`);
  return date;
}

/** A positive whole number option. */
export function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} takes a whole number of at least 1.`);
  return value;
}
