/** GET /ops/status: the operations status page (HTML, no script). */
import { statusPage } from '../../shared/views/status-page.ts';
import { html } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { showStatusPageRoute } from '../../shared/routes/ops.ts';
import { operationsStatus } from '../../shared/services/operations.ts';

export const handler = routeHandler(showStatusPageRoute, async () => html(200, statusPage(await operationsStatus())));
