/** Contact records from case systems (TN-12), holds and export (CT-06). */
import type { RouteDefinition } from './types.ts';

export const contactRoutes = {} as const satisfies Record<string, RouteDefinition>;
