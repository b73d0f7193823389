/*
 * The web chat page: asks the bot's server for a Direct Line token (never a secret), then renders Bot Framework
 * Web Chat (served by the same server, no CDN). Italian by default, English on request: switching language
 * restarts the chat with Web Chat's locale, which every activity carries, so the bot answers in that language.
 * A language chosen inside the chat (the language menu, a language's name, a first message in Arabic) comes back
 * on the bot's messages as their locale: the page follows it without restarting, so Arabic reads right to left.
 */
(function () {
  'use strict';

  /**
   * The page's own texts per language, from content/locales/<lng>/webPage.json (translated and reviewed with the
   * bot's strings), put in the page by the server. A text missing in a language shows in Italian, as the bot's do.
   */
  var TEXTS = readPageTexts();
  /** The switch button offers English on the Italian page and Italian on every other: named in the language it opens. */
  var SWITCHES = {
    en: { label: 'English', lang: 'en', aria: 'Switch the chat to English' },
    it: { label: 'Italiano', lang: 'it', aria: 'Passa la chat in italiano' },
  };

  function readPageTexts() {
    try {
      var texts = JSON.parse(document.getElementById('page-texts').textContent);
      if (texts && typeof texts === 'object') return texts;
    } catch (ignored) {
      // no texts: the page keeps the Italian written in its HTML
    }
    return {};
  }

  // Every language the bot speaks (models/languages.ts): ?lang=ro starts the chat in Romanian, page texts included.
  var LOCALES = { it: 'it-IT', en: 'en-US', ro: 'ro-RO', ar: 'ar-EG', sq: 'sq-AL', es: 'es-ES', uk: 'uk-UA', fr: 'fr-FR' };
  var RTL = { ar: true };
  /**
   * Web Chat's own texts (send box, screen-reader labels) by language, where they differ from the conversation's
   * locale: its ar-EG strings are a third of the set (the rest fall back to English: "Bot said"), ar-SA has them all.
   */
  var WEBCHAT_UI_LOCALES = { ar: 'ar-SA' };

  function pageTexts(language) {
    var texts = Object.assign({}, TEXTS.it || {}, TEXTS[language] || {});
    var change = language === 'it' ? SWITCHES.en : SWITCHES.it;
    texts.privacyHref = language === 'it' ? '/privacy' : '/privacy?lang=' + language;
    texts.switchLabel = change.label;
    texts.switchLang = change.lang;
    texts.switchAria = change.aria;
    return texts;
  }

  // Web Chat's own styles go in with this nonce, which the page's Content-Security-Policy allows.
  var nonce = (document.currentScript && document.currentScript.nonce) || undefined;

  var STYLE_OPTIONS = {
    accent: '#0b5d3b',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    subtle: '#595959',
    backgroundColor: '#ffffff',
    bubbleBackground: '#f2f4f5',
    bubbleTextColor: '#1a1a1a',
    bubbleBorderRadius: 8,
    bubbleFromUserBackground: '#e8f3ec',
    bubbleFromUserTextColor: '#1a1a1a',
    bubbleFromUserBorderRadius: 8,
    bubbleMaxWidth: 560,
    hideUploadButton: true,
    sendBoxTextWrap: true,
    sendBoxButtonColor: '#0b5d3b',
    sendBoxButtonColorOnHover: '#073d27',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#0b5d3b',
    suggestedActionBorderWidth: 2,
    suggestedActionBorderRadius: 8,
    suggestedActionTextColor: '#0b5d3b',
    suggestedActionHeight: 44,
    transcriptVisualKeyboardIndicatorColor: '#0b5d3b',
    transcriptVisualKeyboardIndicatorWidth: 3,
  };

  var state = { language: 'it', directLine: null, generation: 0, render: null };

  function byId(id) {
    return document.getElementById(id);
  }

  /** The chat's language named by a bot message's locale ('ar-EG' -> 'ar'), or null for any other activity. */
  function chatLanguageOf(activity) {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'bot' || typeof activity.locale !== 'string') return null;
    var language = activity.locale.toLowerCase().split(/[-_]/)[0];
    return Object.prototype.hasOwnProperty.call(LOCALES, language) ? language : null;
  }

  function languageFromUrl() {
    var lang = (new URLSearchParams(window.location.search).get('lang') || '').toLowerCase().split(/[-_]/)[0];
    return Object.prototype.hasOwnProperty.call(LOCALES, lang) ? lang : 'it';
  }

  function applyTexts(language) {
    var t = pageTexts(language);
    // the page in the chat's language when it has its texts; right to left (header and footer mirrored) for Arabic
    var pageLanguage = TEXTS[language] ? language : 'it';
    document.documentElement.lang = pageLanguage;
    document.documentElement.dir = RTL[pageLanguage] ? 'rtl' : 'ltr';
    // the chat's own language and direction (Arabic reads right to left) on the chat's container
    var chat = byId('webchat');
    chat.setAttribute('lang', language);
    chat.setAttribute('dir', RTL[language] ? 'rtl' : 'ltr');
    if (typeof t.pageTitle === 'string') document.title = t.pageTitle;
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i += 1) {
      var key = nodes[i].getAttribute('data-i18n');
      if (typeof t[key] === 'string') nodes[i].textContent = t[key];
    }
    byId('privacy-link').setAttribute('href', t.privacyHref);
    var button = byId('language-switch');
    button.textContent = t.switchLabel;
    button.setAttribute('lang', t.switchLang);
    button.setAttribute('aria-label', t.switchAria);
  }

  /** Loading and failures are shown; "ready" is only announced to screen readers, to save room on a phone. */
  function setStatus(key, options) {
    var t = pageTexts(state.language);
    var failed = Boolean(options && options.failed);
    byId('status-text').textContent = key ? t[key] : '';
    byId('retry').hidden = !(options && options.retry);
    byId('status').classList.toggle('status-error', failed);
    byId('status').classList.toggle('visually-hidden', key === 'ready' || key === 'restarted');
  }

  /**
   * The chat of this tab, kept for a reload: the Direct Line token, its conversation and when the token expires.
   * sessionStorage (this tab only, gone when it closes); a reload within the token's life resumes the same
   * conversation (a pre-check under way, a person talking with the worker), after it a new one starts.
   */
  var SESSION_KEY = 'azioni-di-rete-chat';
  /** A token about to expire is not resumed: the conversation would stop under the worker's fingers. */
  var RESUME_MARGIN_MS = 60000;

  function savedSession(language) {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      if (saved && saved.language === language && typeof saved.token === 'string' && typeof saved.conversationId === 'string' && saved.expiresAt - Date.now() > RESUME_MARGIN_MS) return saved;
    } catch (ignored) {
      // storage refused (private mode, a full quota) or a value not ours: a new conversation
    }
    return null;
  }

  function saveSession(session, language) {
    try {
      window.sessionStorage.setItem(
        SESSION_KEY,
        JSON.stringify({ token: session.token, conversationId: session.conversationId, domain: session.domain, language: language, expiresAt: Date.now() + session.expires_in * 1000 }),
      );
    } catch (ignored) {
      // without storage a reload starts a new conversation, as before
    }
  }

  /** The kept chat now goes on in `language`: a reload resumes it (with ?lang= naming that language). */
  function relabelSession(language) {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      if (saved) window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(Object.assign(saved, { language: language })));
    } catch (ignored) {
      // nothing kept: a reload starts a new conversation
    }
  }

  function forgetSession() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
    } catch (ignored) {
      // nothing kept
    }
  }

  function fetchToken() {
    return fetch('/api/directline/token', { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error('token request answered ' + response.status);
      return response.json();
    });
  }

  function startChat(announceKey, resume) {
    var generation = (state.generation += 1);
    var language = state.language;
    setStatus('loading');
    if (state.directLine) {
      state.directLine.end();
      state.directLine = null;
    }
    var saved = resume ? savedSession(language) : null;
    if (!saved) forgetSession();
    return (saved ? Promise.resolve(saved) : fetchToken())
      .then(function (session) {
        if (generation !== state.generation) return;
        if (!saved) saveSession(session, language);
        var local = new URL(session.domain, window.location.href).origin === window.location.origin;
        var directLine = window.WebChat.createDirectLine({
          token: session.token,
          domain: session.domain,
          // a reload resumes the conversation its token belongs to: Direct Line reconnects and replays it
          conversationId: saved ? saved.conversationId : undefined,
          // The bot's own Direct Line answers by polling; Azure's service streams over a WebSocket.
          webSocket: !local,
          pollingInterval: local ? 500 : undefined,
          conversationStartProperties: { locale: LOCALES[language] },
        });
        state.directLine = directLine;
        // A fresh element per chat: Web Chat starts clean in the new language.
        var host = document.createElement('div');
        host.className = 'webchat-host';
        var container = byId('webchat');
        while (container.firstChild) container.removeChild(container.firstChild);
        container.appendChild(host);
        // the bot's messages name the chat's language: one chosen inside the chat is followed (followChatLanguage)
        var store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              var language = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload ? chatLanguageOf(action.payload.activity) : null;
              if (language && language !== state.language) {
                window.setTimeout(function () {
                  if (generation === state.generation) followChatLanguage(language);
                }, 0);
              }
              return next(action);
            };
          };
        });
        // drawn again, same conversation and transcript, when the chat's language changes
        state.render = function (chatLanguage) {
          window.WebChat.renderWebChat(
            {
              directLine: directLine,
              store: store,
              locale: WEBCHAT_UI_LOCALES[chatLanguage] || LOCALES[chatLanguage],
              dir: RTL[chatLanguage] ? 'rtl' : 'ltr',
              styleOptions: STYLE_OPTIONS,
              nonce: nonce,
              // the worker's typing reaches an operator who holds the conversation (live handoff); the bot ignores it
              sendTypingIndicator: true,
            },
            host,
          );
        };
        state.render(language);
        setStatus(announceKey || 'ready');
      })
      .catch(function () {
        if (generation !== state.generation) return;
        forgetSession();
        setStatus('failed', { failed: true, retry: true });
      });
  }

  /** The page takes the language the chat goes on in: direction, Web Chat's own texts, ?lang= for a reload. */
  function followChatLanguage(language) {
    if (language === state.language) return;
    state.language = language;
    var url = new URL(window.location.href);
    url.searchParams.set('lang', language);
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    applyTexts(language);
    relabelSession(language);
    if (state.render) state.render(language);
  }

  function switchLanguage() {
    state.language = pageTexts(state.language).switchLang;
    var url = new URL(window.location.href);
    url.searchParams.set('lang', state.language);
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    applyTexts(state.language);
    startChat('restarted');
  }

  function init() {
    state.language = languageFromUrl();
    applyTexts(state.language);
    byId('language-switch').addEventListener('click', switchLanguage);
    byId('retry').addEventListener('click', function () {
      startChat();
    });
    if (!window.WebChat) {
      setStatus('failed', { failed: true });
      return;
    }
    startChat(undefined, true);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
