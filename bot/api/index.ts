/**
 * The operators' and staff REST API of "Refer workers to a network project": referrals, group formation, audit,
 * projects, and the OpenAPI document of every HTTP API of the bot. Routes live beside this file as data (route
 * tables, routeTable.ts); the domain services (models/) hold the rules, this layer authenticates, validates at the
 * edge, shapes what each caller may see and audits every change.
 */
import type { Server } from 'restify';
import type { Domain } from '../../models/domain';
import type { Logger } from '../../models/logger';
import { ADMIN_ROUTES, STORE_ADMIN_ROUTES } from './adminRoutes';
import type { Store } from '../../models/store/store';
import { ANALYTICS_ROUTES, type AnalyticsApiDeps } from './analyticsRoutes';
import { ANNOUNCEMENTS_ROUTES, type AnnouncementsApiDeps } from './announcementsRoutes';
import { CONTENT_ROUTES, type ContentApiDeps } from './contentRoutes';
import { HANDOFF_ROUTES } from './handoffRoutes';
import type { HandoffService } from '../../models/handoff/handoffService';
import { registerOpenApiRoute } from './openapiRoute';
import { REFERRAL_ROUTES } from './referralsRoutes';
import type { StaffLanguageNames } from '../../models/leads/leadLanguage';
import { registerRoutes } from './routeTable';

export interface OperatorApiDeps {
  domain: Domain;
  logger: Logger;
  /** the worker's language named for staff, on the referral views and the CSV */
  languageNames: StaffLanguageNames;
  /** the clock (export file names); default the system's */
  now?: () => Date;
  /** content publishing (staff): the publisher, the live content, and what the preview needs */
  content?: Omit<ContentApiDeps, keyof OperatorApiDeps | 'now'>;
  /** the campaign funnel (staff) */
  analytics?: Omit<AnalyticsApiDeps, keyof OperatorApiDeps | 'now'>;
  /** the campaign's announcements (staff) */
  announcements?: Omit<AnnouncementsApiDeps, 'domain' | 'logger' | 'now'>;
  /** the store's maintenance (staff acknowledge quarantined records) */
  store?: Pick<Store, 'acknowledgeQuarantine'>;
  /** the live handoff (operators and staff) */
  handoffs?: HandoffService;
}

export function registerOperatorApi(server: Server, deps: OperatorApiDeps): void {
  const api = { domain: deps.domain, logger: deps.logger, now: deps.now ?? (() => new Date()) };
  registerRoutes(server, REFERRAL_ROUTES, { ...api, languageNames: deps.languageNames });
  registerRoutes(server, ADMIN_ROUTES, api);
  if (deps.store) registerRoutes(server, STORE_ADMIN_ROUTES, { ...api, store: deps.store });
  if (deps.content) registerRoutes(server, CONTENT_ROUTES, { ...api, ...deps.content });
  if (deps.analytics) registerRoutes(server, ANALYTICS_ROUTES, { ...api, ...deps.analytics });
  if (deps.announcements) registerRoutes(server, ANNOUNCEMENTS_ROUTES, { ...api, ...deps.announcements });
  if (deps.handoffs) registerRoutes(server, HANDOFF_ROUTES, { ...api, handoffs: deps.handoffs });
  registerOpenApiRoute(server, api);
}
