import { LOCALES, type Locale } from '../content/types';
import { foldForComparison } from '../text/fold';

/**
 * Question frames: the few words of a question that decide which kind of answer it wants, whatever else it says.
 * "fino a quando" asks for a date (is the call open?), "quanto dura" for a length of time, "chi paga" for who bears
 * the cost, "cosa ci guadagno" for what the worker receives, "dove devo andare" for the way in. Workers say these
 * frames in a thousand ways around them ("pana cand se pot face cereri?", "البرنامج ده بياخد وقت قد إيه؟"), and
 * the rest of their words are often words the FAQ never uses; the frame alone is a strong hint of the entry.
 *
 * A frame found in a question is one more concept of the question (`@frame:<id>`), which the entries of that type
 * have as if one of their phrasings said it (answerer.ts): it ranks them and explains part of the question, so an
 * unknown everyday word beside it no longer sinks the answer. Frames do not count as a topic of their own: "how long
 * does the pasta last?" still has only the frame and an unknown subject, and is declined (scope.ts's rule).
 *
 * Phrases are written as typed (accents, apostrophes and Arabic letter forms are folded like the question);
 * a token ending in `*` matches any word that starts with it, `#` any number; one word may stand between two of a
 * phrase's words.
 */
export interface QuestionFrame {
  readonly id: string;
  /** The FAQ entries that answer this kind of question. */
  readonly entries: readonly string[];
  readonly phrases: Readonly<Record<Locale, readonly string[]>>;
}

export const QUESTION_FRAMES: readonly QuestionFrame[] = [
  {
    // until when: a deadline, i.e. whether and until when the call is open
    id: 'until-when',
    entries: ['call-open'],
    phrases: {
      it: ['fino a quando', 'fino a che data', 'entro quando', 'fino a quale data', 'entro che data', 'scadenza', 'ultimo giorno', 'data limite', 'quando scade', 'quando chiude'],
      en: ['until when', 'till when', 'til when', 'by when', 'deadline', 'last day', 'closing date', 'when does it close', 'when is it closing', 'when does it end'],
      ro: ['pana cand', 'pana la ce data', 'pana in ce data', 'termen limita', 'termenul limita', 'data limita', 'ultima zi', 'cand se inchide', 'cand expira'],
      ar: ['حتى متى', 'حتى امتى', 'حتى لامتى', 'لحد امتى', 'لحد إمتى', 'الى متى نقدر', 'اخر اجل', 'آخر موعد', 'اخر موعد', 'الموعد النهائي', 'حتى اي تاريخ', 'امتى يسكر', 'متى ينتهي التسجيل'],
      sq: ['deri kur', 'deri ne cfare date', 'afati', 'afati i fundit', 'data e fundit', 'dita e fundit', 'kur mbyllet', 'kur skadon'],
      es: ['hasta cuando', 'hasta que fecha', 'hasta que dia', 'plazo', 'fecha limite', 'ultimo dia', 'cuando cierra', 'cuando se cierra', 'cuando vence'],
      uk: ['до якого числа', 'до коли', 'до якого часу', 'до якої дати', 'кінцевий термін', 'дедлайн', 'останній день', 'коли закінчується', 'коли закривається'],
      fr: ['jusqu a quand', 'jusqu quand', 'jusqu a quelle date', 'date limite', 'dernier jour', 'delai', 'quand ca ferme', 'quand est ce que ca ferme', 'quand ca se termine'],
    },
  },
  {
    // how long: a length of time (of the path, or of keeping one's data)
    id: 'how-long',
    entries: ['duration', 'data-retention'],
    phrases: {
      it: ['quanto dura', 'quanto durano', 'quanto tempo', 'per quanto tempo', 'quanti mesi', 'quante settimane', 'quanto ci vuole', 'quanto ci si mette'],
      en: ['how long', 'how many months', 'how many weeks', 'how much time', 'for how long', 'how long does it take'],
      ro: ['cat dureaza', 'cat timp', 'cate luni', 'cate saptamani', 'pentru cat timp', 'cat tine', 'cat ia'],
      ar: ['قد ايه', 'قديش', 'كم من الوقت', 'كم من وقت', 'كم مده', 'شحال من الوقت', 'شحال كيدوم', 'شحال غادي يدوم', 'كم يدوم', 'كم تدوم', 'كم شهر', 'شحال من شهر', 'المده'],
      sq: ['sa zgjat', 'sa kohe', 'per sa kohe', 'sa muaj', 'sa jave', 'sa do zgjase'],
      es: ['cuanto dura', 'cuanto tiempo', 'por cuanto tiempo', 'cuantos meses', 'cuantas semanas', 'cuanto tarda'],
      uk: ['скільки триває', 'скільки часу', 'як довго', 'скільки місяців', 'скільки тижнів', 'на скільки часу', 'скільки буде тривати', 'скільки це триває'],
      fr: ['combien de temps', 'ca dure combien', 'dure combien', 'combien de mois', 'combien de semaines', 'pendant combien', 'ca prend combien'],
    },
  },
  {
    // who pays: who bears the cost (the worker does not) and who funds the measure (the rest of the question tells)
    id: 'who-pays',
    entries: ['cost', 'funding'],
    phrases: {
      it: ['chi paga', 'chi pagano', 'a carico di chi', 'chi copre le spese', 'chi sostiene le spese', 'devo pagare', 'si paga', 'pago io'],
      en: ['who pays', 'who will pay', 'who covers', 'who picks up the', 'do i have to pay', 'do i pay', 'do i need to pay'],
      ro: ['cine plateste', 'cine o sa plateasca', 'cine suporta', 'cine acopera', 'trebuie sa platesc', 'platesc eu'],
      ar: ['شكون اللي كيخلص', 'شكون كيخلص', 'شكون غادي يخلص', 'من يدفع', 'مين بيدفع', 'مين يدفع', 'مين هيدفع', 'على حساب مين', 'على حساب من', 'واش نخلص', 'هل ادفع', 'هل علي ان ادفع', 'لازم ادفع'],
      sq: ['kush paguan', 'kush i paguan', 'kush e paguan', 'kush do paguaj', 'kush do te paguaje', 'duhet te paguaj', 'a paguaj'],
      es: ['quien paga', 'quien lo paga', 'quien los paga', 'quien las paga', 'quien va a pagar', 'quien cubre', 'tengo que pagar', 'hay que pagar', 'pago yo'],
      uk: ['хто платить', 'хто оплачує', 'хто буде платити', 'хто заплатить', 'за чий рахунок', 'треба платити', 'чи треба платити', 'я плачу'],
      fr: ['qui paie', 'qui paye', 'qui va payer', 'qui prend en charge', 'qui rembourse', 'je dois payer', 'faut il payer', 'faut payer'],
    },
  },
  {
    // what it costs me: the worker's own cost (not who funds the measure)
    id: 'cost-to-me',
    entries: ['cost'],
    phrases: {
      it: ['tirare fuori dei soldi', 'tirare fuori soldi', 'di tasca mia', 'mi costa', 'quanto mi costa', 'e gratis', 'e gratuito', 'gratuitamente', 'costa qualcosa', 'costa niente', 'ci costa', 'costa a me', 'costa a noi', 'e a pagamento'],
      en: ['cost me', 'out of my pocket', 'out of pocket', 'is it free', 'for free', 'does it cost', 'cost anything'],
      ro: ['ma costa', 'costa ceva', 'cat ma costa', 'din buzunar', 'scot bani', 'e gratis', 'este gratuit', 'e gratuit', 'costa bani'],
      ar: ['من جيبي', 'يكلفني', 'ببلاش', 'مجاني', 'فابور', 'بيكلف شي', 'يكلف شي'],
      sq: ['me kushton', 'nga xhepi', 'pa pagese', 'falas', 'a kushton', 'kushton dicka'],
      es: ['me cuesta', 'me va a costar', 'de mi bolsillo', 'cuesta algo', 'es gratis', 'gratuito', 'cobran algo'],
      uk: ['коштує мені', 'коштуватиме', 'з кишені', 'за свій рахунок', 'безкоштовно', 'безплатно', 'чи коштує', 'коштує щось'],
      fr: ['me couter', 'me coute', 'ca va me couter', 'de ma poche', 'c est gratuit', 'gratuit', 'c est payant', 'coute quelque chose', 'ca coute quelque chose'],
    },
  },
  {
    // what do I get: what the worker receives from the measure
    id: 'what-do-i-get',
    entries: ['services-overview'],
    phrases: {
      it: ['cosa ottengo', 'cosa ricevo', 'cosa ci guadagno', 'che ci guadagno', 'cosa guadagno', 'cosa mi danno', 'cosa mi da', 'cosa mi spetta', 'che vantaggi', 'quali vantaggi', 'a cosa mi serve', 'a me cosa danno', 'cosa danno'],
      en: ['what do i get', 'what will i get', 'what would i get', 'what do we get', 'what s in it for me', 'whats in it for me', 'what is in it for me', 'in it for me', 'what do i gain', 'what benefits', 'what does it give', 'what do they give'],
      ro: ['ce primesc', 'ce primim', 'ce castig', 'ce am de castigat', 'ce imi da', 'ce imi ofera', 'ce mi se ofera', 'ce beneficii', 'ce avantaje', 'cu ce ma ajuta', 'la ce imi foloseste'],
      ar: ['شنو غادي نستافد', 'شنو نستافد', 'اش غادي نستافد', 'ماذا استفيد', 'ماذا سأستفيد', 'ماذا ساستفيد', 'ايش استفيد', 'شو بستفيد', 'شو رح استفيد', 'ايه اللي هاخده', 'هستفيد ايه', 'حستفيد ايه', 'ماذا احصل', 'ماذا ساحصل', 'ما الفائده', 'شنو الفايده', 'اش الفايده'],
      sq: ['cfare perfitoj', 'cka perfitoj', 'cfare fitoj', 'cfare marr', 'cfare me jepni', 'cfare me japin', 'cfare perfitimi', 'cfare perfitimesh', 'cfare avantazhi'],
      es: ['que gano', 'que saco', 'que obtengo', 'que recibo', 'que me dan', 'que me ofrecen', 'que beneficios', 'que ventajas', 'en que me ayuda', 'que me toca'],
      uk: ['що я отримаю', 'що отримаю', 'що я конкретно отримаю', 'що мені дадуть', 'що мені дає', 'що це мені дає', 'що я з цього матиму', 'що я матиму', 'яка мені користь', 'яка користь'],
      fr: ['j y gagne quoi', 'je gagne quoi', 'qu est ce que j y gagne', 'qu est ce que je gagne', 'qu est ce que je recois', 'qu est ce que j obtiens', 'qu est ce qu on me donne', 'on me donne quoi', 'quels avantages', 'ca m apporte quoi', 'qu est ce que ca m apporte'],
    },
  },
  {
    // where do I go: the way in (how workers take part)
    id: 'where-go',
    // (where one turns to may be the way in, the contacts, or, when the measure is not for one, the alternatives)
    entries: ['how-to-join', 'contacts', 'elsewhere'],
    phrases: {
      it: ['dove devo andare', 'dove vado', 'dove andare', 'dove mi rivolgo', 'a chi mi rivolgo', 'a chi devo rivolgermi', 'dove mi iscrivo', 'dove ci si iscrive', 'dove si fa domanda', 'dove faccio domanda', 'dove mi presento'],
      en: ['where do i go', 'where should i go', 'where to go', 'where do i sign up', 'where can i sign up', 'where do i apply', 'where can i apply', 'where do i register', 'who do i turn to', 'where do i turn'],
      ro: ['unde trebuie sa ma duc', 'unde sa ma duc', 'unde ma duc', 'unde merg', 'unde trebuie sa merg', 'unde ma inscriu', 'unde ma pot inscrie', 'unde ma adresez', 'la cine ma adresez', 'unde depun'],
      ar: ['فين خاصني نمشي', 'فين نمشي', 'فين نسجل', 'فين خاصني نسجل', 'الى اين اذهب', 'اين اذهب', 'اين اسجل', 'وين لازم روح', 'وين روح', 'وين بسجل', 'اروح فين', 'اسجل فين', 'لمن اتوجه', 'فين نقدم'],
      sq: ['ku duhet te shkoj', 'ku te shkoj', 'ku shkoj', 'ku regjistrohem', 'ku mund te regjistrohem', 'ku te drejtohem', 'kujt t i drejtohem', 'kujt ti drejtohem', 'ku aplikoj'],
      es: ['a donde tengo que ir', 'a donde voy', 'donde tengo que ir', 'adonde voy', 'adonde tengo que ir', 'donde me apunto', 'donde me inscribo', 'donde me puedo apuntar', 'a quien me dirijo', 'a quien acudo', 'donde acudo', 'donde solicito'],
      uk: ['куди мені йти', 'куди йти', 'куди звертатися', 'куди звернутися', 'куди мені звернутися', 'куди піти', 'де записатися', 'де записатись', 'де зареєструватися', 'до кого звернутися', 'де подати'],
      fr: ['je dois aller ou', 'ou dois je aller', 'ou je dois aller', 'ou aller', 'je vais ou', 'ou m inscrire', 'ou s inscrire', 'ou je m inscris', 'a qui m adresser', 'a qui je m adresse', 'je m adresse ou', 'ou postuler'],
    },
  },
  {
    // a phone number, an e-mail, an address: the contacts
    id: 'reach',
    // (or what happens to one's own number once given: the data kept)
    entries: ['contacts', 'data-retention'],
    phrases: {
      it: ['numero di telefono', 'numero da chiamare', 'email', 'e mail', 'mail', 'recapito', 'recapiti', 'come vi contatto', 'come vi posso contattare', 'come contattarvi', 'un numero', 'che numero', 'chi chiamo', 'chi devo chiamare'],
      en: ['phone number', 'number to call', 'email', 'e mail', 'contact details', 'a number i can', 'number i can ring', 'who do i call', 'who can i call', 'how do i contact', 'how can i contact', 'contact you', 'ring you', 'call you'],
      ro: ['numar de telefon', 'numarul de telefon', 'email', 'e mail', 'mail', 'cum va contactez', 'cum va pot contacta', 'un numar', 'un telefon', 'pe cine sun', 'la cine sun', 'sa va sun'],
      ar: ['رقم الهاتف', 'رقم الهاتف', 'رقم التلفون', 'رقم التليفون', 'رقم تلفون', 'نمره', 'الايميل', 'ايميل', 'رقم', 'نمرة', 'كيف اتواصل', 'كيفاش نتواصل', 'ازاي اكلمكم', 'اتصل بكم', 'نتاصل بيكم'],
      sq: ['numer telefoni', 'numrin e telefonit', 'email', 'e mail', 'si ju kontaktoj', 'si t ju kontaktoj', 'nje numer', 'ke te telefonoj', 'kujt t i telefonoj'],
      es: ['numero de telefono', 'correo', 'email', 'e mail', 'un telefono', 'algun telefono', 'como os contacto', 'como los contacto', 'como contactarlos', 'a quien llamo', 'a quien llamar', 'un numero'],
      uk: ['номер телефону', 'пошта', 'email', 'e mail', 'імейл', 'телефон', 'як з вами звязатися', 'як звязатися', 'кому дзвонити', 'куди дзвонити', 'номер'],
      fr: ['numero de telephone', 'numero de tel', 'mail', 'email', 'e mail', 'courriel', 'un numero', 'un tel', 'vous contacter', 'vous joindre', 'qui appeler', 'j appelle qui'],
    },
  },
  {
    // one's own number, e-mail or data (what happens to them once given), not the contacts of an office (not the name:
    // "where do I put my name down" is the way in)
    id: 'my-data',
    entries: ['data-retention'],
    phrases: {
      it: ['il mio numero', 'mio numero di telefono', 'il mio telefono', 'il mio cellulare', 'la mia email', 'la mia mail', 'i miei dati', 'i miei recapiti', 'mio indirizzo'],
      en: ['my number', 'my phone number', 'my phone', 'my email', 'my e mail', 'my data', 'my details', 'my personal data', 'my address'],
      ro: ['numarul meu', 'numarul meu de telefon', 'telefonul meu', 'emailul meu', 'mailul meu', 'datele mele', 'adresa mea'],
      ar: ['رقمي', 'رقم هاتفي', 'هاتفي', 'تلفوني', 'ايميلي', 'بريدي', 'بياناتي', 'معلوماتي', 'عنواني'],
      sq: ['numrin tim', 'numri im', 'telefonin tim', 'emailin tim', 'te dhenat e mia', 'adresen time'],
      es: ['mi numero', 'mi numero de telefono', 'mi telefono', 'mi movil', 'mi correo', 'mi email', 'mis datos', 'mi direccion'],
      uk: ['мій номер', 'мій телефон', 'мою пошту', 'мій email', 'мої дані', 'моїми даними', 'мою адресу', 'мого номера'],
      fr: ['mon numero', 'mon numero de telephone', 'mon telephone', 'mon portable', 'mon mail', 'mon email', 'mes donnees', 'mes coordonnees', 'mon adresse'],
    },
  },
  {
    // how much money to me: whether the worker is paid
    id: 'money-to-me',
    entries: ['money-to-worker'],
    phrases: {
      it: ['quanti soldi mi', 'quanti soldi ti', 'mi pagano', 'ci pagano', 'vengo pagato', 'sul mio conto', 'sul conto corrente', 'li versano a me', 'li prendo io', 'li danno a me', 'soldi a me'],
      en: ['how much money do i', 'how much money will i', 'how much do they pay', 'do they pay me', 'will they pay me', 'do i get paid', 'get paid', 'money in my pocket', 'in cash', 'into my account', 'to my account', 'in my account', 'in my bank', 'paid to me', 'give me the money', 'do i get the money', 'get the money myself'],
      ro: ['cati bani primesc', 'cati bani imi', 'cati bani ma', 'imi dau bani', 'ma platesc', 'sunt platit', 'bani in mana', 'bani cash', 'in cont', 'in contul meu', 'pe card', 'pe cardul meu', 'mi i dau', 'mi dau banii', 'primesc banii', 'banii mie'],
      ar: ['شحال ديال الفلوس', 'شحال من فلوس', 'كم من المال', 'قديش مصاري', 'شحال غادي ياخد', 'شحال غادي ناخد', 'غادي يعطيوني', 'هل يعطوني', 'يعطوني فلوس', 'هياخد كام', 'هاخد كام', 'فلوس في ايدي', 'كاش', 'في حسابي', 'فحسابي', 'على حسابي البنكي', 'في الحساب البنكي', 'الفلوس ليا', 'الفلوس لي', 'تنزل في حسابي', 'الفلوس دي ليا'],
      sq: ['sa leke me japin', 'sa leke marr', 'sa para marr', 'sa para me japin', 'me japin leke', 'me paguajne', 'leke ne dore', 'para ne dore', 'cash', 'ne llogari', 'ne llogarine time', 'ne karte', 'parate i marr', 'i marr une', 'parate mua', 'lekete mua'],
      es: ['cuanto dinero me', 'cuanta plata me', 'cuanto cobro', 'cuanto voy a cobrar', 'me pagan', 'me dan dinero', 'dinero en mano', 'en efectivo', 'en mi cuenta', 'a mi cuenta', 'me lo dan a mi', 'me los dan a mi', 'el dinero me lo dan', 'me dan el dinero', 'me dan la plata', 'la plata me la dan', 'el dinero a mi'],
      uk: ['скільки грошей мені', 'скільки грошей я', 'скільки мені заплатять', 'мені платитимуть', 'мені заплатять', 'гроші на руки', 'готівкою', 'на рахунок', 'на мій рахунок', 'на картку', 'на мою картку', 'гроші мені', 'гроші дають мені', 'дають гроші'],
      fr: ['combien d argent on me', 'combien d argent je', 'on me paie', 'on me paye', 'je suis paye', 'je serai paye', 'de l argent en main', 'en liquide', 'en cash', 'sur mon compte', 'sur le compte', 'on me le donne', 'on me la donne', 'on me les donne', 'l argent me', 'l argent a moi', 'l argent pour moi'],
    },
  },
  {
    // an age or being too old: the entry on age
    id: 'age',
    entries: ['young'],
    phrases: {
      it: ['ho # anni', 'troppo vecchio', 'troppo vecchia', 'troppo anziano', 'troppo anziana', 'troppo grande', 'limite di eta', 'limiti di eta', 'eta massima', 'eta minima', 'che eta'],
      en: ['i m #', 'im #', 'i am #', '# years old', '# yo', 'too old', 'too young', 'age limit', 'maximum age', 'minimum age', 'how old'],
      ro: ['am # de ani', 'am # ani', 'prea batran', 'prea batrana', 'prea in varsta', 'prea tanar', 'limita de varsta', 'varsta maxima', 'ce varsta'],
      ar: ['عمري #', 'عندي # سنه', 'عندي # عام', 'كبير في السن', 'كبيره في السن', 'كبير بزاف', 'كبيره بزاف', 'حد السن', 'السن', 'العمر', 'صغير بزاف'],
      sq: ['jam # vjec', 'jam # vjece', 'kam # vjet', 'shume i vjeter', 'shume e vjeter', 'shum i vjeter', 'shum e vjeter', 'shume i ri', 'kufi moshe', 'mosha'],
      es: ['tengo # anos', 'tengo # años', 'demasiado mayor', 'muy mayor', 'muy viejo', 'muy vieja', 'demasiado viejo', 'demasiado vieja', 'limite de edad', 'edad maxima', 'que edad'],
      uk: ['мені # років', 'мені # роки', 'мені #', 'застарий', 'застара', 'застарий для', 'надто старий', 'надто стара', 'обмеження за віком', 'вікове обмеження', 'вік'],
      fr: ['j ai # ans', 'trop vieux', 'trop vieille', 'trop age', 'trop agee', 'trop jeune', 'limite d age', 'age maximum', 'quel age'],
    },
  },
  {
    // together, as a group, only a few of us: how many people a project needs
    id: 'together',
    entries: ['min-people', 'max-firms'],
    phrases: {
      it: ['insieme', 'in gruppo', 'solo in due', 'solo in tre', 'solo in quattro', 'siamo solo', 'siamo in pochi'],
      en: ['together', 'as a group', 'only two of us', 'only three of us', 'just two of us', 'just three of us', 'few of us'],
      ro: ['impreuna', 'in grup', 'doar doi', 'doar trei', 'suntem doar', 'suntem putini'],
      ar: ['مع بعض', 'معا', 'سوا', 'كمجموعه', 'جماعه', 'حنا غير', 'احنا بس', 'نحن فقط'],
      sq: ['bashke', 'se bashku', 'si grup', 'jemi vetem', 'vetem dy', 'vetem tre'],
      es: ['juntos', 'juntas', 'en grupo', 'somos solo', 'solo somos', 'solo dos', 'solo tres'],
      uk: ['разом', 'групою', 'нас лише', 'нас тільки', 'нас всього'],
      fr: ['ensemble', 'en groupe', 'on est seulement', 'nous sommes seulement', 'on n est que', 'seulement deux', 'seulement trois'],
    },
  },
  {
    // which law: the legal basis
    id: 'which-law',
    entries: ['legal'],
    phrases: {
      it: ['quale legge', 'che legge', 'quale norma', 'quale delibera', 'base legale', 'base giuridica', 'riferimento normativo', 'riferimenti normativi'],
      en: ['which law', 'what law', 'which regulation', 'what regulation', 'legal basis', 'which decree'],
      ro: ['ce lege', 'care lege', 'ce act normativ', 'baza legala', 'temei legal'],
      ar: ['اي قانون', 'ما القانون', 'ما هو القانون', 'الاساس القانوني', 'المرجع القانوني', 'شنو القانون'],
      sq: ['cili ligj', 'cilin ligj', 'cfare ligji', 'baza ligjore'],
      es: ['que ley', 'cual ley', 'base legal', 'que normativa', 'que decreto'],
      uk: ['який закон', 'якому закону', 'правова основа', 'яка постанова', 'який нормативний'],
      fr: ['quelle loi', 'c est quelle loi', 'base legale', 'quel texte de loi', 'quel decret'],
    },
  },
  {
    // did it work: the results so far
    id: 'did-it-work',
    entries: ['results'],
    phrases: {
      it: ['ha funzionato', 'ha funzionato davvero', 'e servito a qualcosa', 'e servita a qualcosa', 'com e andata', 'e servito', 'e servita', 'ha aiutato', 'ha dato risultati'],
      en: ['did it work', 'has it worked', 'was it successful', 'did it help', 'does it work', 'has it helped', 'did it do any good', 'any results', 'has it worked before'],
      ro: ['a functionat', 'a dat rezultate', 'chiar functioneaza', 'a folosit la ceva', 'a ajutat', 'a avut rezultate'],
      ar: ['هل نجح', 'هل نجحت', 'جاب نتيجه', 'عطا نتيجه', 'هل اعطى نتيجه', 'هل نفع', 'نفع بحاجه', 'جاب نتيجه', 'كان فيه نتيجه'],
      sq: ['a funksionoi', 'ka funksionuar', 'a ka dhene rezultat', 'a ka funksionuar', 'a ka ndihmuar', 'a ka sherbyer', 'ka dhene rezultate'],
      es: ['funciono', 'ha funcionado', 'sirvio de algo', 'dio resultado', 'funciona de verdad', 'ha servido', 'servido de algo', 'ha ayudado', 'dio resultados', 'ha dado resultados'],
      uk: ['чи спрацювало', 'це спрацювало', 'чи допомогло', 'чи був результат', 'це працює', 'чи був толк', 'чи була користь', 'який результат', 'чи є результати'],
      fr: ['ca a marche', 'ca a fonctionne', 'ca a servi', 'ca marche vraiment', 'ca a aide', 'ca a donne des resultats', 'il y a eu des resultats'],
    },
  },
  {
    // who delivers: who runs the projects and gives the services
    id: 'who-delivers',
    entries: ['who-runs'],
    phrases: {
      it: ['chi me li fa', 'chi li fa', 'chi fa i corsi', 'chi eroga', 'chi organizza', 'chi gestisce', 'chi me le fa', 'chi li tiene'],
      en: ['who provides', 'who delivers', 'who runs', 'who organises', 'who organizes', 'who gives the', 'who does the'],
      ro: ['cine face cursurile', 'cine face proiectele', 'cine organizeaza', 'cine ofera serviciile', 'cine se ocupa', 'cine tine cursurile', 'cine gestioneaza'],
      ar: ['شكون اللي كيدير', 'شكون كيدير', 'من ينظم', 'مين بينظم', 'من يقدم الخدمات', 'شكون كيقدم', 'مين بيقدم'],
      sq: ['kush i ben', 'kush i organizon', 'kush i ofron', 'kush merret', 'kush i mban'],
      es: ['quien da los cursos', 'quien organiza', 'quien los da', 'quien lleva', 'quien gestiona', 'quien imparte'],
      uk: ['хто проводить', 'хто організовує', 'хто надає', 'хто веде', 'хто займається'],
      fr: ['qui organise', 'qui fait les', 'qui donne les', 'qui s occupe', 'qui gere'],
    },
  },
  {
    // where the measure's money comes from: who funds it (not what the worker is paid)
    id: 'funded-by',
    entries: ['funding'],
    phrases: {
      it: ['da dove arrivano i soldi', 'da dove vengono i soldi', 'da dove arrivano i fondi', 'da dove vengono i fondi', 'chi mette i soldi', 'chi ci mette i soldi', 'chi tira fuori i soldi', 'con quali soldi', 'con che soldi', 'chi finanzia', 'chi la finanzia', 'chi lo finanzia'],
      en: ['where does the money come from', 'where is the money from', 'money come from', 'who puts up the money', 'who puts the money', 'who gives the money', 'who funds', 'who is funding', 'who finances', 'who pays for the programme', 'who pays for the program', 'with what money', 'whose money'],
      ro: ['de unde vin banii', 'de unde sunt banii', 'de unde vine finantarea', 'cine da banii', 'cine pune banii', 'cine scoate banii', 'cu ce bani', 'din ce bani', 'cine finanteaza'],
      ar: ['من اين ياتي المال', 'من اين تاتي الفلوس', 'منين جايه الفلوس', 'الفلوس جايه منين', 'الفلوس منين', 'منين الفلوس', 'من وين المصاري', 'من وين الفلوس', 'مين بيمول', 'من يمول', 'مين يمول', 'شكون كيمول', 'شكون اللي كيمول', 'مصدر التمويل', 'مين بيدفع للبرنامج', 'مين بيصرف على'],
      sq: ['nga vijne parate', 'prej nga vijne parate', 'nga jane parate', 'kush i jep parate', 'kush i nxjerr parate', 'kush i vendos parate', 'kush e financon', 'kush financon', 'me cfare parash', 'me cfare leke'],
      es: ['de donde sale el dinero', 'de donde viene el dinero', 'de donde salen los fondos', 'de donde sale la plata', 'quien pone el dinero', 'quien pone la plata', 'quien da el dinero', 'quien financia', 'con que dinero', 'con que plata'],
      uk: ['звідки гроші', 'звідки беруться гроші', 'звідки фінансування', 'хто дає гроші', 'хто дає кошти', 'хто виділяє гроші', 'хто фінансує', 'за які гроші', 'за чиї гроші', 'чиї це гроші'],
      fr: ['d ou vient l argent', 'l argent vient d ou', 'vient d ou l argent', 'l argent de ce programme vient', 'qui met l argent', 'qui donne l argent', 'qui finance', 'avec quel argent', 'c est l argent de qui'],
    },
  },
  {
    // the worker's way to find a job: whether the measure helps one look for work (not a job found)
    id: 'find-me-a-job',
    entries: ['job-search-help'],
    phrases: {
      // (a job word in every phrase: "can you help me find a flat?" is another matter)
      it: ['mi trovate un lavoro', 'mi trovate lavoro', 'mi trovano un lavoro', 'mi trovano lavoro', 'trovarmi un lavoro', 'trovarmi lavoro', 'a trovare lavoro', 'a cercare lavoro', 'a trovare un impiego', 'a trovare un posto di lavoro'],
      en: ['find me a job', 'find me work', 'get me a job', 'help me find a job', 'help me find work', 'help finding a job', 'help finding work', 'help to find a job', 'help me get a job', 'looking for work', 'look for a job'],
      ro: ['imi gasiti de munca', 'imi gasiti de lucru', 'imi gasiti un loc de munca', 'imi gasiti serviciu', 'sa gasesc de lucru', 'sa gasesc de munca', 'sa gasesc un loc de munca', 'sa gasesc serviciu', 'sa gasesc un job', 'cautati un loc de munca'],
      ar: ['تلاقولي شغل', 'تلاقوا لي شغل', 'تلقاو ليا خدمه', 'تلقاولي خدمه', 'تجيبولي شغل', 'تساعدوني الاقي شغل', 'تساعدني الاقي شغل', 'تساعدوني نلقى خدمه', 'تعاونوني نلقى خدمه', 'تدوروا لي على شغل', 'تدورولي على شغل'],
      sq: ['me gjeni pune', 'me gjeni nje pune', 'te gjej pune', 'te gjej nje pune', 'me gjet pune', 'me gjejne pune'],
      es: ['me consiguen trabajo', 'me consiguen laburo', 'me consiguen curro', 'me consiguen chamba', 'me consiguen un trabajo', 'me buscan trabajo', 'me buscan un trabajo', 'me encuentran trabajo', 'me encuentran un trabajo', 'a encontrar trabajo', 'a buscar trabajo', 'a encontrar un trabajo'],
      uk: ['знайдете мені роботу', 'знайдуть мені роботу', 'шукаєте мені роботу', 'знайти роботу', 'знайти нову роботу', 'шукати роботу', 'пошук роботи'],
      fr: ['me trouver un travail', 'me trouver du travail', 'me trouver un emploi', 'me trouver un boulot', 'a trouver un travail', 'a trouver du travail', 'a trouver un emploi', 'a trouver un boulot', 'a trouver du boulot', 'chercher du travail', 'chercher un emploi'],
    },
  },
  {
    // and if it is not for me: the other ways (a worker who does not qualify)
    id: 'if-not-for-me',
    entries: ['elsewhere'],
    phrases: {
      it: ['se non rientro', 'se non ho i requisiti', 'se non posso partecipare', 'se non fa per me', 'se non va bene per me', 'dove altro', 'altrimenti cosa'],
      en: ['if i don t qualify', 'if i dont qualify', 'if i m not eligible', 'if im not eligible', 'if i am not eligible', 'if it s not for me', 'if its not for me', 'if i can t join', 'if i cant join', 'where else', 'what else is there', 'what else can i'],
      ro: ['daca nu ma incadrez', 'daca nu indeplinesc', 'daca nu pot participa', 'daca nu e pentru mine', 'daca nu intru', 'ce altceva', 'unde altundeva', 'ce mai exista'],
      ar: ['اذا ما نفعنيش', 'اذا ما ينفعنيش', 'اذا مش مناسب', 'لو مش مناسب', 'لو ما ينفعش', 'اذا ما ينطبق', 'اذا ما عندي الحق', 'اذا لم اكن مؤهل', 'شنو البدائل', 'ايه البدائل', 'شو البدائل', 'شو في غير', 'ايه تاني', 'شنو كاين اخر'],
      sq: ['nese nuk kualifikohem', 'nese nuk plotesoj', 'nese nuk mund te marr pjese', 'nese nuk eshte per mua', 'nese nuk hyj', 'ku tjeter', 'cfare tjeter', 'cka tjeter'],
      es: ['si no califico', 'si no cumplo', 'si no entro', 'si no puedo participar', 'si no es para mi', 'si no me toca', 'que mas hay', 'que otra cosa', 'donde mas', 'a donde mas'],
      uk: ['якщо мені це не підходить', 'якщо не підходить', 'якщо не підходжу', 'якщо я не підходжу', 'якщо мені не підходить', 'якщо я не можу взяти участь', 'що ще є', 'що ще можна', 'куди ще'],
      fr: ['si je ne suis pas eligible', 'si je n y ai pas droit', 'si je ne rentre pas', 'si ce n est pas pour moi', 'si je ne peux pas participer', 'quoi d autre', 'qu est ce qu il y a d autre', 'ou d autre'],
    },
  },
  {
    // only for some: whether the measure is limited to some sectors or kinds of worker
    id: 'only-for',
    entries: ['sectors', 'who-can-join'],
    phrases: {
      // (not "solo per sapere", "just for info": a group of people must follow)
      it: ['solo per chi', 'vale solo per', 'solo per alcuni', 'solo per certi', 'solo per i', 'solo per gli', 'solo per le', 'riservata a', 'riservato a'],
      en: ['only for', 'only open to', 'reserved for', 'limited to', 'just for some', 'just for certain'],
      ro: ['doar pentru unele', 'doar pentru cei', 'doar pt unele', 'doar pt cei', 'numai pentru cei', 'numai pentru unele', 'doar unele', 'rezervat pentru'],
      ar: ['فقط لل*', 'بس لل*', 'مخصص لل*', 'مخصص ل*'],
      sq: ['vetem per disa', 'vetem per ata', 'vetem per ato', 'vetem disa', 'e rezervuar per'],
      es: ['solo para los', 'solo para las', 'solo para algunos', 'solo para ciertos', 'solamente para', 'reservado para', 'reservada a', 'solo algunos'],
      uk: ['тільки для', 'лише для', 'тільки певних', 'лише певних'],
      fr: ['seulement pour', 'uniquement pour', 'reserve a', 'reservee a', 'certains secteurs', 'que pour certains'],
    },
  },
  {
    // does it count: whether one's condition qualifies (not what one is paid)
    id: 'does-it-count',
    entries: ['who-can-join', 'unemployed', 'income-support', 'still-employed', 'bankruptcy', 'residence', 'worksite-outside', 'self-employed', 'reemployed', 'young', 'sectors'],
    phrases: {
      it: ['conta', 'vale lo stesso', 'va bene lo stesso', 'viene considerato', 'viene considerata', 'e valido', 'e valida'],
      en: ['does it count', 'does that count', 'does this count', 'counts', 'is that ok', 'is that okay', 'still ok', 'still okay'],
      ro: ['conteaza', 'se ia in calcul', 'se socoteste', 'e valabil', 'este valabil'],
      ar: ['يحسب', 'تحسب', 'كيتحسب', 'كتحسب', 'بتتحسب', 'بيتحسب', 'معتبر', 'مقبول'],
      sq: ['llogaritet', 'numerohet', 'pranohet'],
      es: ['eso cuenta', 'cuenta igual', 'cuenta tambien', 'tambien cuenta', 'vale igual', 'sirve igual', 'se considera', 'es valido'],
      uk: ['рахується', 'зараховується', 'враховується', 'підходить', 'це підходить'],
      fr: ['ca compte', 'cela compte', 'c est valable', 'est ce valable', 'c est pris en compte'],
    },
  },
];

/** The term a frame adds to a question and to the entries of its type. */
export function frameTerm(id: string): string {
  return `@frame:${id}`;
}

export function isFrameTerm(term: string): boolean {
  return term.startsWith('@frame:');
}

type TokenTest = (token: string) => boolean;

function tokenTest(pattern: string): TokenTest {
  if (pattern === '#') return (token) => /^\p{N}+$/u.test(token);
  if (pattern.endsWith('*') && pattern.length > 1) {
    const prefix = pattern.slice(0, -1);
    return (token) => token.startsWith(prefix);
  }
  return (token) => token === pattern;
}

/** A phrase of a frame, with where it stands (frame, then phrase, in the order they are written). */
interface CompiledPhrase {
  readonly frame: number;
  readonly order: number;
  readonly tests: readonly TokenTest[];
}

/**
 * A language's phrases by the word they start with: a message's word is looked up instead of every phrase being
 * tried at every word (about 500 phrases a language, eight languages for every message the dialogs read). Phrases
 * starting with a prefix (`lavor*`) or a number (`#`) are tried at every word, as before.
 */
interface CompiledFrames {
  readonly ids: readonly string[];
  readonly byFirstWord: ReadonlyMap<string, readonly CompiledPhrase[]>;
  readonly anyFirstWord: readonly CompiledPhrase[];
}

const compiled = new Map<Locale, CompiledFrames>();

function framesFor(locale: Locale): CompiledFrames {
  let frames = compiled.get(locale);
  if (frames === undefined) {
    const byFirstWord = new Map<string, CompiledPhrase[]>();
    const anyFirstWord: CompiledPhrase[] = [];
    let order = 0;
    QUESTION_FRAMES.forEach((frame, index) => {
      // the Italian phrases too, in every language: workers in Lombardy type Italian words into their own language's
      // sentences ("cand e scadenza?", "ما هي la scadenza")
      for (const phrase of new Set([...frame.phrases[locale], ...frame.phrases.it])) {
        // the phrase is folded like the question ('#' and a trailing '*' kept)
        const patterns = phrase
          .split(/\s+/)
          .flatMap((part) => (part === '#' ? ['#'] : part.endsWith('*') ? foldForComparison(part.slice(0, -1)).split(' ').map((t, i, all) => (i === all.length - 1 ? `${t}*` : t)) : foldForComparison(part).split(' ')))
          .filter((t) => t !== '');
        if (patterns.length === 0) continue;
        const compiledPhrase: CompiledPhrase = { frame: index, order: order++, tests: patterns.map(tokenTest) };
        const first = patterns[0];
        if (first === '#' || (first.endsWith('*') && first.length > 1)) anyFirstWord.push(compiledPhrase);
        else byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), compiledPhrase]);
      }
    });
    frames = { ids: QUESTION_FRAMES.map((frame) => frame.id), byFirstWord, anyFirstWord };
    compiled.set(locale, frames);
  }
  return frames;
}

/**
 * Where a phrase said from `start` ends (exclusive), or undefined. One word may stand between two of its words ("did
 * it actually work", "ce primesc și eu"): workers slip an adverb or a pronoun in; never before its first word.
 */
function matchAt(phrase: readonly TokenTest[], tokens: readonly string[], start: number): number | undefined {
  if (!phrase[0](tokens[start] ?? '')) return undefined;
  let at = start + 1;
  let skipped = false;
  for (let k = 1; k < phrase.length; k += 1) {
    if (at < tokens.length && phrase[k](tokens[at])) at += 1;
    else if (!skipped && at + 1 < tokens.length && phrase[k](tokens[at + 1])) {
      skipped = true;
      at += 2;
    } else return undefined;
  }
  return at;
}

/**
 * The frames a text says (ids in frame order, each once), the words that said them (folded) and the stretches of
 * text that did ("chi paga"), each once; words and stretches in the order of the phrases that said them (frame by
 * frame, each frame's phrases as written), then of where in the text.
 */
export function frameMatches(text: string, locale: Locale): { ids: string[]; words: Set<string>; spans: string[] } {
  const tokens = foldForComparison(text).split(' ').filter((t) => t !== '');
  const frames = framesFor(locale);
  const found: Array<{ phrase: CompiledPhrase; start: number; end: number }> = [];
  const tryAt = (candidates: readonly CompiledPhrase[], start: number): void => {
    for (const phrase of candidates) {
      const end = matchAt(phrase.tests, tokens, start);
      if (end !== undefined) found.push({ phrase, start, end });
    }
  };
  // at each word, the phrases that start with it, then those that start with a prefix or a number
  for (let start = 0; start < tokens.length; start += 1) {
    const byWord = frames.byFirstWord.get(tokens[start]);
    if (byWord !== undefined) tryAt(byWord, start);
    tryAt(frames.anyFirstWord, start);
  }
  // a phrase inside a longer one of another frame is that frame's words: "numero di telefono" in "a chi date il mio
  // numero di telefono?" asks about one's own number (my-data), not for an office's number (reach)
  // (on the same words, the phrase that says more of them: "numarul meu de telefon" over "numarul [meu] de telefon")
  const covers = (g: (typeof found)[number], f: (typeof found)[number]): boolean =>
    g.start <= f.start && g.end >= f.end && (g.end - g.start > f.end - f.start || g.phrase.tests.length > f.phrase.tests.length);
  const kept = found.filter((f) => !found.some((g) => g.phrase.frame !== f.phrase.frame && covers(g, f)));
  kept.sort((a, b) => a.phrase.order - b.phrase.order || a.start - b.start);
  const ids: string[] = [];
  const words = new Set<string>();
  const spans = new Set<string>();
  for (const { phrase, start, end } of kept) {
    const id = frames.ids[phrase.frame];
    if (ids[ids.length - 1] !== id) ids.push(id);
    for (let k = start; k < end; k += 1) words.add(tokens[k]);
    spans.add(tokens.slice(start, end).join(' '));
  }
  return { ids, words, spans: [...spans] };
}

/** The ids of the frames a text says, in frame order (each once). */
export function questionFrames(text: string, locale: Locale): string[] {
  return frameMatches(text, locale).ids;
}

/** The entry ids that answer each frame. */
export function frameEntries(): ReadonlyMap<string, readonly string[]> {
  return new Map(QUESTION_FRAMES.map((frame) => [frame.id, frame.entries]));
}

/**
 * The frames a message says in any of the eight languages (the dialogs read a message before its language is
 * settled): "fino a quando si può fare domanda?" asks for a date, not to check one's eligibility.
 */
export function framesInAnyLanguage(text: string): Set<string> {
  const found = new Set<string>();
  for (const locale of LOCALES) for (const id of questionFrames(text, locale)) found.add(id);
  return found;
}
