/** POST /staff/{staffId}/acknowledgments: HR records a policy acknowledgment (CT-08). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { recordAcknowledgmentRoute } from '../../shared/routes/credentials.ts';
import { recordAcknowledgment } from '../../shared/services/acknowledgments.ts';

export const handler = routeHandler(recordAcknowledgmentRoute, async ({ caller, params, body }) =>
  json(201, await recordAcknowledgment(caller, params.staffId, body)),
);
