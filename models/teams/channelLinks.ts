/**
 * Which Teams channels receive a network project's new referrals. A team channel becomes a project's referral
 * channel when a linked operator or staff member writes "@bot collega progetto <id>" there; the Bot Framework
 * conversation reference is stored (opaque here) so the bot can post to the channel later. A link the Connector
 * refuses (403/404: the bot was removed, the channel deleted) is marked inactive rather than deleted, so staff can
 * see what happened; linking again reactivates it.
 */
import type { CollectionSpec, DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';

/** A Bot Framework conversation reference as stored: plain JSON, never interpreted by the domain. */
export type StoredReference = Record<string, unknown>;

export type ChannelLink = {
  /** `<projectId>|<conversationId>` */
  _id: string;
  projectId: string;
  /** the channel's conversation id (without a thread's ";messageid=...") */
  conversationId: string;
  reference: StoredReference;
  /** the language of the people who linked it (cards are written in it) */
  language: string;
  active: boolean;
  /** why it stopped working, e.g. "connector_403" */
  inactiveReason?: string;
  /** account id of who linked it */
  linkedBy: string;
  createdAt: Date;
  updatedAt: Date;
};

export const CHANNEL_LINKS_COLLECTION: CollectionSpec = {
  name: 'teams_channel_links',
  indexes: [{ field: 'projectId' }, { field: 'conversationId' }],
  sortIndexes: [
    { conversationId: 1, projectId: 1 },
    { projectId: 1, active: 1, createdAt: 1 },
  ],
};

export function channelLinkId(projectId: string, conversationId: string): string {
  return `${projectId}|${conversationId}`;
}

/** "19:abc@thread.tacv2;messageid=1700000000000" (a reply thread) -> "19:abc@thread.tacv2" (the channel). */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';')[0];
}

export class ChannelLinkStore {
  private constructor(private readonly docs: DocumentCollection<ChannelLink>, private readonly now: () => Date) {}

  static async open(store: Store, deps: { now: () => Date }): Promise<ChannelLinkStore> {
    return new ChannelLinkStore(await store.collection<ChannelLink>(CHANNEL_LINKS_COLLECTION), deps.now);
  }

  /** Makes the channel a referral channel of the project (again active if it was inactive). */
  async link(input: { projectId: string; conversationId: string; reference: StoredReference; language: string; linkedBy: string }): Promise<ChannelLink> {
    const conversationId = channelConversationId(input.conversationId);
    const _id = channelLinkId(input.projectId, conversationId);
    const at = this.now();
    const existing = await this.docs.findOne({ _id });
    const link: ChannelLink = {
      _id,
      projectId: input.projectId,
      conversationId,
      reference: input.reference,
      language: input.language,
      active: true,
      linkedBy: input.linkedBy,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    await this.docs.upsert(link);
    return link;
  }

  /** Removes the channel's links: of one project, or of all when projectId is omitted. Returns the projects unlinked. */
  async unlink(conversationId: string, projectId?: string): Promise<string[]> {
    const filter: Record<string, unknown> = { conversationId: channelConversationId(conversationId) };
    if (projectId !== undefined) filter.projectId = projectId;
    const links = await this.docs.find(filter);
    await this.docs.deleteMany(filter);
    return links.map((l) => l.projectId).sort();
  }

  async forConversation(conversationId: string): Promise<ChannelLink[]> {
    return this.docs.find({ conversationId: channelConversationId(conversationId) }, { sort: { projectId: 1 } });
  }

  /** The channels that should receive the project's referrals now. */
  async activeForProject(projectId: string): Promise<ChannelLink[]> {
    return this.docs.find({ projectId, active: true }, { sort: { createdAt: 1 } });
  }

  async get(id: string): Promise<ChannelLink | null> {
    return this.docs.findOne({ _id: id });
  }

  async markInactive(id: string, reason: string): Promise<void> {
    await this.docs.updateOne({ _id: id }, { $set: { active: false, inactiveReason: reason, updatedAt: this.now() } });
  }
}
