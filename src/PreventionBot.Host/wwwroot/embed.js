// PreventionBot embed for partner sites:
//   <script src="https://BOT-HOST/embed.js" data-locale="en-GB" data-start="deterrence"></script>
// Adds a "Confidential help chat" button; it opens the chat (BOT-HOST/chat) in an iframe panel. Nothing is loaded
// from the bot host until the button is pressed. Styles are set through element.style, so a partner's CSP needs
// only: script-src BOT-HOST; frame-src BOT-HOST.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.preventionBotEmbed) { return; }

  var origin = new URL(script.src, window.location.href).origin;
  var locale = script.getAttribute('data-locale') || navigator.language || '';
  var start = script.getAttribute('data-start') || '';
  var label = script.getAttribute('data-label') || 'Confidential help chat';
  var position = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
  var quickExitUrl = null;
  var iframe = null;
  var escapes = [];

  function css(element, styles) {
    Object.keys(styles).forEach(function (name) { element.style[name] = styles[name]; });
    return element;
  }

  var launcher = css(document.createElement('button'), {
    position: 'fixed', bottom: '20px', zIndex: '2147483000', minHeight: '48px', padding: '0.6rem 1.1rem',
    border: '2px solid #ffffff', borderRadius: '24px', background: '#1f4e5a', color: '#ffffff',
    font: '600 16px/1.2 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif',
    boxShadow: '0 2px 8px rgba(0, 0, 0, 0.3)', cursor: 'pointer'
  });
  launcher.style[position] = '20px';
  launcher.type = 'button';
  launcher.id = 'preventionbot-launcher';
  launcher.textContent = label;
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'preventionbot-panel');

  var panel = css(document.createElement('div'), {
    position: 'fixed', bottom: '84px', zIndex: '2147483000', width: 'min(420px, calc(100vw - 24px))',
    height: 'min(640px, calc(100vh - 108px))', display: 'none', flexDirection: 'column', background: '#ffffff',
    border: '1px solid #8a9a9d', borderRadius: '10px', boxShadow: '0 4px 20px rgba(0, 0, 0, 0.35)', overflow: 'hidden'
  });
  panel.style[position] = '12px';
  panel.id = 'preventionbot-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label);

  var close = css(document.createElement('button'), {
    alignSelf: 'flex-end', minHeight: '36px', margin: '4px', padding: '0.25rem 0.7rem', border: '1px solid #1f4e5a',
    borderRadius: '6px', background: '#ffffff', color: '#1f4e5a', font: '14px/1.2 Arial, sans-serif', cursor: 'pointer'
  });
  close.type = 'button';
  close.textContent = 'Close chat';
  panel.appendChild(close);

  function chatUrl() {
    var query = [];
    if (locale) { query.push('locale=' + encodeURIComponent(locale)); }
    if (start) { query.push('start=' + encodeURIComponent(start)); }
    return origin + '/chat' + (query.length ? '?' + query.join('&') : '');
  }

  function open() {
    if (!iframe) {
      iframe = css(document.createElement('iframe'), { flex: '1 1 auto', width: '100%', border: '0' });
      iframe.title = label;
      iframe.src = chatUrl();
      iframe.setAttribute('referrerpolicy', 'no-referrer');
      panel.appendChild(iframe);
    }
    panel.style.display = 'flex';
    launcher.setAttribute('aria-expanded', 'true');
    iframe.focus();
  }

  function hide() {
    panel.style.display = 'none';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function leave(url) {
    if (iframe) { iframe.src = 'about:blank'; }
    window.location.replace(url);
  }

  launcher.addEventListener('click', function () {
    if (panel.style.display === 'none') { open(); } else { hide(); }
  });
  close.addEventListener('click', hide);

  // Only the chat page in our own iframe may ask for a quick exit.
  window.addEventListener('message', function (event) {
    if (!iframe || event.source !== iframe.contentWindow || event.origin !== origin || !event.data) { return; }
    var url = event.data.url || event.data.quickExitUrl;
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) { return; }
    if (event.data.type === 'preventionbot:ready') { quickExitUrl = url; }
    if (event.data.type === 'preventionbot:quick-exit') { leave(url); }
  });

  // Esc three times on the partner page leaves too, once the chat has been opened.
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || !quickExitUrl) { return; }
    var now = Date.now();
    escapes = escapes.filter(function (t) { return now - t < 2000; });
    escapes.push(now);
    if (escapes.length >= 3) { leave(quickExitUrl); }
  }, true);

  function attach() {
    document.body.appendChild(panel);
    document.body.appendChild(launcher);
  }

  window.preventionBotEmbed = { open: open, close: hide };
  if (document.body) { attach(); } else { document.addEventListener('DOMContentLoaded', attach); }
}());
