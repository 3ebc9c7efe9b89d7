/**
 * fast-check arbitraries from the route table's zod schemas (through their JSON Schema, the same
 * one GET /openapi.json publishes): values that pass the schema, and the ways to break them
 * (a missing field, an unknown one, a wrong type, a huge or exotic string).
 */
import fc from 'fast-check';
import * as z from 'zod/mini';

export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  maxItems?: number;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

export const jsonSchemaOf = (schema: z.ZodMiniType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const day = 86_400_000;
/** Around now, where the interesting boundaries (future, past, expiry) are. */
const nearNow = fc
  .integer({ min: -400, max: 400 })
  .map((days) => new Date(Date.now() + days * day + (days % 7) * 3_600_000));
const isoTimestamp = fc.oneof(
  nearNow.map((d) => d.toISOString()),
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
const isoDate = isoTimestamp.map((t) => t.slice(0, 10));

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoTimestamp;
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'email') return fc.emailAddress();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 64, 300);
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from: plain strings of the right length instead.
    }
  }
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));
}

/** Values that satisfy the schema (as far as JSON Schema says; refinements may still refuse them). */
export function validArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(validArbitrary));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'array':
      return fc.array(validArbitrary(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, validArbitrary(property)]),
      );
      return fc.record(record, {
        requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
      }) as fc.Arbitrary<unknown>;
    }
    default:
      return fc.jsonValue();
  }
}

/** Strings no field expects: huge, control characters, unicode of every plane, injection-shaped. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '\ufeff',
    '💥'.repeat(50),
    'Ω≈ç√∫˜µ≤≥÷',
    '𝕿𝖊𝖘𝖙',
    '../../etc/passwd',
    '%00',
    '${jndi:ldap://x}',
    "'; DROP TABLE x; --",
    '<script>alert(1)</script>',
    "=cmd|'/c calc'!A1",
    '__proto__',
    'constructor',
    'null',
    'true',
    '1e309',
    '-0',
  ),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value of a type `schema` does not have. */
export function wrongTypeArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const candidates: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', hostileString],
    ['number', fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -1, 0))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })],
    ['object', fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })],
  ];
  const own = schema.type === 'integer' ? 'number' : schema.type;
  return fc.oneof(...candidates.filter(([type]) => type !== own).map(([, arbitrary]) => arbitrary));
}

/** A value of the schema broken in one way: a field dropped, added, retyped or made hostile. */
export function brokenArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = Object.keys(schema.properties ?? {});
  if (schema.type !== 'object' || properties.length === 0) return fc.oneof(wrongTypeArbitrary(schema), hostileString);
  const valid = validArbitrary(schema) as fc.Arbitrary<Record<string, unknown>>;
  const field = fc.constantFrom(...properties);
  return fc.oneof(
    // A required field missing.
    fc
      .tuple(valid, fc.constantFrom(...(schema.required?.length ? schema.required : properties)))
      .map(([value, name]) => {
        const { [name]: _dropped, ...rest } = value;
        return rest;
      }),
    // A field the schema does not know.
    fc
      .tuple(
        valid,
        fc.string({ minLength: 1, maxLength: 20 }).filter((name) => !properties.includes(name)),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([value, name, extra]) => ({ ...value, [name]: extra })),
    // A field of the wrong type.
    fc
      .tuple(valid, field)
      .chain(([value, name]) =>
        wrongTypeArbitrary(schema.properties![name]!).map((wrong) => ({ ...value, [name]: wrong })),
      ),
    // A field with a huge or exotic string.
    fc.tuple(valid, field, hostileString).map(([value, name, text]) => ({ ...value, [name]: text })),
  );
}
