import { Chat, buttonsOf, textOf } from '../support/botServer';
import { injectTestBot, type InjectedBot } from '../support/injectServer';

describe('informing workers (the built server in process)', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  async function newChat(locale = 'it-IT'): Promise<Chat> {
    const chat = new Chat(bot, { locale });
    await chat.join();
    return chat;
  }

  test('the menu topic opens the section, with buttons to the next topics; a topic button opens it', async () => {
    const chat = await newChat();
    const replies = await chat.say("Cos'è la misura");
    expect(textOf(replies)).toMatch(/Cos'è Azioni di Rete per il lavoro/);
    const buttons = buttonsOf(replies);
    expect(buttons).toContain('A chi è rivolta');
    expect(await chat.sayText('A chi è rivolta')).toMatch(/Lombardia/);
  });

  test('a free-text question gets the answer with its facts, and "dimmi di più" expands the section', async () => {
    const chat = await newChat();
    const answer = await chat.sayText('quanto vale il servizio di inserimento lavorativo?');
    expect(answer).toMatch(/1\.?835/);
    expect(answer).not.toMatch(/assistente virtuale/);
    expect(await chat.sayText('dimmi di più')).toMatch(/2\.?000/);
  });

  test('amounts are presented as services, not money paid to the worker', async () => {
    const chat = await newChat();
    expect(await chat.sayText('mi danno dei soldi?')).toMatch(/non|servizi/i);
  });

  test.each(['che tempo fa a Milano?', 'orari dei treni per Bergamo', 'asdfgh', 'ricetta della carbonara'])('out of scope "%s": declined with the menu, no guessed answer', async (question) => {
    const chat = await newChat();
    const replies = await chat.say(question);
    expect(textOf(replies)).toMatch(/non ho capito|non posso aiutarti/i);
    expect(textOf(replies)).not.toMatch(/1\.?835|2\.?000|3\.?860/);
    expect(buttonsOf(replies)).toContain('Posso partecipare?');
  });

  test('the answer language follows the user', async () => {
    const english = await newChat('en-US');
    const answer = await english.sayText('how much is the job placement service worth?');
    expect(answer).toMatch(/1,?835/);
    expect(answer).toMatch(/\b(the|services?)\b/);
    expect(answer).not.toMatch(/\bservizi\b/);
  });

  test('an unsure question gets "did you mean" buttons, and a button gets its answer', async () => {
    const chat = await newChat();
    const replies = await chat.say('servizi valore');
    expect(textOf(replies)).toMatch(/Forse cercavi/);
    const topics = buttonsOf(replies).filter((b) => b !== 'Menu');
    expect(topics.length).toBeGreaterThanOrEqual(2);
    const followUp = textOf(await chat.say(topics[0]));
    expect(followUp).not.toMatch(/Forse cercavi|non ho capito/i);
    expect(followUp).toMatch(/\d\.?\d{3}/);
  });

  test('requests lead into their dialog: "posso partecipare?" starts the pre-check', async () => {
    const chat = await newChat();
    expect(await chat.sayText('posso partecipare?')).toMatch(/verifica preliminare/);
  });

  test.each([
    ['it-IT', 'sono in cassa integrazione con esuberi, posso entrare?'],
    ['en-US', "I'm on cassa integrazione with redundancies, can I join?"],
    ['ro', 'sunt în șomaj tehnic cu disponibilizări, pot intra?'],
    ['ar', 'أنا في cassa integrazione وهناك فائض في العمال، هل يمكنني المشاركة؟'],
    ['sq', 'jam në cassa integrazione me teprica, a mund të marr pjesë?'],
    ['es', 'estoy en cassa integrazione con excedentes, ¿puedo entrar?'],
    ['uk', 'я на cassa integrazione, на фірмі скорочення, можу взяти участь?'],
    ['fr', 'je suis en cassa integrazione avec des sureffectifs, je peux participer ?'],
  ])('[%s] a situation told with a question on its rule gets the rule, and the pre-check one tap away', async (locale, question) => {
    const chat = await newChat(locale);
    const replies = await chat.say(question);
    // the rule for those still employed: cassa integrazione with redundancies, or suspension under art. 72
    expect(textOf(replies)).toMatch(/art\. 72/);
    const offer = buttonsOf(replies)[0];
    expect(offer).toBeDefined();
    // the first button starts the pre-check at its first question, the work site
    const started = await chat.say(offer);
    expect(buttonsOf(started)).toEqual(expect.arrayContaining(['Bergamo (BG)']));
    expect(textOf(started)).not.toMatch(/art\. 72/);
  });

  test('the same situation told with its work site starts the pre-check with what it says', async () => {
    const chat = await newChat();
    const reply = await chat.sayText('sono in cassa integrazione a Bergamo con esuberi, posso entrare?');
    expect(reply).toMatch(/verifica preliminare/);
    expect(reply).toMatch(/Bergamo \(BG\)/);
  });

  test.each([
    ['it-IT', "lavoro a Cremona in una fabbrica che sta chiudendo e sono in cassa integrazione da aprile. quanto costa a me partecipare?", /finanziati dalla misura/, /Cremona \(CR\)/],
    ['ro', 'lucrez într-o fabrică din Bergamo care se închide, sunt încă angajat. cât durează tot programul?', /Sursele disponibile nu indică/, /Bergamo \(BG\)/],
    ['es', 'trabajo en una fábrica de Lodi que cierra en verano y sigo contratado, ¿cuánto tiempo dura el acompañamiento?', /Las fuentes disponibles no indican/, /Lodi \(LO\)/],
    ['fr', "je travaille à Monza dans une usine en faillite, je suis toujours salarié. est-ce que ça coûte quelque chose ?", /financ/i, /Monza/],
  ])('[%s] a case told with its work site and a question of another kind at the end gets that answer, the pre-check one tap away', async (locale, question, answer, place) => {
    const chat = await newChat(locale);
    const replies = await chat.say(question);
    expect(textOf(replies)).toMatch(answer);
    // the first button starts the pre-check from the case told (its work site already understood)
    const started = await chat.say(buttonsOf(replies)[0]);
    expect(textOf(started)).toMatch(place);
  });

  test('a case told with its work site and a question on taking part still starts the pre-check', async () => {
    const chat = await newChat();
    const reply = await chat.sayText('lavoro a Cremona in una fabbrica che sta chiudendo e sono in cassa integrazione da aprile, posso partecipare?');
    expect(reply).toMatch(/verifica preliminare/);
  });

  test('a question on contacts never invents a phone number', async () => {
    const chat = await newChat();
    const answer = await chat.sayText('qual è il numero di telefono?');
    expect(answer).not.toMatch(/\+?\d[\d\s]{7,}\d/);
  });
});
