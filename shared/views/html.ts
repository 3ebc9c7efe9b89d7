/**
 * The `html` tag every view is written with. Every value goes through `escapeHtml`, so a display
 * name or comment can never become markup; `raw` marks the few trusted fragments.
 */

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text as HTML that shows it literally; also safe inside a quoted attribute. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"'`]/g, (c) => entities[c]!);

/** Markup that is already safe (built by `html` itself). */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Trusted markup let through unescaped: only for fragments the code itself wrote. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

const render = (value: unknown): string =>
  value instanceof SafeHtml ? value.value : Array.isArray(value) ? value.map(render).join('') : escapeHtml(value);

/** Tagged template: interpolations are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(
    strings.reduce((out, chunk, i) => out + chunk + (i < values.length ? render(values[i]) : ''), ''),
  );
}
