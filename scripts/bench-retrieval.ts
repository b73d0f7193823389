import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FaqEntry,
  Locale,
  LOCALES,
  MeasureContent,
  MeasureContentCatalogue,
  readMeasureContent,
} from '../models/content';
import { createFaqAnswerer } from '../models/faq';
import { projectRoot } from '../models/paths';

/**
 * FAQ retrieval speed at catalogue scale: 1,000 entries per locale (the real ones plus generated variants with
 * words of their own, so the vocabulary grows as a real catalogue's would), many questions (real phrasings, dev
 * questions, paraphrases with typos, out-of-scope ones), each asked several times after a warm-up.
 * Target: p99 < 1 ms per question.
 */

export interface RetrievalBenchResult {
  entries: number;
  questions: number;
  p50Ms: number;
  p99Ms: number;
}

const ENTRIES = 1000;
const ROUNDS = 5;

/** A small deterministic generator, so every run times the same work. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ta', 'ro', 'mi', 'ne', 'lu', 'ca', 'ver', 'so', 'di', 'pa', 'gre', 'fo', 'len', 'ti', 'bar', 'quo'];

function pseudoWord(next: () => number): string {
  const count = 3 + Math.floor(next() * 2);
  let word = '';
  for (let i = 0; i < count; i += 1) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return word;
}

/** The real entries, then variants of them: same shape, a few words swapped for words of their own. */
function scaledFaq(real: readonly FaqEntry[], next: () => number): FaqEntry[] {
  const out: FaqEntry[] = [...real];
  for (let i = 0; out.length < ENTRIES; i += 1) {
    const base = real[i % real.length];
    const own = [pseudoWord(next), pseudoWord(next), pseudoWord(next)];
    const swap = (text: string): string =>
      text
        .split(' ')
        .map((word) => (word.length > 4 && next() < 0.3 ? own[Math.floor(next() * own.length)] : word))
        .join(' ');
    out.push({
      ...base,
      id: `${base.id}-v${i}`,
      questions: base.questions.map((q) => `${swap(q)} ${own[0]}`),
      answer: `${swap(base.answer)} ${own[1]}`,
      tags: [...base.tags, own[2]],
    });
  }
  return out;
}

interface Question {
  q: string;
  locale: Locale;
}

function questionsFor(contents: readonly MeasureContent[], next: () => number): Question[] {
  const out: Question[] = [];
  for (const content of contents) {
    for (const entry of content.faq) {
      if (next() < 0.15) out.push({ q: entry.questions[Math.floor(next() * entry.questions.length)], locale: content.locale });
    }
  }
  const devFile = path.join(projectRoot, '..', 'shared', 'eval', 'faq.dev.jsonl');
  if (fs.existsSync(devFile)) {
    for (const line of fs.readFileSync(devFile, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed = JSON.parse(line) as { q: string; locale?: string };
      out.push({ q: parsed.q, locale: parsed.locale?.startsWith('en') === true ? 'en' : 'it' });
    }
  }
  const extra: Question[] = [
    { locale: 'it', q: 'sono in cassa integrazzione da sei mesi, posso partecipare?' },
    { locale: 'it', q: 'mi hanno licenziatto, cosa posso fare?' },
    { locale: 'it', q: 'abito a Novara ma lavoro a Magenta, va bene lo stesso?' },
    { locale: 'it', q: 'vorrei aprire una mia attività, quanto vale il sostegno?' },
    { locale: 'it', q: 'che tempo fa a Milano?' },
    { locale: 'it', q: 'orari dei treni per Bergamo' },
    { locale: 'it', q: 'asdfgh' },
    { locale: 'it', q: 'ricetta della carbonara' },
    { locale: 'en', q: 'I was made redundant last year, can I join?' },
    { locale: 'en', q: "what's the weather" },
    { locale: 'en', q: 'where can I buy a new phone?' },
  ];
  out.push(...extra);
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function benchRetrieval(): Promise<RetrievalBenchResult> {
  const next = random(20261130);
  const { contents, synonyms } = readMeasureContent();
  const scaled: MeasureContent[] = contents.map((content) => ({ ...content, faq: scaledFaq(content.faq, next) }));
  const catalogue = new MeasureContentCatalogue(scaled, synonyms);
  const answerer = createFaqAnswerer(catalogue);
  const questions = questionsFor(scaled, next);

  for (const { q, locale } of questions) answerer.ask(q, locale); // warm-up: JIT and stemmer caches
  const timings: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const { q, locale } of questions) {
      const start = process.hrtime.bigint();
      answerer.ask(q, locale);
      timings.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  timings.sort((a, b) => a - b);
  const entries = Math.min(...LOCALES.map((locale) => catalogue.faq(locale).length));
  return { entries, questions: timings.length, p50Ms: percentile(timings, 50), p99Ms: percentile(timings, 99) };
}

if (require.main === module) {
  benchRetrieval()
    .then((r) => {
      process.stdout.write(
        `FAQ retrieval: ${r.entries} entries per locale, ${r.questions} questions: ` +
          `p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms (target p99 < 1 ms)\n`,
      );
    })
    .catch((err: Error) => {
      process.stderr.write(`bench-retrieval failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
