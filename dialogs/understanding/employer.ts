/**
 * Is the message written for a firm rather than by a worker about their own job ("sono dell'ufficio HR di
 * un'azienda in crisi, come partecipiamo?", "we are an employer, how do we get involved?")? Then the answer is the
 * one for firms (how a project is formed), never the worker's pre-check, however many crisis words it holds.
 */
import { normalize } from './normalize';

const EMPLOYER_SPEAKER = new RegExp(
  [
    // who is writing
    '\\b(sono|siamo|lavoro|lavoriamo|scrivo) (del |dell |dall |nell |per l |per la |nella |della )?(ufficio )?(hr|risorse umane|ufficio (del )?personale|personale|direzione( del personale)?|amministrazione)\\b',
    '\\b(responsabile|direttore|direttrice|ufficio|gestione) (del |delle )?(personale|hr|risorse umane)\\b',
    '\\b(sono|siamo) (un |una |l )?(azienda|impresa|ditta|datore di lavoro|titolare|imprenditore|imprenditrice|amministratore|amministratrice)\\b',
    '\\b(i nostri|dei nostri|ai nostri|per i nostri) (dipendenti|lavoratori|collaboratori|operai)\\b',
    '\\b(la mia|la nostra|nostra) (azienda|impresa|ditta) (puo|potrebbe|come|deve)\\b',
    '\\bcome (puo|possono|potrebbe) (aderire|partecipare|entrare) (la mia |la nostra |un |una )?(azienda|impresa|ditta)\\b',
    '\\b(come|noi come) (azienda|impresa|datore di lavoro)\\b',
    "\\b(i m|i am|we re|we are) (in |from |with )?(hr|human resources|the hr department|an employer|a company|a firm|the employer|the owner|a business)\\b",
    '\\b(our|my) (employees|staff|workers|workforce)\\b',
    '\\b(as an employer|as a company)\\b',
    '\\bhow (can|do|does|could) (a |my |our )?(company|firm|employer|business) (join|take part|participate|get involved|apply)\\b',
  ].join('|'),
);

/**
 * The same in the six newer languages (folded like the text: no accents, Arabic letter forms unified), as whole words
 * in any script: "soy empresario y mi empresa está en crisis, ¿cómo presento un proyecto?", "je suis patron d'une PME",
 * "я роботодавець", "انا صاحب الشركه". Not "mi empresa está en crisis" nor "sunt angajat la o firmă": a worker's job.
 */
const EMPLOYER_SPEAKER_NEWER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    // ro
    '(?:sunt|suntem) (?:un |o )?(?:angajator(?:ul)?|patron(?:ul|a)?|administrator(?:ul)?|proprietar(?:ul)?|antreprenor|firma|compania|o firma|o companie)',
    '(?:angajatii|muncitorii|salariatii|oamenii) (?:nostri|mei)',
    '(?:de la|din|lucrez la|lucrez in) (?:resurse umane|hr|departamentul de personal)',
    'ca (?:firma|angajator|companie|patron)',
    // es
    '(?:soy|somos) (?:el |la |un |una )?(?:empresari[oa]s?|emplead(?:or|ora|ores)|jef[ea]|duen[oa]|patron(?:a)?|administrador(?:a)?|gerente|una empresa|la empresa)',
    '(?:nuestros|mis) (?:empleados|trabajadores|obreros|operarios)',
    '(?:de|en) (?:recursos humanos|rrhh)',
    'como (?:empresa|empleador|empresario)',
    // fr
    '(?:je suis|nous sommes|on est) (?:le |la |un |une )?(?:employeur|patron(?:ne)?|chef d entreprise|gerant(?:e)?|dirigeant(?:e)?|une entreprise|l entreprise|drh|aux ressources humaines|au service du personnel)',
    '(?:nos|mes) (?:salaries|employes|ouvriers)',
    'en tant qu (?:employeur|entreprise)',
    // sq
    '(?:jam|jemi) (?:nje |një )?(?:punedhenes(?:i)?|pronar(?:i|e)?|biznes|kompani|kompania|firma|administrator(?:i)?|drejtor(?:i)?)',
    '(?:punonjesit|punetoret) (?:tane|e mi)',
    'si (?:kompani|punedhenes|biznes|firme)',
    // uk
    '(?:я|ми) (?:роботодавець|роботодавці|власник|власниця|директор|директорка|керівник|керівниця|підприємство|компанія|фірма|з відділу кадрів|з hr)',
    '(?:наші|мої) (?:працівники|робітники|співробітники)',
    'як (?:роботодавець|компанія|фірма|підприємство)',
    // ar
    '(?:انا|احنا|نحن|حنا) (?:صاحب|صاحبه|مدير|مديره|مالك) (?:ال)?(?:شركه|مصنع|معمل)',
    '(?:انا|احنا|نحن|حنا) (?:شركه|مصنع)',
    '(?:عمالنا|موظفينا|عمالي|موظفيني|العمال ديالنا|العمال بتوعنا)',
    'كشركه|كصاحب عمل|الموارد البشريه',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'u',
);

export function speaksForEmployer(text: string): boolean {
  const folded = normalize(text);
  return EMPLOYER_SPEAKER.test(folded) || EMPLOYER_SPEAKER_NEWER.test(folded);
}
