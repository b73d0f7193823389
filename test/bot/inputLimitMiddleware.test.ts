import { TestAdapter, type TurnContext } from 'botbuilder';
import { InputLimitMiddleware } from '../../bot/inputLimitMiddleware';
import { turnInputWasCut } from '../../dialogs/turnInput';
import { setTurnLanguage } from '../../dialogs/turnLanguage';
import { UNDERSTOOD_CHARS } from '../../dialogs/understanding';
import { createTranslator, type Language } from '../../models/i18n';

/** The cut in one turn: what the rest of the turn sees, what the turn state records, what the worker is told first. */
async function turn(text: string, language: Language = 'it'): Promise<{ seen: string; cut: boolean; replies: string[] }> {
  const translator = await createTranslator();
  let seen = '';
  let cut = false;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    seen = context.activity.text ?? '';
    cut = turnInputWasCut(context);
    await context.sendActivity('answer');
  });
  // the language middleware's part: the turn's language is chosen before the cut
  adapter.use({
    onTurn: async (context, next) => {
      setTurnLanguage(context, language);
      await next();
    },
  });
  adapter.use(new InputLimitMiddleware(translator));
  const replies: string[] = [];
  await adapter.send(text).assertReply((a) => void replies.push(a.text ?? '')).startTest();
  for (const a of adapter.activeQueue.splice(0)) replies.push(a.text ?? '');
  return { seen, cut, replies };
}

describe('InputLimitMiddleware', () => {
  test('a message within the limit passes untouched, with no notice', async () => {
    const text = 'quanto dura il servizio?';
    expect(await turn(text)).toEqual({ seen: text, cut: false, replies: ['answer'] });
  });

  test('a longer one reaches the turn cut, the turn state says so, and the notice comes before the answer', async () => {
    const { seen, cut, replies } = await turn('lavoravo a Treviglio '.repeat(2000));
    expect(seen.length).toBeLessThanOrEqual(UNDERSTOOD_CHARS);
    expect(seen.startsWith('lavoravo a Treviglio')).toBe(true);
    expect(cut).toBe(true);
    expect(replies).toEqual([expect.stringMatching(/ho letto solo i primi 2000 caratteri/), 'answer']);
  });

  test('the notice speaks the turn language', async () => {
    const { replies } = await turn('a'.repeat(30000), 'en');
    expect(replies[0]).toMatch(/I read only the first 2,000 characters/);
  });
});
