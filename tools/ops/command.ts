/** What every ops CLI command receives. */
import type { Connection } from './connection.ts';

export interface CommandInput {
  connection: Connection;
  json: boolean;
  /** The command's options, as given (`--older-than 7d` → `{ 'older-than': '7d' }`). */
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A string option's value, or undefined. */
export const stringOption = (input: CommandInput, name: string): string | undefined => {
  const value = input.options[name];
  return typeof value === 'string' ? value : undefined;
};
