// Writes activities produced by the official Bot Framework JS SDK (botbuilder 4.23.3) to a folder, so the
// C# Activity schema can be proven to read and write them without losing or renaming a field.
// Usage: node generate-fixtures.js <output folder>
'use strict';
const fs = require('fs');
const path = require('path');
const {
  ActivityTypes, CardFactory, InputHints, MessageFactory, TestAdapter, TurnContext
} = require('botbuilder');

const out = path.resolve(process.argv[2] || path.join(__dirname, 'fixtures'));
fs.mkdirSync(out, { recursive: true });
const write = (name, activity) =>
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(activity, null, 2) + '\n');

async function main() {
  // What a bot sends, captured from the SDK's own test adapter (full addressing filled in by the SDK).
  const adapter = new TestAdapter(async (context) => {
    await context.sendActivity(MessageFactory.text('Hello, this is a test.', 'Hello', InputHints.ExpectingInput));
    await context.sendActivity(MessageFactory.suggestedActions(
      [{ type: 'postBack', title: 'Get confidential help', value: '#self-help' },
       { type: 'imBack', title: 'Yes', value: 'Yes' }],
      'Which is closest?'));
    await context.sendActivity(MessageFactory.attachment(CardFactory.heroCard(
      'Title', 'Some text', ['https://example.org/a.png'],
      [{ type: 'openUrl', title: 'Open', value: 'https://example.org' }])));
    await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivity({
      type: ActivityTypes.Message, text: 'with extras', textFormat: 'markdown', locale: 'en-GB',
      channelData: { topic: 'welcome', nested: { list: [1, 2, { deep: true }] } },
      entities: [{ type: 'https://schema.org/Message', '@context': 'https://schema.org', keywords: [] }],
      x_unknownField: { kept: 'as is', n: 3.5 }
    });
  });
  await adapter.send('hi');
  adapter.activeQueue.forEach((activity, i) => write(`bot-reply-${i + 1}`, activity));

  // What a channel sends: the adapter's own incoming message, plus typical channel activities.
  const incoming = adapter.makeActivity('hello bot');
  incoming.locale = 'en-US';
  incoming.localTimestamp = '2026-11-21T10:00:00.000-05:00';
  incoming.localTimezone = 'America/New_York';
  incoming.deliveryMode = 'expectReplies';
  write('channel-message', incoming);

  const reference = TurnContext.getConversationReference(incoming);
  write('conversation-reference-applied', TurnContext.applyConversationReference(
    { type: ActivityTypes.Message, text: 'proactive' }, reference, false));

  write('channel-conversation-update', {
    type: ActivityTypes.ConversationUpdate, id: 'cu-1', channelId: 'emulator',
    serviceUrl: 'http://localhost:5000', timestamp: '2026-11-21T10:00:00.000Z',
    conversation: { id: 'a1b2|livechat' }, recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    from: { id: 'user-1', name: 'User', role: 'user' },
    membersAdded: [{ id: 'user-1', name: 'User' }, { id: 'bot-1', name: 'Bot' }]
  });
  write('channel-event-join', {
    type: ActivityTypes.Event, name: 'webchat/join', value: { language: 'fr-FR' },
    channelData: { clientActivityID: '1700000000000-abc' }, channelId: 'webchat',
    from: { id: 'r_123', name: '', role: 'user' }, conversation: { id: 'conv-9' }, locale: 'fr-FR'
  });
  write('channel-invoke', {
    type: ActivityTypes.Invoke, name: 'adaptiveCard/action', id: 'inv-1', channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'c', isGroup: false, tenantId: 't' },
    from: { id: 'u', aadObjectId: '00000000-0000-0000-0000-000000000000' }, recipient: { id: 'b' },
    value: { action: { type: 'Action.Execute', verb: 'go', data: { a: 1 } } }
  });
  console.log(`wrote ${fs.readdirSync(out).length} fixtures to ${out}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
