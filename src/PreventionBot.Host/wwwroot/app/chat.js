// PreventionBot chat page: Web Chat (window.WebChat, from /webchat/webchat.js) on this host's Direct Line endpoint.
// No cookies and no third parties: the only thing kept in the browser is this tab's conversation, in sessionStorage,
// so a reload continues it; quick exit and "Delete this conversation" remove it.
(function () {
  'use strict';

  var STORAGE_KEY = 'preventionbot.conversation';
  var COUNTRY_KEY = 'preventionbot.country';
  var body = document.body;
  var config = {
    quickExitUrl: body.getAttribute('data-quick-exit-url') || 'https://www.bbc.co.uk/weather',
    locale: body.getAttribute('data-locale') || navigator.language || 'en-GB',
    start: body.getAttribute('data-start') || '',
    embedded: body.getAttribute('data-embedded') === 'true',
    nonce: (document.currentScript && document.currentScript.nonce) || undefined
  };
  var container = document.getElementById('webchat');
  var notice = document.getElementById('notice');
  var countrySelect = document.getElementById('country');
  var deleteButton = document.getElementById('delete');
  var exitButton = document.getElementById('quick-exit');

  // Read by the browser tests; holds only what the transcript on screen already shows.
  var exposed = { activities: [], connected: false };
  window.preventionBot = exposed;

  var store = null;
  var directLine = null;
  var deleting = null;

  // ---- Quick exit ---------------------------------------------------------------------------------------------
  function forget() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
      sessionStorage.removeItem(COUNTRY_KEY);
    } catch (e) { /* storage may be blocked; nothing to clear then */ }
  }

  function quickExit() {
    forget();
    body.classList.add('leaving');
    if (config.embedded && window.parent !== window) {
      // The embed script on the partner page replaces that page; the top navigation is the fallback.
      window.parent.postMessage({ type: 'preventionbot:quick-exit', url: config.quickExitUrl }, '*');
      try { window.top.location.replace(config.quickExitUrl); } catch (e) { /* cross-origin without activation */ }
    }
    window.location.replace(config.quickExitUrl);
  }

  exitButton.addEventListener('click', quickExit);

  var escapes = [];
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') { return; }
    var now = Date.now();
    escapes = escapes.filter(function (t) { return now - t < 3000; });
    escapes.push(now);
    if (escapes.length >= 3) { quickExit(); }
  }, true);

  if (config.embedded && window.parent !== window) {
    window.parent.postMessage({ type: 'preventionbot:ready', quickExitUrl: config.quickExitUrl }, '*');
  }

  // ---- Conversation -------------------------------------------------------------------------------------------
  function saved() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return s && s.token && s.conversationId && s.expiresAt - Date.now() > 60000 ? s : null;
    } catch (e) { return null; }
  }

  function save(session) {
    try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session)); } catch (e) { /* not kept then */ }
  }

  function randomUserId() {
    var bytes = new Uint8Array(9);
    crypto.getRandomValues(bytes);
    return 'r_' + Array.prototype.map.call(bytes, function (b) { return (b % 36).toString(36); }).join('');
  }

  function newConversation() {
    return fetch('/api/directline/token', {
      method: 'POST',
      cache: 'no-store',
      credentials: 'omit',
      headers: { 'X-Requested-With': 'XMLHttpRequest' }
    }).then(function (response) {
      if (!response.ok) { throw new Error('token ' + response.status); }
      return response.json();
    }).then(function (t) {
      return {
        token: t.token,
        conversationId: t.conversationId,
        expiresIn: t.expires_in,
        expiresAt: Date.now() + t.expires_in * 1000,
        userId: randomUserId()
      };
    });
  }

  function showNotice(text, withRestart) {
    notice.textContent = text;
    if (withRestart) {
      var again = document.createElement('button');
      again.type = 'button';
      again.className = 'primary';
      again.textContent = 'Start a new conversation';
      again.addEventListener('click', function () { window.location.reload(); });
      notice.appendChild(document.createTextNode(' '));
      notice.appendChild(again);
    }
    notice.hidden = false;
  }

  function createStore(resumed) {
    var joined = false;
    var pendingStart = resumed ? '' : config.start;
    return window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            exposed.connected = true;
            if (!joined && !resumed) {
              joined = true;
              // The bot picks the jurisdiction from this language before the first message.
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { language: config.locale } } });
            }
          } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            exposed.activities.push(activity);
            var fromBot = activity.from && activity.from.role === 'bot';
            if (fromBot && pendingStart) {
              // data-start: open straight into that topic once the welcome is there.
              var topic = pendingStart;
              pendingStart = '';
              setTimeout(function () { api.dispatch({ type: 'WEB_CHAT/SEND_POST_BACK', payload: { value: '#' + topic } }); }, 0);
            }
            if (fromBot && deleting && activity.channelData && activity.channelData.reply === 'system/deleted') {
              finishDelete(activity.text);
            }
          }
          return next(action);
        };
      };
    });
  }

  function start() {
    var session = saved();
    var resumed = !!session;
    var ready = resumed ? Promise.resolve(session) : newConversation();
    return ready.then(function (s) {
      session = s;
      save(session);
      directLine = window.WebChat.createDirectLine({
        token: session.token,
        conversationId: resumed ? session.conversationId : undefined,
        domain: window.location.origin + '/v3/directline',
        webSocket: true
      });
      // DirectLineJS refreshes the token itself; keep the newest one so a reload can continue.
      setInterval(function () {
        if (directLine && directLine.token && directLine.token !== session.token) {
          session.token = directLine.token;
          session.expiresAt = Date.now() + (session.expiresIn || 1800) * 1000;
          save(session);
        }
      }, 30000);
      store = createStore(resumed);
      window.WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        locale: config.locale,
        userID: session.userId,
        nonce: config.nonce,
        role: 'main',
        styleOptions: styleOptions()
      }, container);
      try {
        var country = sessionStorage.getItem(COUNTRY_KEY);
        if (country) { countrySelect.value = country; }
      } catch (e) { /* ignore */ }
    }).catch(function () {
      showNotice('The chat could not start. Please try again in a minute.', true);
    });
  }

  function styleOptions() {
    return {
      hideUploadButton: true,
      accent: '#1f5f6b',
      backgroundColor: '#ffffff',
      subtle: '#595959',
      primaryFont: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
      rootHeight: '100%',
      bubbleBackground: '#f3f6f6',
      bubbleBorderColor: '#c9d6d8',
      bubbleBorderWidth: 1,
      bubbleBorderRadius: 10,
      bubbleFromUserBackground: '#e6eff0',
      bubbleFromUserBorderColor: '#b7cdd1',
      bubbleFromUserBorderWidth: 1,
      bubbleFromUserBorderRadius: 10,
      bubbleMaxWidth: 560,
      bubbleTextColor: '#1b1b1b',
      bubbleFromUserTextColor: '#1b1b1b',
      suggestedActionLayout: 'flow',
      suggestedActionHeight: 44,
      suggestedActionBorderRadius: 8,
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: '#1f5f6b',
      suggestedActionTextColor: '#1f5f6b',
      sendBoxHeight: 48,
      sendBoxButtonColor: '#1f5f6b',
      sendBoxTextColor: '#1b1b1b',
      sendBoxPlaceholderColor: '#595959',
      timestampColor: '#595959',
      markdownRespectCRLF: true,
      markdownRenderHTML: false
    };
  }

  // ---- Country picker -----------------------------------------------------------------------------------------
  countrySelect.addEventListener('change', function () {
    var code = countrySelect.value;
    try { sessionStorage.setItem(COUNTRY_KEY, code); } catch (e) { /* ignore */ }
    if (code && store) {
      store.dispatch({ type: 'WEB_CHAT/SEND_POST_BACK', payload: { value: '#country/' + code } });
    }
  });

  // ---- Delete this conversation -------------------------------------------------------------------------------
  function finishDelete(confirmation) {
    if (!deleting) { return; }
    clearTimeout(deleting);
    deleting = null;
    forget();
    if (directLine) { try { directLine.end(); } catch (e) { /* already closed */ } }
    container.hidden = true;
    container.textContent = '';
    countrySelect.disabled = true;
    deleteButton.disabled = true;
    showNotice(confirmation || 'This conversation has been deleted from this browser and from the chat service.', true);
    notice.setAttribute('tabindex', '-1');
    notice.focus();
  }

  deleteButton.addEventListener('click', function () {
    if (!store || deleting) { return; }
    deleting = setTimeout(function () { finishDelete(''); }, 5000);
    store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'preventionbot/delete-conversation', value: {} } });
  });

  start();
}());
