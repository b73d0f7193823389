import { Locale } from '../content';

/**
 * Words that carry no topic, accent-folded and lowercase. Question words (chi, come, quando ... / who, how, when
 * ...) are NOT here: they help tell "chi può partecipare?" from "come si partecipa?". They are `QUESTION_WORDS`,
 * searched but not counted as evidence that a question is about the measure.
 */
const IT = `a ad al allo alla ai agli alle all il lo la i gli le l un uno una un' d di del dello della dei degli delle
dell da dal dallo dalla dai dagli dalle dall in nel nello nella nei negli nelle nell con col coi su sul sullo sulla
sui sugli sulle sull per tra fra e ed o od oppure ma pero anche pure se che ci ce c ne n non piu gia mi ti si vi me
te noi voi lui lei loro io tu egli ella essa esso essi esse mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro
nostra nostri nostre vostro vostra vostri vostre questo questa questi queste quello quella quelli quelle quel quei
quegli cio sono sei siamo siete ero eri era eravamo erano sara saro saranno sarei sarebbe stato stata stati state
essere ho hai ha abbiamo avete hanno avere avuto avevo aveva avrei avrebbe posso puoi puo possiamo potete possono
potere potrei potrebbe potrebbero devo devi deve dobbiamo dovete devono dovere dovrei dovrebbe voglio vuoi vuole
vogliamo volete vogliono vorrei volevo volere faccio fai fa facciamo fate fanno fare fatto sto stai sta stiamo stanno
stare qual quale quali cui ogni qualche qualcosa qualcuno tutto tutta tutti tutte molto molta molti molte poco tanto
cosi allora quindi dunque poi ecco ciao salve grazie prego buongiorno buonasera favore cortesia scusa scusi scusate
ok okay va bene sapere saper dire dirmi dimmi dici dica dite informazioni informazione info spiegami spiegarmi spieghi spiegare
chiedo chiedere chiedevo volevo gentilmente lei tipo cioe comunque siccome davvero proprio ecc etc eh mah beh boh
sì si no esserci averci dopo durante mentre prima
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre anno anni mese
mesi settimana settimane giorno giorni ieri scorso scorsa scorsi fa vado vai andare andato andata vengo vieni venire
frattempo intanto infatti inoltre purtroppo finalmente ormai appena marito moglie figlio figlia figli mamma papa
padre madre fratello sorella amico amica amici compagno compagna`;

const EN = `a an the and or but if of to in on at by for with about from into over under than then so too very
is are was were be been being am do does did doing done have has had having i me my myself we us our ours you your
yours he him his she her it its they them their this that these those there here can could will would shall should
may might must just any some all s t d ll m re ve not no nor don doesn didn isn aren wasn please hi hello thanks
thank tell know let like want wanted need get got also really actually okay ok yes anything something one
january february march april may june july august september october november december year years month week weeks
day days ago yesterday go going went come last per more most each every only even meanwhile unfortunately
finally recently husband wife son daughter mother father brother sister friend mum mom dad`;

const QUESTION_IT = 'chi come dove quando quanto quanta quanti quante cosa cos perche';
const QUESTION_EN = 'what who how where when which why whom whose many much';

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w !== ''));
}

export const STOPWORDS: Readonly<Record<Locale, ReadonlySet<string>>> = { it: words(IT), en: words(EN) };
export const QUESTION_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words(QUESTION_IT),
  en: words(QUESTION_EN),
};

/** Articles and possessives that may appear inside a synonym phrase or not ("perso (il mio) lavoro"). */
export const FILLERS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words('il lo la i gli le l un uno una mio mia miei mie tuo tua suo sua nostro nostra del dello della dei degli delle dell'),
  en: words('the a an my your our their his her its'),
};

/**
 * Common verbs, adjectives and adverbs that say little about the topic ("vengono", "messo", "nuovo", "put",
 * "write"). Unlike stopwords they are searched, but they count little as evidence either way: a question is not out
 * of scope because it says "vengono dati", nor in scope because it says "nuovo". Matched by stem, so every
 * inflection of a listed form counts.
 */
const GENERIC_IT = `venire viene vengono venuto venuta venuti dare da danno dato data dati dai dia dire detto
detta dice dicono mettere mette mettono messo messa messi prendere prende prendono preso presa presi vedere vede
vedono visto vista trovare trovo trova trovano trovato sentire sento sente pensare penso pensa parlare parla servire
serve servono servito servita servirebbe prevedere prevede prevedono previsto prevista previsti previste riuscire
riesco riesce succedere succede succedono successo capire capisco capito chiamarsi chiama funzionare funziona
funzionano ricevere ricevo riceve ricevuto ottenere ottengo ottiene ottenuto usare uso usa usato usufruire lasciare
lascia lasciato tenere tiene tenuto restare resta rimanere rimane rimasto cambiare cambia cambiato continuare
continua significare iniziare inizia finire finisce finito scrivere scrivo scritto leggere leggo letto conoscere
conosco nuovo nuova nuovi nuove vecchio vecchia grande grandi piccolo piccola piccoli bello bella buono buona
cattivo vero vera certo certa certi giusto giusta stesso stessa stessi possibile possibili necessario necessaria
importante importanti generale generali personale personali professionale professionali particolare particolari
normale normali diverso diversa diversi vario varie bene male meglio peggio sempre mai spesso subito veramente
davvero praticamente solamente soltanto magari forse almeno circa modo cosa cose volta volte parte caso casi
tipo genere sorta esempio fatto questione situazione riferimento riferimenti ricevero riceverei avro avrei
saro sarei potro potrei`;

const GENERIC_EN = `put puts putting get gets getting give gives given giving make makes made making take takes took
taken say says said see sees saw seen use uses used using write writes wrote written read find finds found keep keeps
kept seem seems feel feels try tries tried mean means meant become becomes became bring brings brought leave leaves
left happen happens happened change changes changed continue continues receive receives received obtain obtains
new old good bad big small great little same other different possible necessary important general personal
reference references
professional particular normal various certain real sure right exactly always never often really quite basically
just maybe perhaps thing things way ways kind sort lot lots case cases example matter situation`;

export const GENERIC_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words(GENERIC_IT),
  en: words(GENERIC_EN),
};
