import { loadGazetteer, type Lang, type PlaceReading } from '../../dialogs/understanding';

const gazetteer = loadGazetteer();

/** The eval vocabulary: a Lombardy province code, OUT (surely outside), ASK (ambiguous) or NONE. */
function verdict(reading: PlaceReading): string {
  if (reading.kind === 'none') return 'NONE';
  if (reading.kind === 'ambiguous') return 'ASK';
  return reading.place.inLombardy ? reading.place.provinceCode : 'OUT';
}

function comuneOf(reading: PlaceReading): string | undefined {
  return reading.kind === 'found' ? reading.place.comune : undefined;
}

describe('recognizePlace: answers to "where is your work site?"', () => {
  test.each<[string, string, string | undefined]>([
    // comuni, with and without lead-ins
    ['Milano', 'MI', 'Milano'],
    ['lavoro a Rho', 'MI', 'Rho'],
    ['la sede è a Brescia', 'BS', 'Brescia'],
    ['lo stabilimento è a Lonato del Garda', 'BS', 'Lonato del Garda'],
    ['Vimercate', 'MB', 'Vimercate'],
    ['Cantu', 'CO', 'Cantù'],
    ['Salo', 'BS', 'Salò'],
    ['Codogno', 'LO', 'Codogno'],
    ['Vigevano', 'PV', 'Vigevano'],
    ['Morbegno', 'SO', 'Morbegno'],
    ['Suzzara', 'MN', 'Suzzara'],
    ['Dalmine', 'BG', 'Dalmine'],
    ['Romano di Lombardia', 'BG', 'Romano di Lombardia'],
    ["Palazzolo sull'Oglio", 'BS', "Palazzolo sull'Oglio"],
    ['  Bérgamo ', 'BG', 'Bergamo'],
    ['MILANO', 'MI', 'Milano'],
    ['Milano!!!', 'MI', 'Milano'],
    ['Milano zona Bicocca', 'MI', 'Milano'],
    ['a Milano in via Roma 10', 'MI', 'Milano'],
    ['ho lavorato 20 anni a Lecco', 'LC', 'Lecco'],
    ['La fabbrica dove lavoravo era a Treviglio', 'BG', 'Treviglio'],
    // everyday words that are comuni, when they are the answer or follow "a"
    ['Erba', 'CO', 'Erba'],
    ['Opera', 'MI', 'Opera'],
    ['Chiari', 'BS', 'Chiari'],
    ['lavoro a Pero', 'MI', 'Pero'],
    ['però lavoro a Pero', 'MI', 'Pero'],
    ['vado a Nave', 'BS', 'Nave'],
    ['Lodi', 'LO', 'Lodi'],
    // abbreviations, fused and split words
    ['Sesto S. Giovanni', 'MI', 'Sesto San Giovanni'],
    ['Sesto S.Giovanni', 'MI', 'Sesto San Giovanni'],
    ['S. Giuliano Milanese', 'MI', 'San Giuliano Milanese'],
    ['Sangiuliano Milanese', 'MI', 'San Giuliano Milanese'],
    ['Sto Stefano Ticino', 'MI', 'Santo Stefano Ticino'],
    ['S.Angelo Lodigiano', 'LO', "Sant'Angelo Lodigiano"],
    ['Cologno M.', 'MI', 'Cologno Monzese'],
    ['Castelgoffredo', 'MN', 'Castel Goffredo'],
    ['Borgo Carbonara', 'MN', 'Borgocarbonara'],
    // typos
    ['Sesto San Giovani', 'MI', 'Sesto San Giovanni'],
    ['Bergammo', 'BG', 'Bergamo'],
    ['Breschia', 'BS', 'Brescia'],
    ['Trevilgio', 'BG', 'Treviglio'],
    ['Gallarte', 'VA', 'Gallarate'],
    ['Cinisello Balsam', 'MI', 'Cinisello Balsamo'],
    ['Paderno Dugano', 'MI', 'Paderno Dugnano'],
    // first words of one comune only
    ['Cinisello', 'MI', 'Cinisello Balsamo'],
    ['Lonato', 'BS', 'Lonato del Garda'],
    // provinces and sigle
    ['provincia di Varese', 'VA', undefined],
    ['in provincia di Bergamo', 'BG', undefined],
    ['prov. di Brescia', 'BS', undefined],
    ['Varese provincia', 'VA', undefined],
    ['provincia di Monza e Brianza', 'MB', undefined],
    ['Monza e Brianza', 'MB', undefined],
    ['provincia di Monza', 'MB', undefined],
    ['BS', 'BS', undefined],
    ['MI', 'MI', undefined],
    ['mi', 'MI', undefined],
    ['(BG)', 'BG', undefined],
    ['CO', 'CO', undefined],
    ['pv', 'PV', undefined],
    ['Treviglio BG', 'BG', 'Treviglio'],
    ['Rho (MI)', 'MI', 'Rho'],
    ['Castiglione (MN)', 'MN', 'Castiglione delle Stiviere'],
    ['Castiglione, provincia di Varese', 'VA', 'Castiglione Olona'],
    // areas and adjectives
    ['nel bresciano', 'BS', undefined],
    ['Bergamasco', 'BG', undefined],
    ['in Valtellina', 'SO', undefined],
    ['Franciacorta', 'BS', undefined],
    ['Zingonia', 'BG', undefined],
    ['zona Malpensa', 'VA', undefined],
    // former comuni (merged since 2011)
    ['Brembilla', 'BG', 'Val Brembilla'],
    ['Zelo Surrigone', 'MI', 'Vermezzo con Zelo'],
    ['Tremezzo', 'CO', 'Tremezzina'],
    ['Virgilio', 'MN', 'Borgo Virgilio'],
    ['Canevino', 'PV', 'Colli Verdi'],
    // two places: the work site wins over home
    ['sono di Napoli ma lavoro a Milano', 'MI', 'Milano'],
    ['lavoro a Milano ma abito a Novara', 'MI', 'Milano'],
    ['abito a Piacenza, lavoro a Lodi', 'LO', 'Lodi'],
    // outside Lombardy, only when sure
    ['Alessandria', 'OUT', 'Alessandria'],
    ['Parma', 'OUT', 'Parma'],
    ['Trento', 'OUT', 'Trento'],
    ['Torino', 'OUT', 'Torino'],
    ['Piacenza', 'OUT', 'Piacenza'],
    ['Novara', 'OUT', 'Novara'],
    ['Peschiera del Garda', 'OUT', 'Peschiera del Garda'],
    ['Reggio Emilia', 'OUT', "Reggio nell'Emilia"],
    ['Bolzano', 'OUT', 'Bolzano'],
    ["L'Aquila", 'OUT', "L'Aquila"],
    ['Lugano', 'OUT', undefined],
    ['Svizzera', 'OUT', undefined],
    ['Paterno', 'OUT', 'Paternò'],
    ['Bergamasco (AL)', 'OUT', 'Bergamasco'],
  ])('%s -> %s (%s)', (text, expected, comune) => {
    const reading = gazetteer.recognizePlace(text, 'it');
    expect(verdict(reading)).toBe(expected);
    if (reading.kind === 'found') expect(comuneOf(reading)).toBe(comune);
  });

  test.each<[string, string[]]>([
    ['Castelnuovo', ['Castelnuovo Bocca d\'Adda', 'Castelnuovo Bozzente']],
    ['Sesto', ['Sesto San Giovanni', 'Sesto Calende']],
    ['lavoro a sesto', ['Sesto San Giovanni']],
    ['Cassano', ["Cassano d'Adda", 'Cassano Magnago']],
    ['Castiglione', ['Castiglione delle Stiviere', 'Castiglione Olona']],
    ['Paderno', ['Paderno Dugnano', "Paderno d'Adda"]],
    ['Busto', ['Busto Arsizio', 'Busto Garolfo']],
    ['Cologno', ['Cologno Monzese', 'Cologno al Serio']],
    ['Cernusco', ['Cernusco sul Naviglio', 'Cernusco Lombardone']],
    ['Peschiera', ['Peschiera Borromeo', 'Peschiera del Garda']],
    ['San Donato', ['San Donato Milanese']],
    ['S. Donato', ['San Donato Milanese']],
    ['San Giorgio', ['San Giorgio su Legnano']],
    ['Castro', ['Castro']],
    ['Milano e Bergamo', ['Milano', 'Bergamo']],
    ['Brianza', []],
  ])('%s is ambiguous: ask, offering %j', (text, offered) => {
    const reading = gazetteer.recognizePlace(text, 'it');
    expect(reading.kind).toBe('ambiguous');
    if (reading.kind !== 'ambiguous') return;
    expect(reading.candidates.length).toBeGreaterThan(1);
    expect(reading.candidates.length).toBeLessThanOrEqual(5);
    const names = reading.candidates.map((c) => c.comune);
    for (const name of offered) expect(names).toContain(name);
    // Lombard readings come first
    const lombardy = reading.candidates.map((c) => c.inLombardy);
    expect(lombardy).toEqual([...lombardy].sort((a, b) => Number(b) - Number(a)));
  });

  test.each([
    'va bene',
    'in una fabbrica',
    'sì',
    'no',
    'NO',
    'non lo so',
    'boh',
    'ciao',
    'menu',
    'help',
    'Villa',
    'San',
    'bene',
    'lavoro altrove ora',
    'sono a casa',
    'Sono Marco',
    'Marco',
    'via Roma',
    'corso Como',
    'Lombardia',
    '',
  ])('%s is no place', (text) => {
    expect(gazetteer.recognizePlace(text, 'it').kind).toBe('none');
  });
});

describe('recognizePlace (en)', () => {
  test.each<[string, string]>([
    ['I work in Milan', 'MI'],
    ['Milan', 'MI'],
    ['near Bergamo', 'BG'],
    ['in the Brescia area', 'BS'],
    ['our plant is in Varese', 'VA'],
    ['close to Monza', 'MB'],
    ['Mantua', 'MN'],
    ['Turin', 'OUT'],
    ['Venice', 'OUT'],
    ['Genoa', 'OUT'],
    ['Florence', 'OUT'],
    ['Rome', 'OUT'],
    ['Naples', 'OUT'],
    ['the province of Como', 'CO'],
    ['Switzerland', 'OUT'],
  ])('%s -> %s', (text, expected) => {
    expect(verdict(gazetteer.recognizePlace(text, 'en' as Lang))).toBe(expected);
  });
});

describe("recognizePlace in passing ({ context: 'sentence' })", () => {
  const inSentence = (text: string): PlaceReading => gazetteer.recognizePlace(text, 'it', { context: 'sentence' });

  test.each<[string, string]>([
    ['lavoravo a Treviglio in una fabbrica in cassa integrazione', 'BG'],
    ['mi chiamo Bruno e lavoro a Lecco', 'LC'],
    ['lavoravo a Erba', 'CO'],
    ['sono stato licenziato dalla fabbrica di Seriate', 'BG'],
    ['lavoro in una fabbrica di mobili in Brianza', 'ASK'],
  ])('%s -> %s', (text, expected) => {
    expect(verdict(inSentence(text))).toBe(expected);
  });

  test.each([
    "Ciao! Sono Marco, ho 45 anni e faccio l'operaio",
    'sono in cassa a zero ore',
    'Sono Martina',
    'Bruno',
    'MI',
    'sono in cassa integrazione',
    "l'azienda sta licenziando e io sono tra gli esuberi",
    'ho perso il lavoro e sono a casa da marzo',
    'ho trovato un nuovo lavoro',
    'sono in mobilità',
    'il mio capo mi ha detto che chiudiamo a fine mese',
    'lavoro su turni, anche di notte',
    'sono tornato al paese',
    'ho fatto domanda di disoccupazione all INPS',
    'va bene, procediamo',
    'non ci pagano da tre mesi',
    'la Regione ha convocato un tavolo',
    'posso fare un corso di formazione?',
    'I lost my job and I am unemployed',
    'the company is closing',
    // an everyday word after "in"/"a" one letter from a comune is that word (Busca, Itala, Torno, Caorso, Posta, Carvico)
    'a fine mese mi entra qualcosa in busta paga?',
    'lavoro in Italia da dieci anni, posso partecipare?',
    'lavoravo a turno in catena di montaggio',
    'ho un corso in corso, vale lo stesso?',
    'sono a posto con i documenti?',
    'sono a carico di mio marito',
  ])('%s mentions no place', (text) => {
    expect(inSentence(text).kind).toBe('none');
  });
});

describe('recognizePlace: the work site is the production/operational unit, not the home nor the registered office', () => {
  // [text, verdict, what was left out when nothing is left]
  test.each<[string, string, 'home' | 'registeredOffice' | undefined]>([
    // cross-border workers: the unit abroad is what counts, the Lombard home is not
    ['lavoro a Lugano, abito a Como', 'OUT', undefined],
    ['vivo a Varese e lavoro a Mendrisio', 'OUT', undefined],
    ['sono frontaliere, lavoro a Chiasso e vivo a Como', 'OUT', undefined],
    ['abito a Como ma lavoro in Svizzera', 'OUT', undefined],
    ['lavoro in Canton Ticino, risiedo a Varese', 'OUT', undefined],
    ['lavoravo a Stabio', 'OUT', undefined],
    ['Balerna', 'OUT', undefined],
    ['lavoro in Germania', 'OUT', undefined],
    ['a Parigi', 'OUT', undefined],
    // a home named alone is no work site: the bot asks for it
    ['abito a Como', 'NONE', 'home'],
    ['vivo a Bergamo', 'NONE', 'home'],
    ['sono residente a Lodi', 'NONE', 'home'],
    // the registered office is no work site either
    ['la sede legale è a Milano', 'NONE', 'registeredOffice'],
    ["la sede legale dell'azienda è a Milano", 'NONE', 'registeredOffice'],
    ['sede sociale a Brescia', 'NONE', 'registeredOffice'],
    // ... but the unit said beside it is
    ['la sede legale è a Milano ma lavoro a Lodi', 'LO', undefined],
    ['sede operativa a Lodi, sede legale a Milano', 'LO', undefined],
    ['la sede legale è a Milano, lo stabilimento a Brescia', 'BS', undefined],
    ['lavoro e abito a Como', 'CO', undefined],
    ['abito a Lodi ma lavoro a Milano', 'MI', undefined],
    ['la sede è a Milano', 'MI', undefined],
    // the unit where the person works beats a "sede" that may be the head office
    ['la sede è a Milano, io lavoro nel magazzino di Piacenza', 'OUT', undefined],
    ['la sede è a Piacenza ma lo stabilimento è a Cremona', 'CR', undefined],
    // a comune named like an everyday phrase counts only when marked as a place
    ["cos'è la cassa integrazione?", 'NONE', undefined],
    ['lavoro a La Cassa', 'OUT', undefined],
  ])('%s -> %s', (text, expected, excluded) => {
    const reading = gazetteer.recognizePlace(text, 'it');
    expect(verdict(reading)).toBe(expected);
    if (reading.kind === 'none') expect(reading.excluded).toBe(excluded);
  });

  test.each<[string, string, 'home' | 'registeredOffice' | undefined]>([
    ['I live in Como and work in Lugano', 'OUT', undefined],
    ['I work in Switzerland', 'OUT', undefined],
    ['I live in Bergamo', 'NONE', 'home'],
    ["the company's registered office is in Milan", 'NONE', 'registeredOffice'],
  ])('(en) %s -> %s', (text, expected, excluded) => {
    const reading = gazetteer.recognizePlace(text, 'en');
    expect(verdict(reading)).toBe(expected);
    if (reading.kind === 'none') expect(reading.excluded).toBe(excluded);
  });
});

describe('Italian comuni in Latin script inside a sentence of any of the eight languages', () => {
  test.each<[string, Lang, string]>([
    ['lucrez la Bergamo', 'ro', 'BG'],
    ['lucrez într-o fabrică din Bergamo care se închide', 'ro', 'BG'],
    ['أعمل في Brescia', 'ar', 'BS'],
    ['أعمل فيBrescia', 'ar', 'BS'],
    ['працюю в Monza', 'uk', 'MB'],
    ['trabajo en Sesto San Giovanni', 'es', 'MI'],
    ['je travaille à Lecco', 'fr', 'LC'],
    ['punoj në Cremona', 'sq', 'CR'],
  ])('%s [%s] -> %s', (text, lang, expected) => {
    expect(verdict(gazetteer.recognizePlace(text, lang, { context: 'sentence' }))).toBe(expected);
    expect(verdict(gazetteer.recognizePlace(text, lang, { context: 'answer' }))).toBe(expected);
  });
});

describe('Italian words one letter from a comune are words, not misspelt places (derived from the Italian word list)', () => {
  const gazetteer = loadGazetteer();
  test.each([
    'posso iscrivermi in palestra?', 'lavoro in breccia da anni', 'siamo in mondo difficile', 'ho vinto una medaglia in messaggio', 'lavoro in panino',
    'sono in operai da 10 anni',
  ])('«%s» names no place', (text) => {
    expect(gazetteer.recognizePlace(text, 'it', { context: 'sentence' }).kind).toBe('none');
  });

  test.each<[string, string]>([
    ['lavoro a Palestro', 'Palestro'], ['lavoro a Brescia', 'Brescia'], ['lavoro a Trevigio', 'Treviglio'], ['lavoro a Crmona', 'Cremona'], ['lavoro a Cinisello Balsmo', 'Cinisello Balsamo'],
  ])('«%s» is still %s (exact names, and typos that are no word)', (text, comune) => {
    const reading = gazetteer.recognizePlace(text, 'it');
    expect(reading.kind).toBe('found');
    if (reading.kind === 'found') expect(reading.place.comune).toBe(comune);
  });
});

describe('a month or a day said in a story is no misspelt comune, in the Latin-script languages', () => {
  const gazetteer = loadGazetteer();
  test.each<[string, Lang]>([
    ['m-au dat afara in martie si acum nu lucrez', 'ro'],
    ['m-au concediat în iulie', 'ro'],
    ['me despidieron en marzo', 'es'],
    ['on m’a licencié en mars', 'fr'],
    ['me pushuan ne mars', 'sq'],
    ['I was laid off in march', 'en'],
    ['mi hanno licenziato a ottobre', 'it'],
  ])('«%s» (%s) names no place', (text, lang) => {
    expect(gazetteer.recognizePlace(text, lang, { context: 'sentence' }).kind).toBe('none');
  });

  test('a comune said beside the month is still read', () => {
    const reading = gazetteer.recognizePlace('m-au dat afara in martie de la fabrica din Bergamo', 'ro', { context: 'sentence' });
    expect(reading.kind).toBe('found');
    if (reading.kind === 'found') expect(reading.place.comune).toBe('Bergamo');
  });
});
