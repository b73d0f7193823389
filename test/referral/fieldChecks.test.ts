/** What a form step takes as its value, and what it refuses with a reason (issue 15: seen stored as employer). */
import { recognizeWithdrawal } from '../../dialogs/interruptions';
import { asksAContentQuestion, looksLikeQuestion, namesTheFirm, readEmployer, readName, readPreferredTime, readSeveralFields } from '../../dialogs/referral/fieldChecks';
import type { Lang } from '../../dialogs/understanding';
import { contactKindStated, type ContactKind } from '../../dialogs/understanding/contactKind';

describe('the firm\'s name', () => {
  test.each([
    ['Salumificio Demo', 'Salumificio Demo'],
    ['called Salumificio Demo', 'Salumificio Demo'],
    ['si chiama Salumificio Demo', 'Salumificio Demo'],
    ["it's called Rossi Meccanica srl", 'Rossi Meccanica srl'],
    ["l'azienda si chiama Officine Bassi spa.", 'Officine Bassi spa'],
    ['lavoro presso Tessitura Lariana', 'Tessitura Lariana'],
    ['Stop Srl', 'Stop Srl'],
  ])('«%s» is the firm «%s»', (text, name) => {
    expect(readEmployer(text)).toEqual({ kind: 'name', value: name });
  });

  test.each(['preferisco non dirlo', "I'd rather not say", "te l'ho già detto, preferisco non dirlo", 'preferirei non rispondere', 'no comment', 'prefer not to say'])('«%s» is skipped', (text) => {
    expect(readEmployer(text)).toEqual({ kind: 'skipped' });
  });

  test.each([
    ['pomeriggio', 'time'],
    ['dimineața', 'time'],
    ['por la tarde', 'time'],
    ['le soir', 'time'],
    ['në mëngjes', 'time'],
    ['ввечері', 'time'],
    ['في المساء', 'time'],
    ['la mattina presto', 'time'],
    ['in the afternoon', 'time'],
    ['mario.rossi@gmail.com', 'contact'],
    ['333 123 4567', 'contact'],
    ['conferma', 'confirmation'],
    ['Confirm', 'confirmation'],
    ['prima rispondimi: possiamo partecipare in gruppo? poi te lo dico', 'question'],
    ['quanto dura il percorso', 'question'],
    ['what is this for?', 'question'],
  ])('«%s» is not a firm (%s)', (text, because) => {
    expect(readEmployer(text)).toEqual({ kind: 'invalid', because });
  });
});

describe("the firm's name in the worker's language", () => {
  test.each<[Lang, string]>([
    ['ro', 'da'], ['ro', 'da, sigur'], ['es', 'vale'], ['es', 'sí'], ['fr', "d'accord"], ['fr', 'oui'], ['sq', 'po'], ['uk', 'так'], ['uk', 'добре'], ['ar', 'نعم'], ['ar', 'تمام'], ['it', 'va bene'],
  ])('%s: «%s» is a yes, not a firm', (lang, text) => {
    expect(readEmployer(text, lang)).toEqual({ kind: 'invalid', because: 'confirmation' });
  });

  test.each<[Lang, string]>([
    ['ro', 'prefer să nu spun'], ['es', 'prefiero no decirlo'], ['fr', 'je préfère ne pas le dire'], ['sq', 'preferoj të mos e them'],
    ['uk', 'волію не казати'], ['ar', 'أفضل عدم القول'], ['ar', 'ما بدي قول'],
  ])('%s: «%s» is skipped', (lang, text) => {
    expect(readEmployer(text, lang)).toEqual({ kind: 'skipped' });
  });

  test.each<[Lang, string]>([['it', 'Bene srl'], ['es', 'Construcciones Buena Vista'], ['ro', 'Dacia Logistica'], ['uk', 'Так Логістик ТОВ']])('%s: «%s» is still a firm', (lang, text) => {
    expect(readEmployer(text, lang)).toEqual({ kind: 'name', value: text });
  });
});

describe("the firm's name after a lead-in, in the eight languages", () => {
  test.each<[string, string]>([
    ["l'azienda è la Meccanica Verdi", 'Meccanica Verdi'],
    ['lavoravo presso il Maglificio Orobico', 'Maglificio Orobico'],
    ['La Rinascente', 'La Rinascente'],
    ['compania mea se cheamă Lombarda Inox', 'Lombarda Inox'],
    ['am lucrat la Tessiture Comasche', 'Tessiture Comasche'],
    ['mi empresa es Aceros del Serio', 'Aceros del Serio'],
    ['trabajaba para Logistica Brianza', 'Logistica Brianza'],
    ["mon usine s'appelle Fonderie Valtrompia", 'Fonderie Valtrompia'],
    ['je bosse chez Cartiere Riunite', 'Cartiere Riunite'],
    ['firma ime quhet Plastika Lombarde', 'Plastika Lombarde'],
    ['punoja tek Vetreria Bresciana', 'Vetreria Bresciana'],
    ['наша компанія називається Metalli Orobici', 'Metalli Orobici'],
    ['я працював у Tessitura Lariana', 'Tessitura Lariana'],
    ['المصنع اسمه Acciaierie Venete', 'Acciaierie Venete'],
    ['كنت اشتغل في Logistica Nord', 'Logistica Nord'],
  ])('«%s» is the firm «%s»', (text, name) => {
    expect(readEmployer(text)).toEqual({ kind: 'name', value: name });
  });
});

describe('a message that names the firm is its answer, not a statement for the FAQ', () => {
  test.each(["l'azienda si chiama Trafilerie Lombarde", 'lavoro presso la Cartiera di Verona', 'the company is called Brianza Steel', 'la empresa se llama Textiles del Norte', 'je travaille chez Fonderie Camuna', 'المصنع اسمه Metalli Nord'])('%p names the firm', (text) => {
    expect(namesTheFirm(text)).toBe(true);
  });
  test.each(['è previsto un rimborso delle spese di viaggio', 'it is a big firm with many workers', 'quanto dura il percorso', 'Fonderia Ghisalba'])('%p does not', (text) => {
    expect(namesTheFirm(text)).toBe(false);
  });
});

describe('which kind of contact a worker says they have, at the contact question', () => {
  test.each<[string, ContactKind | undefined]>([
    ["la mail non ce l'ho, solo il telefono", 'phone'],
    ['ho soltanto il cellulare', 'phone'],
    ['non ho un numero di telefono, ho la posta elettronica', 'email'],
    ['non ho né cellulare né e-mail', 'neither'],
    ['no email, just my mobile', 'phone'],
    ["I haven't got a phone but I do have email", 'email'],
    ['nu am telefon, am doar mail', 'email'],
    ['no tengo teléfono, solo correo', 'email'],
    ["je n'ai pas de portable, juste un mail", 'email'],
    ['nuk kam telefon, kam vetem email', 'email'],
    ['у мене немає телефону, тільки імейл', 'email'],
    ['ما عندي تلفون بس عندي ايميل', 'email'],
    ['ho sia telefono che mail', undefined],
    ['Mario Rossi', undefined],
    ['preferisco non dirlo', undefined],
  ])('«%s» -> %s', (text, kind) => {
    expect(contactKindStated(text)).toBe(kind);
  });
});

describe('the preferred time', () => {
  test.each(['Pomeriggio', 'dopo le 17', 'dalle 9 alle 12', 'martedì mattina', 'any time after 5pm'])('«%s» is a time', (text) => {
    expect(readPreferredTime(text)).toEqual({ kind: 'time', value: text });
  });
  test.each([
    ['maria.bianchi@gmail.com', 'contact'],
    ['scrivimi a maria@example.org', 'contact'],
    ['quando chiamate?', 'question'],
    ['   ', 'empty'],
  ])('«%s» is not a time (%s)', (text, because) => {
    expect(readPreferredTime(text)).toEqual({ kind: 'invalid', because });
  });
});

describe('a question at a step', () => {
  test.each(['quanto dura?', 'come funziona il percorso', 'posso partecipare anche se sono in naspi', 'cosa fate con i miei dati', 'what happens next', 'can I bring a colleague', 'prima rispondimi: possiamo partecipare in gruppo?'])('«%s» is a question', (text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });
  test.each(['Maria Bianchi', 'Salumificio Demo', 'pomeriggio', 'Come Srl', 'Chi Legno', 'Can Metalli', '333 123 4567'])('«%s» is not', (text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });
});

describe('consent withdrawn', () => {
  test.each(['ritiro il consenso', 'Ritiro il mio consenso.', 'revoco', 'voglio revocare il consenso', 'non voglio più essere contattata', 'non voglio piu essere ricontattato', 'I withdraw my consent', 'please revoke my consent', "don't contact me", 'I no longer want to be contacted'])('«%s»', (text) => {
    expect(recognizeWithdrawal(text)).toBe(true);
  });
  test.each(['voglio essere ricontattato', 'acconsento', 'non acconsento', 'Consenso srl', 'cancella i miei dati'])('not «%s»', (text) => {
    expect(recognizeWithdrawal(text)).toBe(false);
  });
});

describe('the name', () => {
  test.each([
    ['Maria Bianchi', 'Maria Bianchi'],
    ['mi chiamo Maria Bianchi', 'Maria Bianchi'],
    ["I'm Anna Smith", 'Anna Smith'],
    ['my name is John Brown.', 'John Brown'],
    ["Gianluca D'Angelo", "Gianluca D'Angelo"],
    ['Vittoria Vittima01', 'Vittoria Vittima01'],
    ['Stessa Persona', 'Stessa Persona'],
    ['Ho Chi Minh', 'Ho Chi Minh'],
    // said as each language says it: the lead-in is no part of the name the operator reads
    ['Mă numesc Ion Popescu', 'Ion Popescu'],
    ['ma numesc Ion Popescu', 'Ion Popescu'],
    ['Me llamo Ana García', 'Ana García'],
    ['mi nombre es Ana García', 'Ana García'],
    ['Je m’appelle Claire Martin', 'Claire Martin'],
    ["je m'appelle Claire Martin", 'Claire Martin'],
    ['Quhem Arben Hoxha', 'Arben Hoxha'],
    ['emri im është Arben Hoxha', 'Arben Hoxha'],
    ['Мене звати Олена Коваль', 'Олена Коваль'],
    ['اسمي أحمد علي', 'أحمد علي'],
    ['أنا اسمي أحمد علي', 'أحمد علي'],
  ])('«%s» is the name «%s»', (text, name) => {
    expect(readName(text)).toEqual({ kind: 'name', value: name });
  });
  test.each([
    ['333 123 4567', 'contact'],
    ['maria@example.org', 'contact'],
    ['pomeriggio', 'time'],
    ['dimineața', 'time'],
    ['por la tarde', 'time'],
    ['le soir', 'time'],
    ['në mëngjes', 'time'],
    ['ввечері', 'time'],
    ['في المساء', 'time'],
    ['preferisco non dirlo', 'refusal'],
    ['voglio parlare con una persona', 'sentence'],
    ['I want to talk to a human', 'sentence'],
    ['non lo so', 'sentence'],
    ['conferma', 'sentence'],
    ['1', 'empty'],
  ])('«%s» is not a name (%s)', (text, because) => {
    expect(readName(text)).toEqual({ kind: 'invalid', because });
  });
});

describe('a question about something, at a step of the pre-check', () => {
  test.each([
    'what counts as a crisis?', 'cosa si intende per crisi aziendale?', 'ma che vuol dire esubero?', 'come faccio a sapere se siamo in cassa?',
    'ce înseamnă criză?', '¿qué cuenta como crisis?', "qu'est-ce qu'une crise ?", 'çfarë quhet krizë?', 'що вважається кризою?', 'ماذا تعني أزمة؟',
    'which crises count?',
  ])('«%s» asks', (text) => {
    expect(asksAContentQuestion(text)).toBe(true);
  });

  test.each([
    'e se sono in NASpI?', 'what if I am on furlough?', 'cassa integrazione?', 'quando mi hanno licenziato, a marzo', 'cuando me despidieron en marzo, ¿cuenta?',
    'come no', 'sono in cassa, cosa devo fare?', 'when they fired me in March', 'que sí',
  ])('«%s» does not (it may answer)', (text) => {
    expect(asksAContentQuestion(text)).toBe(false);
  });
});

describe('several fields said at once', () => {
  test.each([
    ['Mi chiamo Mario Rossi, il mio numero è 333 1234567, meglio di mattina', { name: 'Mario Rossi', phone: '+393331234567', time: 'meglio di mattina' }],
    ['Mario Rossi e il mio numero è 3331234567', { name: 'Mario Rossi', phone: '+393331234567' }],
    ['Mario Rossi 333 1234567', { name: 'Mario Rossi', phone: '+393331234567' }],
    ['my name is Anna Smith and my email is anna@example.com', { name: 'Anna Smith', email: 'anna@example.com' }],
    ['Mă numesc Ion Popescu, numărul meu este 3331234567, dimineața', { name: 'Ion Popescu', phone: '+393331234567', time: 'dimineața' }],
    ['Me llamo Ana García y mi número es 333 123 4567', { name: 'Ana García', phone: '+393331234567' }],
    ['Je m appelle Claire Martin, claire@example.fr, le soir', { name: 'Claire Martin', email: 'claire@example.fr', time: 'le soir' }],
    ['Quhem Arben Hoxha, numri im 3331234567', { name: 'Arben Hoxha', phone: '+393331234567' }],
    ['Мене звати Олена Коваль, мій номер 3331234567', { name: 'Олена Коваль', phone: '+393331234567' }],
    ['اسمي أحمد علي، رقمي 3331234567', { name: 'أحمد علي', phone: '+393331234567' }],
    ['333 1234567, pomeriggio', { phone: '+393331234567', time: 'pomeriggio' }],
  ])('«%s»', (text, fields) => {
    expect(readSeveralFields(text)).toEqual(fields);
  });

  // a part that is no field makes the message something else: only a message made of fields is taken whole
  test.each(['voglio parlare con una persona, 3331234567', 'non ho la mail, ma ho il cellulare', 'perché vi serve il mio numero?, grazie'])('«%s» is not', (text) => {
    expect(readSeveralFields(text)).toBeUndefined();
  });
});

