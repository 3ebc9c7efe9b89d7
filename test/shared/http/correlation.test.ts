import { describe, expect, it } from 'vitest';
import { correlationIdOf } from '../../../shared/http/correlation.ts';

const event = (headers: Record<string, string>) =>
  ({ headers, requestContext: { requestId: 'api-request-1' } }) as Parameters<typeof correlationIdOf>[0];

describe('correlationIdOf', () => {
  it("takes the client's x-correlation-id when it is usable", () => {
    // Prepare, Act, Assess
    expect(correlationIdOf(event({ 'x-correlation-id': 'case-system:7f3c-11.a' }))).toBe('case-system:7f3c-11.a');
    expect(correlationIdOf(event({ 'X-Correlation-Id': 'Abc-123' }))).toBe('Abc-123');
  });

  it('falls back to the API Gateway request id when none is sent or it is not usable', () => {
    expect(correlationIdOf(event({}))).toBe('api-request-1');
    for (const refused of [
      '',
      ' leading-space',
      '<script>',
      'a b',
      'x'.repeat(129),
      '-starts-with-dash',
      'line\nbreak',
    ]) {
      expect(correlationIdOf(event({ 'x-correlation-id': refused }))).toBe('api-request-1');
    }
  });
});
