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
