/**
 * The operators' and staff REST API of "Refer workers to a network project": referrals, group formation, audit,
 * projects, and the OpenAPI document of every HTTP API of the bot. Routes live beside this file; the domain
 * services (models/) hold the rules, this layer authenticates, validates at the edge, shapes what each caller may
 * see and audits every change.
 */
import type { Server } from 'restify';
import type { Domain } from '../../models/domain';
import type { Logger } from '../../models/logger';
import { registerAdminRoutes, registerStoreAdminRoutes } from './adminRoutes';
import type { Store } from '../../models/store/store';
import { registerAnalyticsRoutes, type AnalyticsApiDeps } from './analyticsRoutes';
import { registerAnnouncementsRoutes, type AnnouncementsApiDeps } from './announcementsRoutes';
import { registerContentRoutes, type ContentApiDeps } from './contentRoutes';
import { registerOpenApiRoute } from './openapi';
import { registerReferralRoutes } from './referralsRoutes';

export interface OperatorApiDeps {
  domain: Domain;
  logger: Logger;
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
}

export function registerOperatorApi(server: Server, deps: OperatorApiDeps): void {
  const api = { domain: deps.domain, logger: deps.logger, now: deps.now ?? (() => new Date()) };
  registerReferralRoutes(server, api);
  registerAdminRoutes(server, api);
  if (deps.store) registerStoreAdminRoutes(server, { ...api, store: deps.store });
  if (deps.content) registerContentRoutes(server, { ...api, ...deps.content });
  if (deps.analytics) registerAnalyticsRoutes(server, { ...api, ...deps.analytics });
  if (deps.announcements) registerAnnouncementsRoutes(server, { ...api, ...deps.announcements });
  registerOpenApiRoute(server, api);
}
