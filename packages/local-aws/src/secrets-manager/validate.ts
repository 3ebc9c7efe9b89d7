import { serialization, validationFailed, type ServiceError } from './errors.ts';
import type { BlobShape, Infer, ListShape, NumberShape, Shape, StringShape, StructureShape } from './shapes.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Checks a request body against its operation's input shape as the service's front end does: a
 * member of the wrong JSON type is a SerializationException, and every broken constraint is listed
 * in one ValidationException (`Value 'x' at 'path' failed to satisfy constraint: ...`).
 */
export function validateInput<S extends StructureShape>(body: unknown, shape: S): Infer<S> {
  const violations: string[] = [];
  check(body, shape, '', violations);
  if (violations.length > 0) throw validationFailed(violations);
  return body as Infer<S>;
}

function check(value: unknown, shape: Shape, path: string, violations: string[]): void {
  const broken = (constraint: string) =>
    violations.push(`${describe(value, shape)} at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (shape.kind) {
    case 'string': {
      if (typeof value !== 'string') throw mismatch(value, 'a String');
      const problem = lengthProblem(value.length, shape) ?? formatProblem(value, shape);
      if (problem) broken(problem);
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw mismatch(value, shape.kind === 'long' ? 'a Long' : 'an Integer');
      const problem = rangeProblem(value, shape);
      if (problem) broken(problem);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(value, 'a Boolean');
      return;
    case 'blob': {
      if (typeof value !== 'string') throw mismatch(value, 'a Blob');
      if (!BASE64.test(value)) throw serialization('Base64 encoded value is not valid.');
      const problem = lengthProblem(Buffer.byteLength(value, 'base64'), shape);
      if (problem) broken(problem);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(value, 'a List');
      const problem = lengthProblem(value.length, shape);
      if (problem) broken(problem);
      value.forEach((item, index) => {
        if (item !== null) check(item, shape.member, `${path}.${index + 1}.member`, violations);
      });
      return;
    }
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(value, 'a Structure');
      const members = value as Record<string, unknown>;
      for (const [name, memberShape] of Object.entries(shape.members)) {
        const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
        const member = members[name];
        // JSON null is an absent member, as in the service's deserializer.
        if (member === undefined || member === null) {
          if (shape.required.includes(name))
            violations.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
        } else {
          check(member, memberShape, memberPath, violations);
        }
      }
      return;
    }
  }
}

function lengthProblem(length: number, shape: StringShape | BlobShape | ListShape): string | undefined {
  if (shape.min !== undefined && length < shape.min)
    return `Member must have length greater than or equal to ${shape.min}`;
  if (shape.max !== undefined && length > shape.max)
    return `Member must have length less than or equal to ${shape.max}`;
  return undefined;
}

function rangeProblem(value: number, shape: NumberShape): string | undefined {
  if (shape.min !== undefined && value < shape.min)
    return `Member must have value greater than or equal to ${shape.min}`;
  if (shape.max !== undefined && value > shape.max) return `Member must have value less than or equal to ${shape.max}`;
  return undefined;
}

const compiled = new Map<string, RegExp>();

function formatProblem(value: string, shape: StringShape): string | undefined {
  if (shape.enum && !shape.enum.includes(value))
    return `Member must satisfy enum value set: [${shape.enum.join(', ')}]`;
  if (shape.pattern === undefined) return undefined;
  let pattern = compiled.get(shape.pattern);
  if (!pattern) {
    // The service matches the whole value, not a substring.
    pattern = new RegExp(`^(?:${shape.pattern})$`);
    compiled.set(shape.pattern, pattern);
  }
  return pattern.test(value) ? undefined : `Member must satisfy regular expression pattern: ${shape.pattern}`;
}

function describe(value: unknown, shape: Shape): string {
  if ('sensitive' in shape && shape.sensitive) return 'Value';
  const text = (item: unknown) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
  return `Value '${Array.isArray(value) ? `[${value.map(text).join(', ')}]` : text(value)}'`;
}

function mismatch(value: unknown, target: string): ServiceError {
  if (Array.isArray(value)) return serialization('Start of list found where not expected');
  if (typeof value === 'object') return serialization('Start of structure or map found where not expected.');
  const token =
    typeof value === 'string'
      ? 'STRING_VALUE'
      : typeof value === 'number'
        ? 'NUMBER_VALUE'
        : value
          ? 'TRUE_VALUE'
          : 'FALSE_VALUE';
  return serialization(`${token} can not be converted to ${target}`);
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
