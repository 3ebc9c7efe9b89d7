/** SCIM's ListResponse (RFC 7644 §3.4.2), one page of it. */
import { listSchema } from './schemas.ts';

/** The page of `resources` that `startIndex` (1-based) and `count` select. */
export function listResponse<T>(resources: T[], page: { startIndex: number; count: number }) {
  const selected = resources.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return {
    schemas: [listSchema],
    totalResults: resources.length,
    startIndex: page.startIndex,
    itemsPerPage: selected.length,
    Resources: selected,
  };
}
