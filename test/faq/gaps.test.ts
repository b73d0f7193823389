/**
 * Issue 15's FAQ gaps: money to the worker, self-employment, whom to call, projects done, data retention, firms and
 * HR, a dismissal in one word, a question at the end of a long story. `GAP_PARAPHRASES` were seen while tuning;
 * `GAP_HELD_OUT` never were (its rate is the honest one: see the test names).
 */
import { loadMeasureContent } from '../../models/content';
import { createFaqAnswerer, type FaqResult } from '../../models/faq';
import { questionParts } from '../../models/faq/answerer';
import { GAP_HELD_OUT, GAP_PARAPHRASES } from './gapParaphrases';
import type { Paraphrase } from './paraphrases';

const answerer = createFaqAnswerer(loadMeasureContent());

function outcome(p: Paraphrase): { ok: boolean; wrong: boolean; got: string } {
  const r: FaqResult = answerer.ask(p.q, p.locale);
  const got = r.kind === 'answer' ? r.match.entry.id : r.kind;
  return { ok: r.kind === 'answer' && p.expected.includes(got), wrong: r.kind === 'answer' && !p.expected.includes(got), got };
}

describe('FAQ gaps seen in issue 15', () => {
  test.each(GAP_PARAPHRASES.map((p) => [p.locale, p.q, p] as const))('%s: %s', (_l, _q, p) => {
    expect({ q: p.q, got: outcome(p).got }).toEqual({ q: p.q, got: expect.stringMatching(new RegExp(`^(${p.expected.join('|')})$`)) as string });
  });

  test('held-out wording (never tuned on, 12/20 when written): at least 60% answered right, at most 2 answered wrong', () => {
    const outcomes = GAP_HELD_OUT.map((p) => ({ q: p.q, ...outcome(p) }));
    const ok = outcomes.filter((o) => o.ok).length;
    // eslint-disable-next-line no-console
    if (process.env.SHOW_FAQ_GAPS) console.log(`held-out gaps: ${ok}/${outcomes.length}`, outcomes.filter((o) => !o.ok));
    expect(ok / outcomes.length).toBeGreaterThanOrEqual(0.6);
    expect(outcomes.filter((o) => o.wrong).length).toBeLessThanOrEqual(2);
  });
});

describe('the question inside a long message', () => {
  test.each([
    ["ho lavorato vent'anni in fonderia, adesso sono a casa con la famiglia da mantenere, ma mi pagano?", 'mi pagano'],
    ['buongiorno, sono una signora di 55 anni, ho sempre fatto la magazziniera, vorrei capire: quanto dura il percorso?', 'quanto dura il percorso?'],
  ])('%s -> %s is asked on its own', (text, part) => {
    expect(questionParts(text)).toContain(part);
  });

  test('a short message is asked whole only', () => {
    expect(questionParts('mi pagano?')).toEqual([]);
  });
});

describe('answers quote the installation, not the content, for how long data is kept', () => {
  test('the FAQ entry carries placeholders that the responder fills', () => {
    const r = answerer.ask('per quanto tempo conservate i dati?', 'it');
    expect(r.kind === 'answer' && r.match.entry.answer).toMatch(/\{\{retention\}\}.*\{\{chatHours\}\}/s);
  });
});

describe('a case said not to hold is no evidence for the entry about it', () => {
  test.each([
    ["I wasn't laid off, can I still join?", 'en', 'unemployed'],
    ['non sono stato licenziato, posso partecipare?', 'it', 'unemployed'],
    ['non sono in cassa integrazione, posso partecipare?', 'it', 'still-employed'],
    ['non ho ancora trovato lavoro, posso partecipare?', 'it', 'reemployed'],
    ['la mia azienda non è fallita ma è in crisi', 'it', 'bankruptcy'],
  ] as const)('%s (%s) is not answered by %s', (q, locale, entry) => {
    const r = answerer.ask(q, locale);
    expect(r.kind === 'answer' ? r.match.entry.id : r.kind).not.toBe(entry);
  });

  test.each([
    ['non ho la naspi, posso partecipare?', 'it', 'income-support'],
    ['non sono residente in Lombardia, posso partecipare?', 'it', 'residence'],
    ['mi hanno licenziato, posso partecipare?', 'it', 'unemployed'],
  ] as const)('a negation that keeps the topic: %s (%s) -> %s', (q, locale, entry) => {
    const r = answerer.ask(q, locale);
    expect(r.kind === 'answer' ? r.match.entry.id : r.kind).toBe(entry);
  });
});
