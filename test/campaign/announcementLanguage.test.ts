import { composeAnnouncement } from '../../bot/campaign/broadcastPoster';
import type { Announcement } from '../../models/campaign/announcements';
import { createTranslator, LANGUAGES, type Language } from '../../models/i18n';
import { recognizeCampaignRequest } from '../../dialogs/campaign/campaignIntents';

/**
 * Announcements are written by staff in Italian (English optional). A subscriber who chats in another of the eight
 * languages reads the Italian text, told so in their own language, with the frame and the way to stop in their
 * language: the stop command they would type is theirs.
 */
describe('an announcement in the subscriber language', () => {
  const announcement = { title: 'Incontro a Bergamo', titleEn: 'Meeting in Bergamo', text: { it: 'Testo italiano.', en: 'English text.' } } as unknown as Announcement;
  const italianOnly = { title: 'Incontro a Brescia', text: { it: 'Solo italiano.' } } as unknown as Announcement;
  let compose: (a: Announcement, language: Language) => string;
  let note: (language: Language) => string;

  beforeAll(async () => {
    const translator = await createTranslator();
    compose = composeAnnouncement(translator);
    note = (language) => translator.forLanguage(language)('campaign.delivery.inItalianOnly');
  });

  test('Italian and English readers get their own text without a note', () => {
    expect(compose(announcement, 'it')).toContain('Testo italiano.');
    expect(compose(announcement, 'it')).not.toContain(note('it'));
    expect(compose(announcement, 'en')).toContain('English text.');
    expect(compose(announcement, 'en')).toContain('Meeting in Bergamo');
    expect(compose(announcement, 'en')).not.toContain(note('en'));
  });

  test('an English reader of an Italian-only announcement is told it is in Italian', () => {
    const message = compose(italianOnly, 'en');
    expect(message).toContain('Solo italiano.');
    expect(message).toContain(note('en'));
  });

  test.each(LANGUAGES.filter((l) => l !== 'it' && l !== 'en'))('%s: the Italian text, the note and how to stop in the reader language', (language) => {
    const message = compose(announcement, language);
    expect(message).toContain('Testo italiano.');
    expect(message).toContain('Incontro a Bergamo');
    expect(message).toContain(note(language));
    expect(note(language)).not.toBe(note('it'));
    // the way to stop, quoted «...» in the reader's language, is a command the bot understands
    const stop = [...message.matchAll(/«([^»]+)»/g)].map((m) => m[1]);
    expect(stop).toHaveLength(1);
    expect(recognizeCampaignRequest(stop[0])).toBe('unsubscribe');
  });
});
