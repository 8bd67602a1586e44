// Holds a conversation with PreventionBot's Direct Line 3.0 endpoint using the official client,
// botframework-directlinejs, once over REST polling and once over the WebSocket.
//   node directline-client.test.js http://127.0.0.1:3978
// Exit code 0 = both passed. Run by DirectLineNodeClientTests in `dotnet test`.
'use strict';

// Node has neither XMLHttpRequest nor WebSocket; DirectLineJS needs both as globals (protocol.md §7.2).
global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');

const assert = require('node:assert/strict');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const baseUrl = (process.argv[2] || process.env.PREVENTIONBOT_URL || 'http://127.0.0.1:3978').replace(/\/$/, '');
const TIMEOUT_MS = 20000;

function within(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out waiting for ' + what)), TIMEOUT_MS); })
  ]).finally(() => clearTimeout(timer));
}

async function pageToken() {
  const response = await fetch(baseUrl + '/api/directline/token', { method: 'POST' });
  assert.equal(response.status, 200, 'token endpoint status');
  const body = await response.json();
  assert.ok(body.token && body.conversationId && body.expires_in > 0, 'token response shape');
  return body;
}

async function converse(mode) {
  const { token, conversationId } = await pageToken();
  const directLine = new DirectLine({
    token,
    domain: baseUrl + '/v3/directline',
    webSocket: mode === 'websocket',
    pollingInterval: 200
  });
  const seen = [];
  const waiters = [];
  const subscription = directLine.activity$.subscribe({
    next: activity => {
      seen.push(activity);
      for (const waiter of waiters.slice()) {
        if (waiter.match(activity)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(activity);
        }
      }
    },
    error: error => { console.error(mode + ': activity$ error', error && error.message); }
  });
  const next = (match, what) => {
    const already = seen.find(match);
    if (already) { return Promise.resolve(already); }
    return within(new Promise(resolve => waiters.push({ match, resolve })), mode + ': ' + what);
  };
  const post = activity => within(new Promise((resolve, reject) =>
    directLine.postActivity(activity).subscribe({ next: resolve, error: reject })), mode + ': post ' + activity.type);

  try {
    await within(new Promise(resolve => {
      directLine.connectionStatus$.subscribe(status => { if (status === ConnectionStatus.Online) { resolve(); } });
    }), mode + ': Online');
    assert.equal(directLine.conversationId, conversationId, 'the client joined the page token\'s conversation');

    const user = { id: 'r_node' + mode, name: '', role: 'user' };
    const joinId = await post({
      type: 'event', name: 'webchat/join', from: user, locale: 'en-GB',
      value: { language: 'en-GB' }, channelData: { clientActivityID: mode + '-join' }
    });
    assert.match(joinId, new RegExp('^' + conversationId + '\\|\\d{7}$'), 'activity id format');

    const joinEcho = await next(a => a.id === joinId, 'echo of the join event');
    assert.equal(joinEcho.channelData.clientActivityID, mode + '-join', 'echo keeps clientActivityID');
    const welcome = await next(a => a.from.role === 'bot' && a.replyToId === joinId, 'welcome');
    assert.equal(welcome.channelData.topic, 'welcome');
    assert.ok(welcome.suggestedActions && welcome.suggestedActions.actions.length > 0, 'welcome has buttons');

    // A button: Web Chat sends a postBack's value as message text.
    const action = welcome.suggestedActions.actions[0];
    assert.equal(action.type, 'postBack');
    const buttonId = await post({ type: 'message', text: action.value, from: user, locale: 'en-GB', channelData: { clientActivityID: mode + '-button', postBack: true } });
    const buttonReply = await next(a => a.from.role === 'bot' && a.replyToId === buttonId, 'reply to the button');
    assert.equal(buttonReply.channelData.topic, action.value.slice(1).split('/')[0], 'the button leads to its topic');

    // A typed question.
    const questionId = await post({ type: 'message', text: 'Is this chat anonymous? Do you store what I write?', textFormat: 'plain', from: user, locale: 'en-GB', channelData: { clientActivityID: mode + '-question' } });
    const questionEcho = await next(a => a.id === questionId, 'echo of the question');
    assert.equal(questionEcho.channelData.clientActivityID, mode + '-question');
    const answer = await next(a => a.from.role === 'bot' && a.replyToId === questionId, 'answer to the question');
    assert.ok(typeof answer.channelData.topic === 'string' && answer.channelData.topic.length > 0, 'answer has a topic');

    const ids = seen.map(a => a.id);
    assert.equal(new Set(ids).size, ids.length, 'no activity delivered twice');
    console.log(mode + ': ok (' + seen.length + ' activities; topics ' + seen.filter(a => a.from.role === 'bot').map(a => a.channelData.topic).join(', ') + ')');
  } finally {
    subscription.unsubscribe();
    directLine.end();
  }
}

(async () => {
  await converse('polling');
  await converse('websocket');
  console.log('directlinejs: all passed');
  process.exit(0);
})().catch(error => {
  console.error('directlinejs: FAILED: ' + (error && error.stack || error));
  process.exit(1);
});
