import { AccountService } from './accounts/accountService';
import type { PasswordHasher } from './sessions/passwordHasher';
import { AuditLog } from './audit/auditLog';
import { LeadRepository } from './leads/leadRepository';
import { LeadService } from './leads/leadService';
import type { LeadEventSink } from './leads/leadEvents';
import { ProjectRepository, seedSampleProjects } from './projects/projectRepository';
import type { Store } from './store/store';

/** The services that hold the rules of referrals, over one store: what the server and the CLIs share. */
export interface Domain {
  leads: LeadService;
  projects: ProjectRepository;
  accounts: AccountService;
  audit: AuditLog;
}

/**
 * Opens every service; a new installation gets the sample network projects, clearly labelled as such and inactive
 * unless `sampleProjects` is 'active' (see seedSampleProjects).
 */
export async function openDomain(
  store: Store,
  deps: { now: () => Date; sampleProjects?: 'active' | 'inactive'; events?: LeadEventSink; passwordHasher?: PasswordHasher },
): Promise<Domain> {
  const projects = await ProjectRepository.open(store);
  await seedSampleProjects(projects, deps.now(), { activate: deps.sampleProjects === 'active' });
  const leads = new LeadService(await LeadRepository.open(store), { now: deps.now, projects, ...(deps.events ? { events: deps.events } : {}) });
  // an installation from before the lifecycle counters: one instance recounts them once (leadCounters.ts), in the
  // background, since at 100k leads it takes a while; the funnel and retention wait for it. If it fails, the next
  // start tries again (leadCounters removes its mark).
  void leads.ensureCounters().catch(() => undefined);
  return {
    projects,
    leads,
    accounts: await AccountService.open(store, { now: deps.now, projects, hasher: deps.passwordHasher }),
    audit: await AuditLog.open(store, { now: deps.now }),
  };
}
