import type { Translator, Language } from '../../models/i18n';
import { languageOf } from '../../models/i18n';
import type { Lead } from '../../models/leads/lead';
import { leadLanguageOf, staffLanguageNames, staffLanguageOf } from '../../models/leads/leadLanguage';
import type { AccountService } from '../../models/accounts/accountService';
import type { ProjectRepository } from '../../models/projects/projectRepository';
import { claimerReferralCard, sharedReferralCard, type AdaptiveCard, type ReferralCardModel } from '../../models/teams/cards';

/** Builds a lead's card model (labels, project title, who took it) and its two views. */
export class ReferralCards {
  constructor(private readonly deps: { translator: Translator; projects: ProjectRepository; accounts: AccountService }) {}

  async model(lead: Lead, language: Language): Promise<ReferralCardModel> {
    const t = this.deps.translator.forLanguage(language);
    let projectTitle = lead.projectId ?? '';
    if (lead.projectId) {
      try {
        projectTitle = (await this.deps.projects.get(lead.projectId)).title;
      } catch {
        // a project removed since: its id is still meaningful to operators
      }
    }
    const claimed = [...lead.history].reverse().find((h) => h.action === 'claimed');
    let claimedBy: string | undefined;
    let claimerUserId: string | undefined;
    if (lead.operatorId) {
      claimedBy = (await this.deps.accounts.displayNamesByIds([lead.operatorId])).get(lead.operatorId);
      claimerUserId = (await this.deps.accounts.teamsUserIdsByIds([lead.operatorId])).get(lead.operatorId);
    }
    const sector = lead.employer?.sector;
    const languageNames = staffLanguageNames(this.deps.translator);
    return {
      leadId: lead._id,
      reference: lead.reference,
      projectTitle,
      outcome: t(`teams.outcome.${lead.precheck.outcome}`, { defaultValue: lead.precheck.outcome }),
      language: languageNames.label(leadLanguageOf(lead.locale), staffLanguageOf(language)),
      ...(lead.province ? { province: lead.province } : {}),
      ...(sector ? { sector: t(`eligibility.sector.${sector}`, { defaultValue: sector }) } : {}),
      ...(lead.employer?.name ? { firm: lead.employer.name } : {}),
      createdAt: lead.createdAt,
      status: lead.status,
      ...(claimedBy ? { claimedBy } : {}),
      ...(claimed ? { claimedAt: claimed.at } : {}),
      ...(claimerUserId ? { claimerUserId } : {}),
    };
  }

  async shared(lead: Lead, locale: string | undefined): Promise<AdaptiveCard> {
    const language = languageOf(locale);
    return sharedReferralCard(this.deps.translator.forLanguage(language), await this.model(lead, language), language);
  }

  async forClaimer(lead: Lead, locale: string | undefined, notice?: string): Promise<AdaptiveCard> {
    const language = languageOf(locale);
    return claimerReferralCard(this.deps.translator.forLanguage(language), await this.model(lead, language), lead.contact, language, notice);
  }
}
