/** Incidents on official accounts (TN-06, TN-14, NJ-05) and staff departures (TN-10). */
import { accepted } from '../schemas/account-requests.ts';
import {
  departureBody,
  departureParams,
  departureView,
  hotlineReportBody,
  incidentBody,
  incidentParams,
  incidentView,
  reinstateBody,
  standingBody,
} from '../schemas/incidents.ts';
import type { RouteDefinition } from './types.ts';

export const reportIncidentRoute = {
  method: 'POST',
  path: '/incidents',
  handler: 'incidents/report-incident',
  auth: 'jwt',
  roles: ['staff', 'administrator', 'director', 'supervisor'],
  summary:
    "Reports something wrong on an account; the region's directors and the administrators are emailed at once " +
    '(TN-06). Suspected abuse or neglect carries the hotline steps (TN-14); a compromise starts an urgent ' +
    'password change and tells the supervisors (NJ-05).',
  request: { body: incidentBody },
  responses: { 202: { description: 'Recorded; notifications are on their way.' } },
  access: { tables: { accounts: 'readwrite', audit: 'readwrite' }, workflows: { incident: ['start'] } },
} as const satisfies RouteDefinition;

export const getIncidentRoute = {
  method: 'GET',
  path: '/incidents/{incidentId}',
  handler: 'incidents/get-incident',
  auth: 'jwt',
  // The record holds the reporter's description, which may be confidential: staff of the region only.
  roles: ['director', 'designee', 'administrator', 'supervisor', 'staff', 'operations'],
  summary:
    "The incident record, with who holds the account's 2FA secret and recovery codes. Staff of the region and " +
    'operations.',
  request: { params: incidentParams },
  responses: { 200: { description: 'The incident.', schema: incidentView } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const recordHotlineReportRoute = {
  method: 'POST',
  path: '/incidents/{incidentId}/hotline-report',
  handler: 'incidents/record-hotline-report',
  auth: 'jwt',
  roles: ['staff', 'administrator', 'director', 'supervisor'],
  summary:
    "Records the hotline report's reference for suspected abuse or neglect (TN-14); the incident closes and the " +
    'reminders stop.',
  request: { params: incidentParams, body: hotlineReportBody },
  responses: { 200: { description: 'Recorded.', schema: incidentView } },
  access: { tables: { accounts: 'readwrite', audit: 'readwrite' }, workflows: { incident: ['callback'] } },
} as const satisfies RouteDefinition;

export const reportDepartureRoute = {
  method: 'POST',
  path: '/departures',
  handler: 'departures/report-departure',
  auth: 'jwt',
  roles: ['hr', 'director'],
  summary:
    "Reports that someone left (HR anyone's, a director their own region's; 409 if already recorded). Every " +
    'grant is revoked, every reveal refused, and their open decision links and delegations voided before this ' +
    'answers; directors get the leaver report with the positions to reassign; a bad standing changes every ' +
    'password the person could reveal once their email access is removed (TN-10).',
  request: { body: departureBody },
  responses: { 202: { description: 'Grants revoked; the departure workflow runs.' } },
  access: {
    tables: { accounts: 'readwrite', directory: 'readwrite', audit: 'readwrite' },
    workflows: { departure: ['start'] },
  },
} as const satisfies RouteDefinition;

export const getDepartureRoute = {
  method: 'GET',
  path: '/departures/{departureId}',
  handler: 'departures/get-departure',
  auth: 'jwt',
  roles: ['hr', 'director', 'it-director', 'operations'],
  summary:
    'The departure and its live leaver report: every account the person could reveal, which they revealed and ' +
    'when, and whether each password changed since.',
  request: { params: departureParams },
  responses: { 200: { description: 'The departure.', schema: departureView } },
  access: { tables: { accounts: 'read', directory: 'read', audit: 'read' } },
} as const satisfies RouteDefinition;

export const confirmEmailAccessRemovedRoute = {
  method: 'POST',
  path: '/departures/{departureId}/email-access-removed',
  handler: 'departures/confirm-email-access-removed',
  auth: 'jwt',
  roles: ['hr', 'it-director', 'operations'],
  summary:
    "HR or IT confirms the leaver's email access is removed; for a bad standing the password changes start now " +
    '(TN-10).',
  request: { params: departureParams },
  responses: { 202: { description: 'Recorded.', schema: accepted } },
  // `start`: once the workflow stopped waiting (issue 19.2), a run of its own rotates the passwords.
  access: { tables: { accounts: 'readwrite', audit: 'readwrite' }, workflows: { departure: ['callback', 'start'] } },
} as const satisfies RouteDefinition;

export const reinstatePersonRoute = {
  method: 'POST',
  path: '/departures/{departureId}/reinstate',
  handler: 'departures/reinstate-person',
  auth: 'jwt',
  roles: ['hr'],
  summary:
    'HR reinstates a person recorded as departed in error (audited). Revoked grants, voided links and ' +
    'delegations stay revoked; password changes under way continue.',
  request: { params: departureParams, body: reinstateBody },
  responses: { 200: { description: 'Reinstated.', schema: departureView } },
  access: { tables: { accounts: 'readwrite', directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

export const correctStandingRoute = {
  method: 'POST',
  path: '/departures/{departureId}/standing',
  handler: 'departures/correct-standing',
  auth: 'jwt',
  roles: ['hr'],
  summary:
    "HR corrects a departure's standing (audited; 409 if unchanged). To bad: the email-removal wait and the " +
    'password changes start. To good: a wait already running continues, so the passwords still change.',
  request: { params: departureParams, body: standingBody },
  responses: { 200: { description: 'Corrected.', schema: departureView } },
  access: {
    tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
    workflows: { departure: ['start'] },
  },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const incidentRoutes = {
  'POST /incidents': reportIncidentRoute,
  'GET /incidents/{incidentId}': getIncidentRoute,
  'POST /incidents/{incidentId}/hotline-report': recordHotlineReportRoute,
  'POST /departures': reportDepartureRoute,
  'GET /departures/{departureId}': getDepartureRoute,
  'POST /departures/{departureId}/email-access-removed': confirmEmailAccessRemovedRoute,
  'POST /departures/{departureId}/reinstate': reinstatePersonRoute,
  'POST /departures/{departureId}/standing': correctStandingRoute,
} as const satisfies Record<string, RouteDefinition>;
