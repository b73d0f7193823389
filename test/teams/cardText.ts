/**
 * Reads a card the way an Adaptive Cards host does, as far as markdown goes: a TextBlock's text and a FactSet's
 * titles and values go through the host's markdown processor (adaptivecards' TextBlock.render calls
 * AdaptiveCard.applyMarkdown, and FactSet renders each fact as TextBlocks); a RichTextBlock's TextRun is put on
 * screen as it is (TextRun.internalRender sets innerText). Tests use it to say where a worker's string ends up.
 */
export interface CardText {
  text: string;
  markdown: boolean;
}

export function cardTexts(node: unknown): CardText[] {
  const found: CardText[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const element = value as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') found.push({ text: element.text, markdown: true });
    if (element.type === 'TextRun' && typeof element.text === 'string') found.push({ text: element.text, markdown: false });
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts as Array<Record<string, unknown>>) {
        found.push({ text: String(fact.title), markdown: true }, { text: String(fact.value), markdown: true });
      }
    }
    // a RichTextBlock's inlines may also be bare strings (shorthand for a TextRun)
    if (element.type === 'RichTextBlock' && Array.isArray(element.inlines)) {
      for (const inline of element.inlines) if (typeof inline === 'string') found.push({ text: inline, markdown: false });
    }
    for (const [key, child] of Object.entries(element)) if (key !== 'facts') walk(child);
  };
  walk(node);
  return found;
}

/** Worker-typed strings nobody should be able to turn into markup: a link, HTML, a spreadsheet formula, markdown. */
export const HOSTILE_STRINGS = [
  '[Clicca qui](https://evil.example/phish)',
  '<b>Grassetto</b> <a href="https://evil.example">link</a> <img src=x onerror=alert(1)>',
  '=HYPERLINK("https://evil.example","Apri")',
  '**Urgente** _corsivo_ ~~barrato~~',
  '# Titolo\n\n- voce uno\n1. voce due',
  '&lt;script&gt; &amp; &#60;b&#62;',
  'Officine \\*Rossi\\* \\[srl\\]',
];
