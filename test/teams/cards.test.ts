import * as AC from 'adaptivecards';
import { createTranslator, type Translate } from '../../models/i18n';
import { claimerReferralCard, noticeCard, plainText, sharedReferralCard, type ReferralCardModel } from '../../models/teams/cards';
import { cardTexts, HOSTILE_STRINGS } from './cardText';

function model(overrides: Partial<ReferralCardModel>): ReferralCardModel {
  return {
    leadId: 'lead-1',
    reference: 'AR-7K3QX',
    projectTitle: 'Progetto di esempio',
    outcome: 'probabilmente ammissibile',
    language: 'Arabo (ar)',
    province: 'BG',
    sector: 'Metalmeccanico',
    createdAt: new Date('2026-06-15T10:00:00Z'),
    status: 'claimed',
    claimedAt: new Date('2026-06-15T10:05:00Z'),
    ...overrides,
  };
}

describe('Teams referral cards: what people typed is shown as written, never as markdown', () => {
  let t: Translate;
  beforeAll(async () => {
    t = (await createTranslator()).forLanguage('it');
  });

  test('plainText is a RichTextBlock with one TextRun (the schema: "Markdown is not supported")', () => {
    expect(plainText('**x**', { weight: 'Bolder' }, { separator: true })).toEqual({ type: 'RichTextBlock', separator: true, inlines: [{ type: 'TextRun', text: '**x**', weight: 'Bolder' }] });
  });

  test.each(HOSTILE_STRINGS)('firm, worker name, contact fields and operator name %j: verbatim, in TextRuns only', (hostile) => {
    const m = model({ firm: hostile, claimedBy: `${hostile} Operatore`, projectTitle: hostile });
    const contact = { name: hostile, phone: '+393331234567', email: 'mario@example.org', preferredTime: hostile };
    for (const card of [sharedReferralCard(t, m, 'it'), claimerReferralCard(t, m, contact, 'it', hostile), noticeCard(hostile, hostile)]) {
      const texts = cardTexts(card);
      // nothing in the card is read as markdown, ours included
      expect(texts.filter((x) => x.markdown)).toEqual([]);
      // the string is there whole, as one run of text
      expect(texts.some((x) => x.text === hostile)).toBe(true);
      const json = JSON.stringify(card);
      expect(json).not.toMatch(/"type":"(TextBlock|FactSet)"/);
    }
  });

  test('the official Adaptive Cards object model (the adaptivecards package) parses every element of both views', () => {
    const m = model({ firm: HOSTILE_STRINGS[0], claimedBy: 'Anna Bianchi', claimerUserId: '29:anna' });
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [sharedReferralCard(t, m, 'it'), [HOSTILE_STRINGS[0], 'Preso in carico da Anna B., 12:05']],
      [claimerReferralCard(t, m, { name: HOSTILE_STRINGS[1], phone: '+393331234567' }, 'it', 'ok'), [HOSTILE_STRINGS[0], HOSTILE_STRINGS[1], '+393331234567']],
      [noticeCard('x', 'y'), ['y', 'x']],
    ];
    for (const [json, expected] of cases) {
      const errors: Array<{ message: string }> = [];
      const card = new AC.AdaptiveCard();
      card.parse(json, errors as never);
      // this renderer (1.2) predates Universal Actions: Action.Execute is the only thing it may not know
      expect(errors.filter((e) => !/Action\.Execute/.test(e.message))).toEqual([]);
      const runs: string[] = [];
      for (let i = 0; i < card.getItemCount(); i++) collectRuns(card.getItemAt(i), runs);
      expect(runs).toEqual(expect.arrayContaining(expected));
    }
  });

  test('the claimer\'s short name in the status line keeps its characters, as text', () => {
    const texts = cardTexts(sharedReferralCard(t, model({ claimedBy: '[Anna](https://evil.example) Bianchi' }), 'it'));
    expect(texts.find((x) => x.text.startsWith('Preso in carico da'))).toEqual({ text: 'Preso in carico da [Anna](https://evil.example) B., 12:05', markdown: false });
  });

  test('labels and values still come in pairs, in order, for both views', () => {
    const contact = { name: 'Mario Rossi', phone: '+393331234567' };
    const texts = cardTexts(claimerReferralCard(t, model({ firm: 'Officine Esempio' }), contact, 'it')).map((x) => x.text);
    const at = (label: string): string => texts[texts.indexOf(label) + 1];
    expect(at('Azienda')).toBe('Officine Esempio');
    expect(at('Provincia')).toBe('BG');
    expect(at('Nome')).toBe('Mario Rossi');
    expect(at('Telefono')).toBe('+393331234567');
    expect(texts).not.toContain('E-mail');
  });
});

/** Every TextRun's text in a parsed card element, depth first. */
function collectRuns(element: AC.CardElement, into: string[]): void {
  if (element instanceof AC.RichTextBlock) {
    for (let i = 0; i < element.getInlineCount(); i++) {
      const inline = element.getInlineAt(i);
      if (inline instanceof AC.TextRun && inline.text) into.push(inline.text);
    }
  }
  if (element instanceof AC.CardElementContainer) for (let i = 0; i < element.getItemCount(); i++) collectRuns(element.getItemAt(i), into);
}
