import { commandForm } from '../commands';
import { wholeMessageOf } from '../intents';

/** What a worker asks of the campaign's news: to subscribe, to see their subscriptions, to stop them all. */
export type CampaignRequest = 'subscribe' | 'subscriptions' | 'unsubscribe';

/** Whole short messages only, in Italian and English (compared without accents and punctuation). */
const PATTERNS: Array<[CampaignRequest, RegExp]> = [
  // the six newer languages, as their UI strings say it («stop noticias», «أوقف الأخبار» ...)
  ['unsubscribe', wholeMessageOf('stop (noticias|novedades)', 'stop (nouvelles|actualites)', 'stop (noutati|stiri)', 'стоп новини', '(اوقف|ايقاف|وقف) الاخبار', 'ndalo lajmet')],
  // "I don't want the news any more", in the six newer languages
  [
    'unsubscribe',
    wholeMessageOf(
      'no quiero (recibir )?(mas )?(las )?(noticias|novedades)( nunca)?( mas)?|(dame|darme|darse) de baja( de las (noticias|novedades))?',
      'je ne veux plus (recevoir )?(les |de |d )?(nouvelles|actualites|notifications)|(desabonnez moi|me desabonner|desabonnement)',
      'nu mai vreau (sa (primesc|am) )?(noutatile|noutati|stirile|stiri|notificari)|(dezabonare|dezaboneaza ma|dezabonati ma)',
      'не хочу (більше )?(отримувати )?(більше )?(новини|новин|сповіщення)|(відписатися|відпишіть мене|відписка)',
      'لا (اريد|اود|بدي) (ان )?((استقبل|استلم|اتلقي|تصلني) )?(ال)?اخبار( بعد الان| بعد اليوم| مره اخري)?|(الغاء الاشتراك|الغ اشتراكي|الغوا اشتراكي)',
      'nuk dua (me )?(te )?(marr |marre )?(me )?(lajme|lajmet|njoftime)( me)?|(cregjistrohu|cregjistromeni|cabonohem)',
    ),
  ],
  // "don't send me (any more) news" / "stop sending me the news", in each of the eight: a worker asks it so rather
  // than with the command's own words (compared folded: й as и, no apostrophes)
  [
    'unsubscribe',
    wholeMessageOf(
      '(non (mi )?(mandate|mandatemi|inviate|inviatemi|scrivete|scrivetemi)( mi)? piu|(smettete|smettila|smetti|basta) di (mandarmi|inviarmi|mandare|inviare|scrivermi))( le| gli| delle| degli)? (notizie|novita|messaggi|aggiornamenti|avvisi)',
      '((don t|do not) send( me)?( any)?( more)?|(stop|quit) sending( me)?)( the| any)? (news|updates|messages|notifications)( any ?more)?',
      '(nu( mi|-mi| ne|-ne)? mai trimite(ti)?( mi|-mi)?|opriti|opreste|incetati sa( mi)? (mai )?trimiteti) (noutatile|noutati|stirile|stiri|mesajele|mesaje|notificarile|notificari)( mai)?',
      '(لا (ترسلوا|ترسل|ترسلي|تبعثوا|تبعث)( لي)? (ال)?(اخبار|رسائل)|(توقفوا|توقف) عن (ارسال|بعث) (ال)?(اخبار|رسائل)( لي)?)( بعد الان| بعد اليوم| مره اخري)?',
      '(mos (me |na )?(dergoni|dergo|nisni)( me)? (lajme|lajmet|mesazhe|njoftime)( me)?|ndaloni (dergimin e )?(lajmeve|lajmet))',
      '(no (me |nos )?(mandeis|mandes|manden|mande|envieis|envies|envien|envie) (mas )?(las )?(noticias|novedades|mensajes)( nunca)?( mas)?|(deja|dejad|dejen|deje) de (mandarme|enviarme|mandar|enviar) (las )?(noticias|novedades|mensajes))',
      '((більше )?не (надсилаите|надсилаи|присилаите|присилаи|відправляите|відправляи|шліть)( мені)?( більше)? (новини|новин|повідомлення|сповіщення)( більше)?|(припиніть|припини|перестаньте|перестань) (надсилати|присилати|відправляти)( мені)? (новини|повідомлення|сповіщення))',
      '((arretez|arrete|cessez|cesse) de (m envoyer|m ecrire|envoyer) (des |les )?(nouvelles|actualites|notifications|messages)|ne m envoyez plus (de |les |des )?(nouvelles|actualites|notifications|messages))',
    ),
  ],
  ['subscriptions', wholeMessageOf('mis suscripciones', 'mes abonnements', 'abonarile mele', 'мої підписки', 'اشتراكاتي', 'abonimet e mia')],
  [
    'unsubscribe',
    /^(stop|basta) (alle )?(notizie|novita|news|aggiornamenti|avvisi|notifiche)$|^(disiscrivimi|disiscrivetemi|cancellami dalle (notizie|novita)|(annulla|cancella|togli|chiudi) (la |le )?(mia |mie )?(iscrizione|iscrizioni)( alle (notizie|novita))?|non voglio piu (ricevere )?(le )?(notizie|novita|avvisi)|unsubscribe( me)?( from (the )?(news|updates))?|stop (the )?(news|updates|notifications)|no more (news|updates))$/,
  ],
  [
    'subscriptions',
    /^((le )?(mie )?iscrizioni|a cosa sono iscritt[oa]|(mostra|vedi|mostrami) (le )?(mie )?iscrizioni|(my )?subscriptions|(show|see) my subscriptions|what am i subscribed to)$/,
  ],
  [
    'subscribe',
    /^((io )?(voglio|vorrei|posso) (ricevere|avere) (le )?(novita|notizie|aggiornamenti|avvisi)( sulla misura| su azioni di rete| per la mia zona| della mia zona| nella mia zona)?|avvisami|avvisatemi|tienimi aggiornat[oa]|iscrivimi( alle (novita|notizie))?|(voglio |vorrei )?iscrivermi alle (novita|notizie)|ricevi (le )?(novita|notizie)|subscribe( me)?( to (the )?(news|updates))?|notify me|keep me (posted|updated)|i (want|d like|would like) to (receive|get) (the )?(news|updates)|sign me up( for (the )?(news|updates))?)$/,
  ],
];

export function recognizeCampaignRequest(text: string | undefined): CampaignRequest | undefined {
  const normalized = commandForm(text ?? '');
  if (!normalized || normalized.split(' ').length > 12) return undefined;
  for (const [request, pattern] of PATTERNS) if (pattern.test(normalized)) return request;
  return undefined;
}
