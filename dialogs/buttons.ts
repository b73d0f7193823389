import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';

/**
 * A message with quick-reply buttons. Suggested actions suit Web Chat and the Emulator; Teams shows them only in
 * some chats, so there the same buttons come as a hero card. Every button posts back its own label (imBack), so
 * a button and the same words typed by hand take the same path.
 */
export function messageWithButtons(text: string, labels: string[], channelId: string | undefined): Partial<Activity> {
  if (labels.length === 0) return MessageFactory.text(text);
  if (channelId === 'msteams') {
    const card = CardFactory.heroCard('', text, undefined, labels.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label })));
    return MessageFactory.attachment(card);
  }
  return MessageFactory.suggestedActions(labels, text);
}
