import type { Activity } from 'botbuilder';
import { messageWithButtons } from './buttons';
import { commandForm } from './commands';
import { wholeMessageOf } from './intents';
import type { Translate } from '../models/i18n';

/**
 * "E adesso?", "cosa devo fare?", "what now?", "ce urmează?", "¿y ahora qué hago?", "et maintenant ?", "dhe tani?",
 * "що далі?", "وبعدين؟": the worker asks what the next step is. Said as a whole short message; the answer depends on
 * where the conversation is (nextStepReply), so it is never a FAQ entry of its own: a question with content ("cosa devo
 * fare per partecipare?", "cosa succede se trovo lavoro?") is longer than these and goes to the FAQ as before.
 */
const NEXT_STEP = wholeMessageOf(
  // it
  '(e |ma |ok |allora |quindi )?(adesso|ora|poi|dopo|quindi|e poi|e dopo)( (cosa|che|che cosa))?( (devo|dovrei|deve|dobbiamo|posso|possiamo) fare| (faccio|facciamo|succede|accade|si fa))?',
  '(e |ma |ok |allora |quindi )?(cosa|che cosa|che) (devo|dovrei|deve|dovrebbe|dobbiamo|posso|si deve|bisogna) fare( adesso| ora| dopo| poi| quindi| per andare avanti| per continuare)?',
  '(e |ma |allora |quindi )?(cosa|che cosa|che) (faccio|facciamo|succede|accade|si fa|mi succede|devo aspettarmi)( adesso| ora| dopo| poi| quindi)?',
  '((qual e|quali sono) )?(il |i )?prossim(o|i) pass(o|i)',
  'come (procedo|proseguo|si procede|vado avanti|andiamo avanti|continuo)( adesso| ora)?',
  // en
  '(and |so |ok |okay )?(what|whats|what s) (now|next)',
  '(and |so )?(now|then) what',
  'and (now|then)',
  '(so )?what (happens|comes) (now|next)',
  '(so )?what (should|do|must|can) (i|we) do( now| next| then)?',
  '(so )?what do (i|we) (have|need) to do( now| next)?',
  '(what (is|are) )?(the |my )?next steps?',
  'how do i (proceed|go on|continue)',
  // ro
  '(si |deci )?acum( ce (fac|facem|urmeaza|se intampla))?',
  'si (apoi|dupa|dupa aceea|pe urma)',
  '(si |deci )?ce (fac|facem|urmeaza|se intampla)( acum| mai departe| dupa| in continuare)?',
  '(si |deci )?ce (trebuie|ar trebui) sa (fac|facem)( acum| mai departe| in continuare)?',
  '((care e|care este|care sunt) )?(pasul urmator|pasii urmatori)',
  'cum (continui|procedez|merg mai departe)',
  // es
  '(y )?ahora( que( hago| hacemos| pasa| sigue)?)?',
  'y (despues|luego|entonces)( que)?',
  '(y )?que (hago|hacemos|pasa|sigue|toca)( ahora| despues| luego| entonces)?',
  '(y )?que (tengo|debo|tenemos|debemos|hay|deberia|puedo) (que )?hacer( ahora| despues| luego)?',
  '((cual es|cuales son) )?(el |los )?(siguiente paso|siguientes pasos|proximo paso|proximos pasos)',
  'como (sigo|continuo|procedo)',
  // fr
  '(et )?maintenant( quoi| je fais quoi| on fait quoi)?',
  'et (apres|ensuite|puis)',
  '(et )?(que|qu est ce que) (je dois|dois je|je fais|on fait|il faut|je peux) faire( maintenant| ensuite| apres)?',
  '(et )?(je fais|on fait) quoi( maintenant| ensuite| apres)?',
  '(et )?(qu est ce qui se passe|que se passe t il)( maintenant| ensuite| apres)?',
  '((quelle est|quelles sont) )?(la |les )?(prochaine etape|prochaines etapes|etape suivante|etapes suivantes)',
  'comment (je continue|continuer|proceder|je procede)',
  // sq
  '(dhe |po )?tani( cfare( bej| duhet te bej| ndodh)?)?',
  'dhe (pastaj|me pas)',
  '(dhe )?cfare (duhet te bej|te bej|bej|ndodh|vjen)( tani| me pas| pastaj| me tej)?',
  '((cili eshte|cilet jane) )?(hapi tjeter|hapi i radhes|hapi i ardhshem|hapat e ardhshem|hapat e tjere)',
  'si te vazhdoj',
  // uk
  '(і |а |ну )?(що )?(тепер|далі|зараз)( що)?',
  '(і |а )?що (мені |нам )?(робити|робимо|зробити|треба робити)( тепер| далі| зараз)?',
  '(і |а )?що (відбувається|буде|станеться) (тепер|далі|зараз)',
  '((який|яким буде) )?(наступний крок|наступні кроки)',
  'як (діяти|продовжити|мені діяти) далі',
  // ar (the prefix "و" written on the word or apart)
  '(و ?)?(الآن|هلا|هلق)( (ماذا|شو)( افعل| اعمل| يحدث)?)?',
  '(و ?)?(ماذا|شو|ايش|وش) (الآن|بعد|بعدين|بعد ذلك)',
  '(و ?)?بعدين',
  '(و ?)?(ماذا|شو|ايش|وش) (يجب|لازم|علي|بدي|المفروض) (أن )?(أفعل|اعمل|نعمل|نفعل)( الآن| هلا| هلق| بعد ذلك)?',
  '(و ?)?(ماذا|شو) (أفعل|اعمل|نعمل|يحدث|بصير|سيحدث)( الآن| هلا| هلق| بعد ذلك| بعدين)?',
  '((ما هي|شو) )?(الخطوة التالية|الخطوات التالية|الخطوة الجاية)',
);

/**
 * `atStep`: the message came while a question waits for its answer, where a bare "adesso" or "dopo" may be that answer
 * (when did you leave? "adesso"): there it asks only as a question (a question mark) or in more than one word.
 */
export function asksForNextStep(text: string | undefined, options: { atStep?: boolean } = {}): boolean {
  if (!text) return false;
  // "que dois-je faire", "que se passe-t-il": the hyphens are word breaks
  const form = commandForm(text).replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
  const words = form.split(' ').length;
  if (form === '' || words > 9 || !NEXT_STEP.test(form)) return false;
  return !options.atStep || words > 1 || /[?؟]/.test(text);
}

/** Where the conversation is, as far as the next step goes. */
export type NextStepSituation =
  /** the last answer invited the pre-check, a call-back or a person */
  | { kind: 'offered'; offer: 'eligibility' | 'contact' | 'person' }
  /** a referral was sent from this conversation */
  | { kind: 'referred'; reference: string }
  /** a pre-check was completed and nothing sent */
  | { kind: 'checked'; eligible: boolean }
  | { kind: 'start' };

export interface NextStepReply {
  activity: Partial<Activity>;
  /** what a bare "sì" right after it starts */
  offered?: 'eligibility' | 'contact' | 'person';
}

/**
 * The next step said plainly, with its button; no fact but what the conversation already holds (the reference the
 * worker was given) and the texts every language has. `lead` goes first ("Ti ho risposto qui sopra.").
 */
export function nextStepReply(t: Translate, situation: NextStepSituation, channelId: string | undefined, lead?: string): NextStepReply {
  const menu = t('eligibility.buttons.menu');
  const say = (lines: string[], buttons: string[], offered?: NextStepReply['offered']): NextStepReply => ({
    activity: messageWithButtons([...(lead ? [lead] : []), ...lines].join('\n\n'), buttons, channelId),
    ...(offered ? { offered } : {}),
  });
  switch (situation.kind) {
    case 'offered':
      if (situation.offer === 'eligibility') return say([t('nextStep.precheck')], [t('menu.eligibility'), menu], 'eligibility');
      if (situation.offer === 'contact') return say([t('nextStep.referral'), t('eligibility.outcome.programme')], [t('menu.contact'), menu], 'contact');
      return say([t('nextStep.person')], [t('menu.person'), menu], 'person');
    case 'referred':
      return say([t('nextStep.referred', { reference: situation.reference }), t('referral.dataHint')], [menu]);
    case 'checked':
      return situation.eligible
        ? say([t('nextStep.checkedNothingSent'), t('nextStep.referral'), t('eligibility.outcome.programme')], [t('menu.contact'), menu], 'contact')
        : say([t('nextStep.notEligible')], [t('menu.eligibility'), t('menu.person'), t('menu.subscribe'), menu]);
    case 'start':
      return say([t('nextStep.start')], [t('menu.eligibility'), t('menu.measure'), menu], 'eligibility');
  }
}
