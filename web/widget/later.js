// Everything a conversation needs beyond the launcher, imported in one piece when one
// starts (or is about to): the engine wrapper, the chat view and the conversation. One
// module rather than three, so the shipped bundle has one lazy chunk to fetch.
export { loadCore } from './core.js';
export { ChatView } from './chat.js';
export { Conversation } from './conversation.js';
