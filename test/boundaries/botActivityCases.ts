/**
 * What POST /api/messages checks before the adapter sees an activity (bot/http/messagesRoute.ts activityProblem):
 * inputs, and in fixtures/botActivity-before.json the hand-written checks' answers, captured before the zod schema
 * replaced them (undefined: accepted).
 */
const base = { type: 'message', conversation: { id: 'c1' }, serviceUrl: 'http://localhost:3978', text: 'Ciao' };

export const BOT_ACTIVITY_CASES: Array<[string, unknown]> = [
  ['valid', base],
  ['valid without text', { ...base, text: undefined }],
  ['valid, any type', { ...base, type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'u' }] }],
  ['no body', undefined],
  ['null', null],
  ['a string', 'x'],
  ['an array', [base]],
  ['type missing', { ...base, type: undefined }],
  ['type empty', { ...base, type: '' }],
  ['type a number', { ...base, type: 1 }],
  ['conversation missing', { ...base, conversation: undefined }],
  ['conversation null', { ...base, conversation: null }],
  ['conversation a string', { ...base, conversation: 'c1' }],
  ['conversation an array', { ...base, conversation: ['c1'] }],
  ['conversation without id', { ...base, conversation: {} }],
  ['conversation id a number', { ...base, conversation: { id: 1 } }],
  ['conversation id empty', { ...base, conversation: { id: '' } }],
  ['serviceUrl missing', { ...base, serviceUrl: undefined }],
  ['serviceUrl empty', { ...base, serviceUrl: '' }],
  ['serviceUrl a number', { ...base, serviceUrl: 1 }],
  ['text a number', { ...base, text: 1 }],
  ['text null', { ...base, text: null }],
  ['text empty', { ...base, text: '' }],
  ['bad type and conversation', { ...base, type: '', conversation: null }],
  ['bad conversation and serviceUrl', { ...base, conversation: {}, serviceUrl: '' }],
  ['bad serviceUrl and text', { ...base, serviceUrl: 2, text: 3 }],
  ['everything wrong', { type: 1, conversation: 2, serviceUrl: 3, text: 4 }],
];
