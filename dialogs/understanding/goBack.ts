import { foldLatinAccents } from '../../models/text/fold';
import { commandForm } from '../commands';

/**
 * "Indietro", "go back", "înapoi", "volver atrás", "revenir en arrière", "kthehu mbrapa", "назад", "رجوع", "la domanda
 * precedente": the whole message asks for the question before the one on screen. Read on the command form
 * (dialogs/commands.ts: polite words dropped, accents folded, Arabic letter forms unified). "Torna al menu" is the
 * menu command, not this.
 */
const WANT = '(?:(?:io |i |eu |yo |je |une |я |انا )?(?:voglio|vorrei|posso|want to|d like to|would like to|can i|let me|vreau sa|as vrea sa|pot sa|quiero|quisiera|puedo|veux|voudrais|peux|je veux|dua te|do te doja te|mund te|хочу|можна|اريد ان|اريد|بدي|ممكن) )?';
const PHRASES = [
  // Italian
  '(?:torna|torniamo|tornare|vai|andiamo|andare|va|fai un passo) indietro', 'indietro', '(?:torna|torniamo|tornare|vai) alla domanda (?:precedente|di prima)', '(?:la )?domanda (?:precedente|di prima)', 'passo precedente',
  // English
  '(?:go |step )?back', 'go back to the (?:previous|last|earlier) question', '(?:the )?previous question', 'previous step', 'undo',
  // Romanian
  '(?:ma )?(?:intorc|intoarce|mergi|merg|du te|sa ma intorc) inapoi', 'inapoi', '(?:inapoi|intoarce te|ma intorc) la intrebarea (?:anterioara|precedenta|de dinainte)', '(?:la )?intrebarea (?:anterioara|precedenta)', 'pasul anterior',
  // Spanish
  '(?:volver|vuelve|volvamos|ir|regresar|regresa) (?:atras|hacia atras)', 'atras', '(?:volver|vuelve|volvamos|regresar) a la pregunta anterior', '(?:la )?pregunta anterior', 'paso anterior',
  // French
  '(?:revenir|reviens|revenons|retourner|retourne|aller|retour) en arriere', 'retour', 'en arriere', '(?:revenir|reviens|revenons|retour) a la question precedente', '(?:la )?question precedente', 'etape precedente',
  // Albanian
  '(?:kthehu|kthehem|kthehemi|shko) (?:mbrapa|prapa)', 'mbrapa', 'prapa', '(?:kthehu|kthehem|kthehemi) (?:te|tek|ne) pyetja e (?:meparshme|kaluar)', '(?:te )?pyetja e (?:meparshme|kaluar)', 'hapi i meparshem',
  // Ukrainian
  '(?:повернутися|повернутись|повернись|повернімося|повертаємося|йти|іти|крок) назад', 'назад', '(?:повернутися|повернись|назад) до попереднього питання', '(?:до )?попереднього питання', 'попереднє питання', 'попередній крок',
  // Arabic
  'رجوع', 'ارجع', 'الرجوع', 'للخلف', 'ارجع للخلف', 'رجوع للخلف', '(?:ارجع|الرجوع|رجوع|نرجع) (?:الي السؤال|للسؤال) السابق', 'السؤال السابق', 'الخطوه السابقه',
];
const GO_BACK = new RegExp(`^${WANT}(?:${foldLatinAccents(PHRASES.join('|'))})$`, 'u');

export function asksToGoBack(text: string): boolean {
  return GO_BACK.test(commandForm(text));
}
