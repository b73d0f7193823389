import { commandForm, normalizeCommandText } from './commands';
import { isParticipationRequest } from './eligibility/participation';
import { foldLatinAccents } from '../models/text/fold';

export type Request = 'eligibility' | 'contact' | 'myData' | 'eraseData';

/**
 * Messages that ask the assistant to do something rather than to explain something. Only short, whole-message
 * requests count: a longer question ("sono disoccupato, rientro?") is answered from the FAQ first, with the
 * pre-check offered next to the answer.
 */
const REQUEST_PATTERNS: Array<[Request, RegExp]> = [
  ['eligibility', /^(io )?(posso|potrei|riesco a) (partecipare|aderire|accedere|rientrare|entrare)( anch io| anche io| alla misura| al progetto| ad azioni di rete)?$/],
  ['eligibility', /^(sono|sarei) (idoneo|idonea|ammesso|ammessa|ammissibile)$/],
  ['eligibility', /^(voglio|vorrei|fammi|fare|posso fare|puoi fare) (la |una )?(verifica|verificare|controllare)( se posso partecipare| i requisiti| requisiti| se ho i requisiti)?$/],
  ['eligibility', /^(ho i requisiti|verifica requisiti|verifica idoneita|requisiti)$/],
  // "ho diritto?", "ci rientro anch'io?": one's own entitlement, as a whole message
  ['eligibility', /^(io )?(ne )?(ho|avrei|abbiamo|avremmo) (il )?diritto( anch io| anche io| pure| anch io a partecipare)?$|^(io )?(ci )?rientro( anch io| anche io| pure)?$/],
  // "vorrei capire se fa per me", "voglio sapere se posso partecipare", "I'd like to know if I qualify": a wish to
  // know one's own case, in a short message, is the pre-check asked for
  ['eligibility', /^(io )?((vorrei|voglio|volevo|mi piacerebbe|devo|desidero|(mi )?(aiuti|aiutate|aiutami|aiutatemi|puoi aiutarmi|potete aiutarmi|mi puoi aiutare|mi potete aiutare)) (a )?)?(capire|sapere|verificare|scoprire|controllare) se (io )?((posso|potrei) (partecipare|aderire|accedere|entrare|farlo|farla)( (nel|al|in|alla|a) (programma|progetto|misura|percorso|questa misura|questo programma))?|(ci )?rientro|ho (i requisiti|diritto)|sono idone[oa]|(questa cosa |la misura |questo |questa misura |il progetto )?(fa|e|vale) (per me|al caso mio))( anch io| anche io)?$/],
  ['eligibility', /^((questa cosa|la misura|questo|questa misura) )?(fa|e|vale) (per me|al caso mio)$/],
  ['eligibility', /^((i d|i would|i) (like|want) to )?(know|check|find out|see) (if|whether) (i (can (take part|join|apply|participate)|qualify|am eligible|m eligible)|(this|it) is for me)$/],
  ['eligibility', /^(can i|could i) (take part|join|apply|participate|enrol|enroll)( too)?$/],
  // a wish or interest to take part, said as a whole message: "vorrei partecipare", "mi interessa iscrivermi", "I'd
  // like to join" (as "vreau să particip", "quiero participar" in the newer languages, participation.ts)
  ['eligibility', /^(io )?(mi interessa(no|rebbe)?|sono interessat[oa] a|vorrei|voglio|desidero|mi piacerebbe)( molto)? (partecipare|iscrivermi|aderire|candidarmi|entrare nel (programma|progetto|percorso))( anch io| anche io| alla misura| al progetto| al programma| al percorso| ad azioni di rete)?$/],
  ['eligibility', /^(i m|i am|i d be|i would be)( very| really)? interested in (joining|taking part|participating|signing up|enrolling|applying)( too)?$/],
  ['eligibility', /^(i d like|i would like|i want|i wish)( to)? (join|take part|participate|sign up|enrol|enroll)( too| in the (programme|program|project))?$/],
  ['eligibility', /^(am i eligible|check (my )?eligibility|eligibility check|do i qualify|check if i can (take part|join))$/],
  ['contact', /^(voglio|vorrei|posso) (essere )?(ricontattato|ricontattata|contattato|contattata|richiamato|richiamata)$/],
  ['contact', /^(voglio|vorrei|posso) (parlare|essere messo in contatto|essere messa in contatto) con (qualcuno|un operatore|una persona|un progetto)$/],
  ['contact', /^(ricontattatemi|chiamatemi|contattatemi|richiamatemi)$/],
  ['contact', /^(i want to|i d like to|i would like to|can i) (be contacted|be called back|talk to someone|speak to someone|talk to a person)$/],
  ['contact', /^(contact me|call me( back)?)$/],
  // the same asked in other words: "vorrei essere contattato da qualcuno", "mi potete ricontattare?", "qualcuno mi
  // può chiamare?", "could someone call me back?"
  ['contact', /^(io )?(voglio|vorrei|volevo|desidero|preferisco|mi piacerebbe|chiedo di|posso|potrei) (essere |venire )?(ricontattat[oa]|contattat[oa]|richiamat[oa]|chiamat[oa]|sentit[oa])( da (qualcuno|un operatore|un operatrice|una persona|voi|un progetto|un consulente))?( al piu presto| presto| quanto prima| appena possibile)?$/],
  ['contact', /^((qualcuno|un operatore|una persona|voi) )?(mi )?(potete|puoi|potreste|potrebbe|potrebbero|puo|possono|volete|vuoi) (ricontattar|contattar|richiamar|chiamar|sentir)(e|mi)( voi| qualcuno| voi)?( al piu presto| presto| quanto prima| appena possibile)?$/],
  ['contact', /^(fatemi|fammi|mi fate|mi fai) (ricontattare|contattare|richiamare|chiamare)( da (qualcuno|un operatore|una persona))?$/],
  ['contact', /^((can|could|would|will) (you|someone|somebody|a person|an operator) |(i d|i would|i) (like|want|prefer) (you |someone |somebody )?(to )?|please )(have someone )?(contact|call|ring|phone|get back to|get in touch with) me( back)?( soon| asap| please)?$/],
  ['contact', /^(i want to|i d like to|i would like to|i wish to) be (contacted|called|called back|rung back)( by (someone|somebody|a person|an operator|you))?$/],
  [
    'eraseData',
    /^((io )?(voglio|vorrei|potete|puoi|potreste|devi|dovete) )?(cancella|cancellare|cancellate|elimina|eliminare|eliminate|rimuovi|rimuovere|rimuovete|togli|togliete|distruggi|distruggete) (tutti )?(i )?(miei )?dati( personali)?( che (avete|hai|conservi|conservate))?( su di me)?$|^(cancellami|dimenticami|diritto all oblio|voglio essere dimenticat[oa])$|^((i )?(want|would like|d like) (you )?to |(can|could) you |please )?(delete|erase|remove|wipe) (all )?(of )?my (personal )?(data|details|information|info)$|^forget (about )?me$/,
  ],
  [
    'myData',
    /^((i )?miei dati|(vedere |vedi |mostra |mostrami |fammi vedere |voglio vedere |vorrei vedere )?(tutti )?(i )?miei dati( personali)?|che dati (avete|hai|conservi|conservate)( su di me)?|quali dati (avete|hai|conservi|conservate)( su di me)?|cosa sapete di me|cosa sai di me|my data|my personal data|(show|see|view) (me )?my (personal )?data|what data do you (have|keep|hold)( about me| on me)?|what do you know about me)$/,
  ],
];

/** A whole message, folded as commandForm folds it (so "Șterge", "ї" and "أ" compare), in any script. */
export function wholeMessageOf(...alternatives: string[]): RegExp {
  return new RegExp(`^(?:${foldLatinAccents(alternatives.join('|')).toLowerCase()})$`, 'u');
}

/**
 * The same requests in the six newer languages, as their UI strings tell workers to type them («mis datos», «borrar
 * mis datos», «احذف بياناتي» ...) and a few common variants.
 */
const OTHER_LANGUAGE_REQUESTS: Array<[Request, RegExp]> = [
  [
    // "quiero que me llamen", "j'aimerais qu'on me rappelle", "vreau să fiu sunat", "dua të më kontaktoni",
    // "хочу, щоб мені передзвонили", "أريد أن يتصل بي أحد": the call-back asked for, as the menu's button is
    'contact',
    wholeMessageOf(
      // Spanish
      '(yo )?(quiero|quisiera|me gustaria|deseo|necesito|prefiero) (que )?(alguien |un operador |ustedes )?(me )?(llamen|llame|llamara|llamaran|llamase|llamasen|contacten|contacte|contactara|contactaran|devuelvan la llamada|pongan en contacto conmigo|ponga en contacto conmigo)( alguien| un operador| ustedes| un asesor)?( pronto| cuanto antes)?',
      '(yo )?(quiero|quisiera|me gustaria|deseo|puedo) ser (contactad[oa]|llamad[oa]|recontactad[oa])( por (alguien|un operador|ustedes))?',
      '(me )?(pueden|podrian|puede|podria|podrias|puedes) (llamarme|contactarme|volver a llamarme|ponerse en contacto conmigo|llamar|contactar)( alguien| un operador| ustedes)?( por favor)?',
      '(que )?(alguien|un operador) me (llame|contacte|llamara|contactara)', 'llamenme|contactenme|llamame|contactame|llameme|contacteme',
      // French
      '(je veux|je voudrais|j aimerais|je souhaite|je souhaiterais|je peux|est ce que je peux|puis je) (etre )?(recontacte|recontactee|contacte|contactee|rappele|rappelee|appele|appelee)( par (quelqu un|un operateur|vous))?',
      '(je veux|je voudrais|j aimerais|je souhaite|je souhaiterais) (qu on|que quelqu un|que vous|qu un operateur) (me )?(rappelle|rappeliez|recontacte|recontactiez|contacte|contactiez|appelle|appeliez)',
      '(est ce que )?(pouvez vous|pourriez vous|vous pouvez|vous pourriez|on peut|on pourrait|quelqu un peut|quelqu un pourrait|tu peux|peux tu|pourrait on) (me )?(rappeler|recontacter|contacter|appeler)( svp| s il vous plait)?',
      'rappelez moi|recontactez moi|contactez moi|appelez moi',
      // Romanian
      '(eu )?(vreau|as vrea|doresc|as dori|pot|imi doresc) (sa )?(fiu )?(contactat|contactata|sunat|sunata|recontactat|recontactata|apelat|apelata)( de (cineva|un operator|voi|dumneavoastra))?',
      '(eu )?(vreau|as vrea|doresc|as dori|imi doresc) (ca )?(sa )?(ma )?(sune|suneti|contacteze|contactati|recontactati|recontacteze)( cineva| un operator| voi)?',
      '(ma )?(puteti|poti|poate|ar putea|ati putea|poate cineva|ar putea cineva) (sa )?(ma )?(suna|sune|sunati|contacta|contacteze|contactati|recontacta|recontacteze|recontactati)( cineva| un operator)?',
      'sunati ma|contactati ma|suna ma|contacteaza ma|recontactati ma',
      // Albanian
      '(une )?(dua|do te doja|deshiroj|mund) (qe )?(te )?(me )?(kontaktoni|kontaktojne|kontaktoje|telefononi|telefonojne|telefonoje|merrni ne telefon|marrin ne telefon|merr ne telefon)( dikush| nje operator)?',
      '(une )?(dua|do te doja|deshiroj) te (jem|behem) (i|e) (kontaktuar|telefonuar)',
      '(a )?(mund|mundeni|mundet) (te )?(me )?(kontaktoni|telefononi|merrni ne telefon|kontaktoje|telefonoje)( dikush)?',
      'me telefononi|me kontaktoni|me merrni ne telefon',
      // Ukrainian (and the Russian many also write)
      '(я )?(хочу|хотів би|хотіла б|хотів|хотіла|бажаю|прошу) (щоб |аби )?(мені |зі мною )?(зателефонували|подзвонили|передзвонили|зв язалися( зі мною)?|звязалися( зі мною)?)',
      '(чи )?(можете|можна|могли б ви|можете ви) (мені )?(зателефонувати|подзвонити|передзвонити|зв язатися зі мною|звязатися зі мною)( мені)?',
      '(зателефонуйте|подзвоніть|передзвоніть|наберіть) (мені|мене)', 'зв яжіться зі мною|звяжіться зі мною',
      '(я )?(хочу|хотел бы|хотела бы) (чтобы )?(мне )?(позвонили|перезвонили|связались со мной)', '(позвоните|перезвоните) мне|свяжитесь со мной',
      // Arabic (Modern Standard, Egyptian, Levantine, Maghrebi)
      '(انا )?(أريد|اريد|أود|اود|بدي|ابغى|ابغي|نبغي|عايز|عاوز|عايزه|حابب|حابه|بغيت|ممكن) (ان |أن |انو |إن )?(حد |احد |أحد |شخص |موظف |شي حد |شي واحد )?(يتصل|يتصلوا|يتصلو|تتصلوا|تتصل|يكلمني|تكلموني|يكلموني|يرن|يعيطلي|تعيطو)( بي| علي| عليا| بيا| لي)?( احد| أحد| حد| شخص| موظف)?',
      '(اتصلوا|اتصلو|اتصل|كلموني|كلمني|رنوا|رنو) (بي|علي|عليا|بيا)', 'كلموني|كلمني',
    ),
  ],
  [
    'eraseData',
    wholeMessageOf(
      '((quiero|quisiera) (que )?)?(borrar|borra|borre|borren|eliminar|elimina|elimine|eliminen|suprimir|supriman) (todos )?mis datos( personales)?',
      '((je veux|je voudrais) (que vous )?)?(effacer|effacez|efface|effaciez|supprimer|supprimez|supprime|supprimiez) (toutes )?mes donnees( personnelles)?',
      '((vreau|as vrea|va rog) sa )?((imi|mi) )?(sterge|stergeti|sterg|stergi|elimina|eliminati) (toate )?datele( mele)?( personale)?',
      '((я )?(хочу|хотів би|хотіла б) )?(видалити|видаліть|видали|стерти|зітріть) (всі )?мої (персональні )?дані',
      '((اريد|اود|بدي) )?(ان )?(احذف|احذفوا|امسح|امسحوا|حذف|مسح|تحذفوا|تمسحوا) (كل )?بياناتي( الشخصيه)?',
      '((dua|do te doja) (qe )?te )?(fshij|fshini|fshi) (te gjitha )?te dhenat e mia( personale)?',
    ),
  ],
  [
    'myData',
    wholeMessageOf(
      '((ver|mostrar|muestrame|ensename) )?mis datos( personales)?',
      '(que|cuales) datos (tienen|tienes|tiene|guardan|guardas) (de|sobre) mi',
      '((voir|montrer|montrez moi) )?mes donnees( personnelles)?',
      'quelles donnees (avez vous|as tu|vous avez|conservez vous|gardez vous) (sur|de) moi',
      '((vad|vreau sa vad|arata mi) )?datele mele( personale)?',
      'ce date (aveti|ai|pastrati|detineti) (despre|de la) mine',
      '((показати|покажіть) )?мої (персональні )?дані',
      'які (дані|мої дані) (ви маєте|маєте|у вас є|ви зберігаєте|зберігаєте) (про мене)',
      '((اعرض|عرض) )?بياناتي( الشخصيه)?',
      '(ما|ما هي|ماهي|ما هي كل) (البيانات|المعلومات) (التي )?(لديكم|عندكم|تملكونها|تحتفظون بها) (عني)',
      '((shiko|me tregoni) )?te dhenat e mia( personale)?',
      'cfare (te dhenash|te dhena) (keni|ke|mbani) per mua',
    ),
  ],
];

export function recognizeRequest(text: string): Request | undefined {
  // "pot participa?", "¿me puedo apuntar yo también?", "هل يمكنني المشاركة؟": the pre-check asked for
  return requestByPattern(text) ?? (isParticipationRequest(text) ? 'eligibility' : undefined);
}

/**
 * "I miei dati" or "cancella i miei dati", exactly when recognizeRequest would say so: the requests a worker may make
 * from inside a dialog. The participation reading (recognizeRequest's last and costliest) can only give the
 * pre-check, so it is not tried.
 */
export function recognizeDataRequest(text: string): 'myData' | 'eraseData' | undefined {
  const request = requestByPattern(text);
  return request === 'myData' || request === 'eraseData' ? request : undefined;
}

/** The first request whose whole-message pattern the text matches, in recognizeRequest's order. */
function requestByPattern(text: string): Request | undefined {
  const normalized = commandForm(text);
  for (const [request, pattern] of REQUEST_PATTERNS) if (pattern.test(normalized)) return request;
  // "avez-vous", "arată-mi": the newer languages' hyphens are word breaks
  const unhyphenated = normalized.replace(/-/g, ' ');
  for (const [request, pattern] of OTHER_LANGUAGE_REQUESTS) if (pattern.test(unhyphenated)) return request;
  return undefined;
}

export type NoticeRequest = 'news' | 'events';

/** "novità", "ci sono novità?", "news", "what's new": the latest published news. Whole short messages only. */
const NEWS_PATTERN =
  /^((ci sono |quali sono |dimmi |mostrami |fammi vedere )?(le )?(ultime )?(novita|notizie|news|aggiornamenti)( sulla misura| su azioni di rete)?( recenti)?|(what s|whats|what is) new|(any |the )?(latest )?(news|updates)( please)?)$/;

/**
 * Info sessions: "ci sono incontri a Bergamo?", "incontri informativi", "eventi a Brescia", "info sessions in
 * Milan?", "are there any events near Como". A short message about sessions/meetings/events; the place, if any, is
 * read by the gazetteer.
 */
const EVENTS_WORDS = /\b(incontri|incontro|eventi|evento|sessioni informative|sessione informativa|serate informative|info ?sessions?|information sessions?|info days?|events?|meetings?|sessions?)\b/;
const EVENTS_CUE = /^(ci sono |c e |ce |quando ci sono |quando c e |dove ci sono |prossimi |prossime |quali |elenco |lista |are there (any )?|is there (an |any )?|any |upcoming |next |when are (the )?|where are (the )?|list (of )?(the )?)?(gli |i |delle |degli |le |the |un |una )?(prossimi |prossime |upcoming |next )?(incontri|incontro|eventi|evento|sessioni|sessione|serate|info ?sessions?|information sessions?|info days?|events?|meetings?|sessions?)\b/;

export function recognizeNoticeRequest(text: string): NoticeRequest | undefined {
  const normalized = normalizeCommandText(text).replace(/\?/g, '').trim();
  if (normalized === '' || normalized.split(' ').length > 12) return undefined;
  if (NEWS_PATTERN.test(normalized)) return 'news';
  if (EVENTS_WORDS.test(normalized) && EVENTS_CUE.test(normalized)) return 'events';
  return undefined;
}
