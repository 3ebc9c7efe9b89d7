/**
 * The smallest OpenTelemetry set-up that would give what shared/tracing.ts gave (a span per AWS SDK
 * call, exported over OTLP), for bench/tracing/compare.ts only: the functions do not use it.
 */
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'tracing-compare' }),
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: 'http://127.0.0.1:4318/v1/traces' }))],
});
provider.register();
registerInstrumentations({ instrumentations: [new AwsInstrumentation()] });

export const handler = async () =>
  trace.getTracer('tracing-compare').startActiveSpan('invocation', (span) => {
    span.end();
    return 1;
  });
