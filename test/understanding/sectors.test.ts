/**
 * Sectors from what people type at the sector question, in the eight languages: nouns as well as adjectives
 * ("siderurgia" as well as "siderurgico"), whole answers as typed, accents or none, words matched at their start only.
 */
import { sectorFromText } from '../../models/sectors';

test.each([
  ['siderurgia', 'metalmeccanico'],
  ['siderurgico', 'metalmeccanico'],
  ["un'acciaieria", 'metalmeccanico'],
  ['metallurgia', 'metalmeccanico'],
  ['lavoravo in fonderia', 'metalmeccanico'],
  ['steelworks', 'metalmeccanico'],
  ['tessitura', 'tessile'],
  ['una filatura di cotone', 'tessile'],
  ['cartiera', 'carta-grafica'],
  ['settore alberghiero', 'turismo'],
  ['logistica e magazzino', 'logistica'],
  ['chimica', 'chimico'],
  ['food industry', 'alimentare'],
])('%s -> %s', (text, sector) => {
  expect(sectorFromText(text)).toBe(sector);
});

describe('Italian answers as workers type them', () => {
  test.each([
    ['lavoro in una ditta di trasporti', 'logistica'],
    ['settore automobilistico', 'metalmeccanico'],
    ['facciamo stampaggio di lamiere', 'metalmeccanico'],
    ['una cooperativa che fa pulizie negli uffici', 'servizi'],
    ['sono cameriera in un ristorante', 'turismo'],
    ['GDO', 'commercio'],
    ['azienda di componenti elettronici', 'metalmeccanico'],
    ['ditta edile', 'edilizia'],
    ['fabbrica di mobili in brianza', 'legno-arredo'],
    ['una tipografia', 'carta-grafica'],
    ['faccio il saldatore', 'metalmeccanico'],
    ['Calzaturificio', 'tessile'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('English answers', () => {
  test.each([
    ['a trucking company', 'logistica'],
    ['we make car parts for the automotive industry', 'metalmeccanico'],
    ['hotel', 'turismo'],
    ['I was a chef', 'turismo'],
    ['Construction site work', 'edilizia'],
    ['plastics factory', 'chimico'],
    ['retail', 'commercio'],
    ['IT', 'ict'],
    ['cleaning company', 'servizi'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('Spanish answers', () => {
  test.each([
    ['en la construcción', 'edilizia'],
    ['trabajo en la hostelería', 'turismo'],
    ['una empresa de limpieza', 'servizi'],
    ['fábrica de muebles', 'legno-arredo'],
    ['Metalurgia', 'metalmeccanico'],
    ['soy camarero', 'turismo'],
    ['en un supermercado', 'commercio'],
    ['empresa de transportes', 'logistica'],
    ['industria química', 'chimico'],
    ['confección de ropa', 'tessile'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('French answers', () => {
  test.each([
    ["dans l'hôtellerie", 'turismo'],
    ['le bâtiment', 'edilizia'],
    ['une usine de chaussures', 'tessile'],
    ['je suis serveuse', 'turismo'],
    ['entreprise de nettoyage', 'servizi'],
    ['imprimerie', 'carta-grafica'],
    ['la métallurgie', 'metalmeccanico'],
    ["l'industrie agroalimentaire", 'alimentare'],
    ['chantier', 'edilizia'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('Romanian answers, with or without diacritics', () => {
  test.each([
    ['construcții', 'edilizia'],
    ['lucrez pe un santier', 'edilizia'],
    ['într-un restaurant', 'turismo'],
    ['fabrica de mobila', 'legno-arredo'],
    ['firmă de curățenie', 'servizi'],
    ['sunt șofer de tir la o firmă de transport', 'logistica'],
    ['comerț cu amănuntul', 'commercio'],
    ['industria alimentara', 'alimentare'],
    ['confecții', 'tessile'],
    ['sudor', 'metalmeccanico'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('Albanian answers, with and without ë and ç', () => {
  test.each([
    ['ndërtim', 'edilizia'],
    ['ne ndertim', 'edilizia'],
    ['punoj në një restorant', 'turismo'],
    ['kamarier', 'turismo'],
    ['fabrike tekstili', 'tessile'],
    ['tregti', 'commercio'],
    ['në një dyqan', 'commercio'],
    ['kompani pastrimi', 'servizi'],
    ['transport mallrash', 'logistica'],
    ['çelik', 'metalmeccanico'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('Ukrainian answers', () => {
  test.each([
    ['будівництво', 'edilizia'],
    ['Працюю на будівельному майданчику', 'edilizia'],
    ['в ресторані', 'turismo'],
    ['офіціантка', 'turismo'],
    ['транспортна компанія', 'logistica'],
    ['у магазині', 'commercio'],
    ['швейна фабрика', 'tessile'],
    ['МЕТАЛУРГІЯ', 'metalmeccanico'],
    ['на складі', 'logistica'],
    ['меблева фабрика', 'legno-arredo'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('Arabic answers, with or without the article and the vowel marks', () => {
  test.each([
    ['مطعم', 'turismo'],
    ['أعمل في المطاعم', 'turismo'],
    ['في البناء', 'edilizia'],
    ['شركة نقل', 'logistica'],
    ['مصنع نسيج', 'tessile'],
    ['في المخازن', 'logistica'],
    ['فندق', 'turismo'],
    ['تجارة', 'commercio'],
    ['شركة تنظيف', 'servizi'],
    ['الصِّناعات الغِذائية', 'alimentare'],
    ['مقاولات', 'edilizia'],
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

describe('a word inside another word is not that word', () => {
  test.each([
    ['automobilistico', 'metalmeccanico'], // not "mobil" (furniture)
    ['stampaggio', 'metalmeccanico'], // metal stamping, not "stampa" (printing)
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });

  test.each([
    'unit of production', // not " it "
    'è un posto comodo', // not "moda"
    'siamo in fase di negoziazione', // not "negozi"
    'ho la cartella clinica', // not "carta"
    'sono in mobilità', // not "mobili"
    'it is a small firm', // "it" the pronoun is no IT
    'bancarotta', // not a bank
    'банкрутство', // not a bank
  ])('%s names no sector', (text) => {
    expect(sectorFromText(text)).toBeUndefined();
  });
});

describe('when two sectors are named, the firm’s activity wins over the goods', () => {
  test.each([
    ["fonderia di alluminio per l'automotive", 'metalmeccanico'],
    ['negozio di scarpe', 'commercio'],
    ['clothing store', 'commercio'],
    ['trasporto di prodotti alimentari', 'logistica'],
    ['impresa di pulizie in un albergo', 'servizi'],
    ['stampaggio della plastica', 'chimico'],
    ['cantieri navali', 'metalmeccanico'],
    ['servizi informatici', 'ict'],
    ['servizi di logistica', 'logistica'],
    ['magazziniere in una ditta tessile', 'tessile'], // the job tells the sector only when the firm does not
  ])('%s -> %s', (text, sector) => {
    expect(sectorFromText(text)).toBe(sector);
  });
});

test('a word of no sector gives none', () => {
  expect(sectorFromText('non saprei')).toBeUndefined();
  expect(sectorFromText('не знаю')).toBeUndefined();
  expect(sectorFromText('لا أعرف')).toBeUndefined();
});
