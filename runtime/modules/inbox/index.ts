// require 'inbox': the receiving end of the calling VM's channel (Emilua's
// rx-channel). Its methods sit beside the channel's in the actor system
// (runtime/actor/inbox-api.ts, next to channel-api.ts); the inbox state is an
// Actor (runtime/actor/actor.ts).

export { openInboxModule } from '../../actor/inbox-api';
