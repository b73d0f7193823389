/** Tests talk to the real server through the same client as the evaluation scripts. */
export { Chat, buttonsOf, startLocalBot as startTestBot, textOf, type ChatOptions } from '../../scripts/chatClient';
