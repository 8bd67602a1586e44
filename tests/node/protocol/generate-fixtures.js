// Writes activities produced by the official Bot Framework JS SDK (botbuilder 4.23.3) to a folder, so the
// C# Activity schema can be proven to read and write them without losing or renaming a field.
// Usage: node generate-fixtures.js <output folder>
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const {
  ActivityTypes, CardFactory, InputHints, MessageFactory, TeamsActivityHandler, TestAdapter, TurnContext,
  teamsGetChannelId, teamsGetTenant
} = require('botbuilder');
const { Channels } = require('botframework-schema');

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
  await writeTeamsFixtures();
  console.log(`wrote ${fs.readdirSync(out).filter(f => f.endsWith('.json')).length} fixtures to ${out}`);
}

// Microsoft Teams: a personal chat, a channel message that @mentions the bot, the bot added to a group chat, and a
// hero-card messageBack press. Each is run through the SDK's TeamsActivityHandler and Teams helpers, and what the SDK
// reads from it (tenant, channel, the text without the mention, which handler ran) is written to
// expectations/teams.json so the C# tests assert against the SDK's reading, not ours.
async function writeTeamsFixtures() {
  const tenant = { id: '72f988bf-0000-4000-8000-000000000001' };
  const bot = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'PreventionBot' };
  const user = { id: '29:1user-teams-id', name: 'Alex', aadObjectId: '00000000-0000-4000-8000-0000000000a1' };
  const clientInfo = { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' };
  const base = (id, conversation, channelData) => ({
    id, timestamp: '2026-11-21T10:00:00.000Z', localTimestamp: '2026-11-21T10:00:00.000+00:00',
    localTimezone: 'Europe/London', serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: Channels.Msteams,
    from: user, conversation, recipient: bot, locale: 'en-GB', channelData
  });
  const channelId = '19:general0000@thread.tacv2';
  const fixtures = {
    'teams-personal-message': {
      type: ActivityTypes.Message, textFormat: 'plain', text: "I'm worried about my own thoughts",
      entities: [clientInfo],
      ...base('1700000000001', { conversationType: 'personal', tenantId: tenant.id, id: 'a:1personal-conversation' }, { tenant })
    },
    'teams-channel-mention': {
      type: ActivityTypes.Message, textFormat: 'plain',
      text: '<at>PreventionBot</at> Is an AI-generated image of a child illegal?',
      entities: [{ type: 'mention', mentioned: bot, text: '<at>PreventionBot</at>' }, clientInfo],
      ...base('1700000000002',
        { isGroup: true, conversationType: 'channel', tenantId: tenant.id, id: `${channelId};messageid=1700000000002` },
        { teamsChannelId: channelId, teamsTeamId: '19:team0000@thread.tacv2', channel: { id: channelId },
          team: { id: '19:team0000@thread.tacv2' }, tenant })
    },
    // The bot installed in a group chat: Teams lists only the bot as added (a user's own join would make the SDK call
    // the connector for the member's details, which this offline generator cannot answer).
    'teams-groupchat-bot-added': {
      type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: bot.id }],
      ...base('f:1700000000003', { isGroup: true, conversationType: 'groupChat', tenantId: tenant.id, id: '19:group0000@thread.v2' },
        { tenant, eventType: 'teamMemberAdded' })
    },
    'teams-personal-messageback': {
      type: ActivityTypes.Message, text: '#self-help', value: { postBack: '#self-help' },
      ...base('1700000000004', { conversationType: 'personal', tenantId: tenant.id, id: 'a:1personal-conversation' }, { tenant })
    }
  };

  const expectations = {};
  for (const [name, activity] of Object.entries(fixtures)) {
    const seen = {};
    const handler = new TeamsActivityHandler();
    handler.onMessage(async (context, next) => {
      seen.handler = 'message';
      seen.textWithoutMention = TurnContext.removeRecipientMention({ ...context.activity });
      await next();
    });
    handler.onTeamsMembersAddedEvent(async (membersAdded, teamInfo, context, next) => {
      seen.handler = 'teamsMembersAdded';
      seen.membersAdded = membersAdded.map(m => m.id);
      await next();
    });
    const adapter = new TestAdapter(async (context) => handler.run(context));
    await adapter.processActivity(JSON.parse(JSON.stringify(activity)));
    assert.ok(seen.handler, `the SDK's TeamsActivityHandler did not dispatch ${name}`);
    assert.strictEqual(teamsGetTenant(activity).id, tenant.id);
    expectations[name] = {
      ...seen,
      tenantId: teamsGetTenant(activity).id,
      teamsChannelId: teamsGetChannelId(activity),
      conversationType: activity.conversation.conversationType
    };
    write(name, activity);
  }

  fs.mkdirSync(path.join(out, 'expectations'), { recursive: true });
  fs.writeFileSync(path.join(out, 'expectations', 'teams.json'), JSON.stringify(expectations, null, 2) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
