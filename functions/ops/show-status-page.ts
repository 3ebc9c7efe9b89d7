/** GET /ops/status: the operations status page (HTML, no script). */
import { statusPage } from '../../shared/views/status-page.ts';
import { html } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { showStatusPageRoute } from '../../shared/routes/ops.ts';
import { operationsStatus } from '../../shared/services/operations.ts';
import { regionTimeZone } from '../../shared/policy/time-zone.ts';

// Operations are statewide: the agency's own zone (issue 19.4).
export const handler = routeHandler(showStatusPageRoute, async () =>
  html(200, statusPage(await operationsStatus(), regionTimeZone())),
);
