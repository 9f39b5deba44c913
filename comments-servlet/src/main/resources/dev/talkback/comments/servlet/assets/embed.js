/* Talkback embed widget. Vanilla JS, no eval, no inline script, no innerHTML of untrusted strings.
   <div data-talkback data-thread="posts/hello" data-title="Hello" data-url="https://blog/hello" data-signature="(ThreadSignature)"></div>
   <a data-talkback-count="posts/hello" href="/hello#talkback">Comments</a>
   <script src="https://comments.example/comments/embed.js" defer></script> */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var SRC = script.src;
  var BASE = SRC.replace(/\/(assets\/[^/]+\/)?embed\.js(\?.*)?$/, '');
  var T = {
    en: {
      c0: 'No comments yet', c1: '1 comment', cn: '{n} comments', sort: 'Sort', oldest: 'Oldest', newest: 'Newest',
      top: 'Top', more: 'Load more comments', reply: 'Reply', edit: 'Edit', del: 'Delete', save: 'Save',
      cancel: 'Cancel', like: 'Like', name: 'Name', email: 'Email (optional, never shown)',
      website: 'Website (optional)', text: 'Comment', post: 'Post comment', preview: 'Preview', write: 'Write',
      hint: 'Markdown: **bold**, _italic_, [link](https://…), `code`, > quote', as: 'Commenting as {n}',
      anon: 'Anonymous', deleted: 'This comment was deleted.', edited: 'edited', closed: 'Comments are closed.',
      pending: 'Thank you! Your comment awaits moderation.', pendingTag: 'Awaiting moderation',
      queued: 'The comment database is unavailable right now. New comments are saved and will appear once it is back.',
      queuedDone: 'Thank you! Your comment is saved and will appear once the comment database is back.',
      paused: 'Commenting is paused while the comment database is unavailable. Your text is kept; please try again later.',
      stale: 'Showing saved comments; the newest may be missing.', posted: 'Your comment was posted.',
      offline: 'The comment server could not be reached. Your text is kept; please try again.',
      confirmDel: 'Delete this comment?', loaded: '{n} more comments loaded', removed: 'Comment deleted.',
      saved: 'Comment saved.', retry: 'Please try again in {n} seconds.', loading: 'Loading comments…',
      fail: 'Comments could not be loaded.', replyTo: 'Reply to {n}'
    },
    de: {
      c0: 'Noch keine Kommentare', c1: '1 Kommentar', cn: '{n} Kommentare', sort: 'Sortieren', oldest: 'Älteste',
      newest: 'Neueste', top: 'Beliebteste', more: 'Weitere Kommentare laden', reply: 'Antworten',
      edit: 'Bearbeiten', del: 'Löschen', save: 'Speichern', cancel: 'Abbrechen', like: 'Gefällt mir',
      name: 'Name', email: 'E-Mail (optional, wird nie angezeigt)', website: 'Website (optional)',
      text: 'Kommentar', post: 'Kommentar senden', preview: 'Vorschau', write: 'Schreiben',
      hint: 'Markdown: **fett**, _kursiv_, [Link](https://…), `Code`, > Zitat', as: 'Sie kommentieren als {n}',
      anon: 'Anonym', deleted: 'Dieser Kommentar wurde gelöscht.', edited: 'bearbeitet',
      closed: 'Die Kommentare sind geschlossen.', pending: 'Danke! Ihr Kommentar wartet auf Freigabe.',
      pendingTag: 'Wartet auf Freigabe',
      queued: 'Die Kommentar-Datenbank ist gerade nicht erreichbar. Neue Kommentare werden gespeichert und erscheinen, sobald sie wieder da ist.',
      queuedDone: 'Danke! Ihr Kommentar ist gespeichert und erscheint, sobald die Datenbank wieder erreichbar ist.',
      paused: 'Kommentieren ist pausiert, solange die Kommentar-Datenbank nicht erreichbar ist. Ihr Text bleibt erhalten; bitte später erneut versuchen.',
      stale: 'Gespeicherte Kommentare; die neuesten fehlen vielleicht.', posted: 'Ihr Kommentar wurde veröffentlicht.',
      offline: 'Der Kommentar-Server ist nicht erreichbar. Ihr Text bleibt erhalten; bitte erneut versuchen.',
      confirmDel: 'Diesen Kommentar löschen?', loaded: '{n} weitere Kommentare geladen', removed: 'Kommentar gelöscht.',
      saved: 'Kommentar gespeichert.', retry: 'Bitte in {n} Sekunden erneut versuchen.', loading: 'Kommentare werden geladen…',
      fail: 'Die Kommentare konnten nicht geladen werden.', replyTo: 'Antwort an {n}'
    }
  };
  var store = {
    get: function (s, k) { try { return JSON.parse(s.getItem('tb:' + k)); } catch (e) { return null; } },
    set: function (s, k, v) { try { v == null ? s.removeItem('tb:' + k) : s.setItem('tb:' + k, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  };
  var L = window.localStorage, S = window.sessionStorage;

  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) el.appendChild(arguments[i]);
    return el;
  }

  /* The server sends sanitized HTML; parse it inertly and drop anything active anyway (defence in depth). */
  function safeHtml(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var all = doc.body.querySelectorAll('*'), frag = document.createDocumentFragment();
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (/^(script|style|iframe|object|embed|form|input|button|textarea|select|link|meta|base|svg|math)$/i.test(el.tagName)) { el.remove(); continue; }
      for (var j = el.attributes.length - 1; j >= 0; j--) {
        var a = el.attributes[j];
        if (/^on/i.test(a.name) || /^(href|src|action|formaction|xlink:href)$/i.test(a.name) && !/^(https?:|mailto:|#|\/)/i.test(a.value.trim())) el.removeAttribute(a.name);
      }
    }
    while (doc.body.firstChild) frag.appendChild(document.adoptNode(doc.body.firstChild));
    return frag;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = b[6] & 15 | 64; b[8] = b[8] & 63 | 128;
    var x = Array.prototype.map.call(b, function (n) { return (n + 256).toString(16).slice(1); }).join('');
    return x.slice(0, 8) + '-' + x.slice(8, 12) + '-' + x.slice(12, 16) + '-' + x.slice(16, 20) + '-' + x.slice(20);
  }

  function api(method, path, body, headers) {
    var o = { method: method, credentials: 'include', headers: headers || {} };
    if (method !== 'GET') { o.headers['Content-Type'] = 'application/json'; o.body = JSON.stringify(body || {}); }
    return fetch(BASE + '/api' + path, o).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        return { status: r.status, ok: r.ok, data: j, retry: r.headers.get('Retry-After') };
      });
    });
  }

  // ALTCHA proof of work (v1, SHA-256): find n with SHA-256(salt + n) = challenge, in batches; null if it
  // cannot (the server then holds the comment for a moderator and says so)
  function pow(sq) {
    return api('GET', '/challenge' + sq).then(function (r) {
      var c = r.data, enc = new TextEncoder();
      function hex(b) { return Array.prototype.map.call(new Uint8Array(b), function (n) { return (n + 256).toString(16).slice(1); }).join(''); }
      function from(n) {
        var all = [];
        for (var i = n; i < n + 256 && i <= c.maxnumber; i++) all.push(crypto.subtle.digest('SHA-256', enc.encode(c.salt + i)));
        return Promise.all(all).then(function (hs) {
          for (var j = 0; j < hs.length; j++) if (hex(hs[j]) === c.challenge) return n + j;
          return n + 256 > c.maxnumber ? null : from(n + 256);
        });
      }
      if (!r.ok || !window.crypto || !crypto.subtle) return null;
      return from(0).then(function (n) {
        return n === null ? null : btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature }));
      });
    }).catch(function () { return null; });
  }

  function Widget(root) {
    var d = root.dataset, self = this;
    var t = T[(d.lang || document.documentElement.lang || 'en').slice(0, 2).toLowerCase()] || T.en;
    var sq = d.site ? '?site=' + encodeURIComponent(d.site) : '';
    var q = '?thread=' + encodeURIComponent(d.thread) + (d.site ? '&site=' + encodeURIComponent(d.site) : '');
    var sort = 'oldest', cursor = null, session = {}, readOnly = null, editWindow = 900;
    function tr(k, n) { return t[k].replace('{n}', n); }
    function count(n) { return n === 0 ? t.c0 : n === 1 ? t.c1 : tr('cn', n); }

    var live = h('p', { class: 'tb-sr', 'aria-live': 'polite', role: 'status' });
    var banner = h('p', { class: 'tb-banner', role: 'status', hidden: true });
    var heading = h('h2', { class: 'tb-count', text: t.loading });
    var select = h('select', { id: uid('sort'), onchange: function () { sort = select.value; load(false); } });
    ['oldest', 'newest', 'top'].forEach(function (s) { select.appendChild(h('option', { value: s, text: t[s] })); });
    var list = h('ol', { class: 'tb-list' });
    var more = h('button', { type: 'button', class: 'tb-more', hidden: true, text: t.more, onclick: function () { load(true); } });
    var notice = h('p', { class: 'tb-notice', role: 'status', hidden: true });
    var formSlot = h('div');
    root.textContent = '';
    root.classList.add('talkback');
    root.appendChild(h('section', { 'aria-label': t.text },
      banner, h('div', { class: 'tb-bar' }, heading, h('label', { for: select.id, text: t.sort }), select),
      notice, formSlot, list, more, live));

    function uid(s) { return 'tb-' + s + '-' + Math.random().toString(36).slice(2, 8); }
    function say(msg) { live.textContent = ''; setTimeout(function () { live.textContent = msg; }, 50); }
    function show(el, msg) { el.textContent = msg || ''; el.hidden = !msg; }
    function setReadOnly(state) {
      readOnly = state;
      show(banner, state ? t[state] : '');
      banner.classList.toggle('tb-readonly', !!state);
    }

    function load(append) {
      var url = '/thread' + q + '&sort=' + sort + (append && cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return api('GET', url).then(function (r) {
        if (!r.ok) { heading.textContent = t.fail; show(notice, r.data.detail || t.fail); return; }
        var p = r.data;
        heading.textContent = count(p.totalCount);
        if (!append) list.textContent = '';
        p.comments.forEach(function (n) { list.appendChild(node(n)); });
        cursor = p.nextCursor;
        more.hidden = !cursor;
        setReadOnly(p.readOnly);
        if (p.stale) show(notice, t.stale);
        if (p.closed) { formSlot.textContent = ''; formSlot.appendChild(h('p', { class: 'tb-closed', text: t.closed })); }
        else if (!formSlot.firstChild) formSlot.appendChild(form(null));
        if (append) say(tr('loaded', p.comments.length));
      }, function () { heading.textContent = t.fail; });
    }

    function node(n) {
      var li = h('li', { class: 'tb-c', id: 'comment-' + n.id });
      var replies = h('ol', { class: 'tb-replies' });
      if (n.tombstone) li.appendChild(h('p', { class: 'tb-tombstone', text: t.deleted }));
      else li.appendChild(article(n, li));
      (n.replies || []).forEach(function (r) { replies.appendChild(node(r)); });
      li.appendChild(replies);
      return li;
    }

    function article(c, li) {
      var a = c.author || {}, name = a.name || t.anon;
      var who = a.website && /^https?:\/\//i.test(a.website)
        ? h('a', { class: 'tb-author', href: a.website, rel: 'nofollow ugc noopener', text: name })
        : h('span', { class: 'tb-author', text: name });
      var when = new Date(c.created);
      var body = h('div', { class: 'tb-body' });
      body.appendChild(safeHtml(c.html || ''));
      var liked = store.get(L, 'liked:' + c.id);
      var like = h('button', { type: 'button', class: 'tb-like', 'aria-pressed': liked ? 'true' : 'false',
        'aria-label': t.like + ' (' + c.likes + ')', text: '♥ ' + c.likes });
      like.addEventListener('click', function () {
        like.disabled = true;
        api('POST', '/comments/' + c.id + '/like' + sq).then(function (r) {
          like.disabled = false;
          if (!r.ok) return say(r.data.detail || t.offline);
          store.set(L, 'liked:' + c.id, 1);
          like.textContent = '♥ ' + r.data.likes;
          like.setAttribute('aria-pressed', 'true');
          like.setAttribute('aria-label', t.like + ' (' + r.data.likes + ')');
        }, function () { like.disabled = false; say(t.offline); });
      });
      var foot = h('footer', { class: 'tb-actions' }, like);
      if (c.status !== 'pending') {
        foot.appendChild(h('button', { type: 'button', class: 'tb-reply', text: t.reply, onclick: function (e) {
          var open = li.querySelector(':scope > .tb-form');
          if (open) { open.querySelector('textarea').focus(); return; }
          var f = form(c.id, name);
          li.insertBefore(f, li.lastChild);
          f.querySelector('textarea').focus();
        } }));
      }
      var tok = store.get(L, 'tok:' + c.id);
      if (tok && Date.now() < Date.parse(c.created) + editWindow * 1000) {
        foot.appendChild(h('button', { type: 'button', class: 'tb-edit', text: t.edit, onclick: function () { edit(c, body, tok); } }));
        foot.appendChild(h('button', { type: 'button', class: 'tb-delete', text: t.del, onclick: function () {
          if (!window.confirm(t.confirmDel)) return;
          api('DELETE', '/comments/' + c.id + sq, {}, { 'X-Edit-Token': tok }).then(function (r) {
            if (!r.ok) return say(r.data.detail || t.offline);
            store.set(L, 'tok:' + c.id, null);
            li.replaceChild(h('p', { class: 'tb-tombstone', text: t.deleted }), li.firstChild);
            say(t.removed);
          }, function () { say(t.offline); });
        } }));
      }
      return h('article', { class: c.status === 'pending' ? 'tb-pending' : null },
        h('header', { class: 'tb-meta' }, who, document.createTextNode(' '),
          h('a', { class: 'tb-time', href: '#comment-' + c.id }, h('time', { datetime: c.created, text: when.toLocaleString(t === T.de ? 'de' : 'en') })),
          c.edited ? h('span', { class: 'tb-edited', text: ' · ' + t.edited }) : null,
          c.status === 'pending' ? h('span', { class: 'tb-tag', text: t.pendingTag }) : null),
        body, foot);
    }

    function edit(c, body, tok) {
      if (body.querySelector('textarea')) return;
      api('GET', '/comments/' + c.id + sq).then(function (r) {
        if (!r.ok) return say(r.data.detail || t.offline);
        var old = Array.prototype.slice.call(body.childNodes);
        var ta = h('textarea', { rows: 5, 'aria-label': t.edit });
        ta.value = r.data.source;
        var err = h('p', { class: 'tb-error', role: 'alert', hidden: true });
        body.textContent = '';
        body.appendChild(h('div', { class: 'tb-editing' }, ta, err,
          h('button', { type: 'button', text: t.save, onclick: function () {
            api('PUT', '/comments/' + c.id + sq, { editToken: tok, text: ta.value }).then(function (r2) {
              if (!r2.ok) return show(err, problem(r2));
              body.textContent = '';
              body.appendChild(safeHtml(r2.data.html));
              say(t.saved);
            }, function () { show(err, t.offline); });
          } }),
          h('button', { type: 'button', text: t.cancel, onclick: function () {
            body.textContent = '';
            old.forEach(function (n) { body.appendChild(n); });
          } })));
        ta.focus();
      });
    }

    function problem(r) {
      var msg = r.data.detail || t.offline;
      if (r.status === 503 && r.data.code === 'read_only') { setReadOnly('paused'); msg = t.paused; }
      if (r.retry && (r.status === 429 || r.status === 503)) msg += ' ' + tr('retry', r.retry);
      return msg;
    }

    function field(name, type, label, value, extra) {
      var id = uid(name);
      var input = h(type === 'textarea' ? 'textarea' : 'input', Object.assign({ id: id, name: name, type: type === 'textarea' ? null : type }, extra || {}));
      input.value = value || '';
      var err = h('span', { class: 'tb-field-error', id: id + '-e', hidden: true });
      return h('p', { class: 'tb-field' }, h('label', { for: id, text: label }), input, err);
    }

    function form(parentId, parentName) {
      var key = 'draft:' + d.thread + ':' + (parentId || '');
      var draft = store.get(S, key) || { id: uuid() };
      var me = store.get(L, 'me') || {};
      var f = h('form', { class: 'tb-form', novalidate: true });
      if (parentName) f.setAttribute('aria-label', tr('replyTo', parentName));
      if (session.user) f.appendChild(h('p', { class: 'tb-as', text: tr('as', session.user.name) }));
      else {
        f.appendChild(field('name', 'text', t.name, draft.name || me.name, { autocomplete: 'name' }));
        f.appendChild(field('email', 'email', t.email, draft.email || me.email, { autocomplete: 'email' }));
        f.appendChild(field('website', 'url', t.website, draft.website || me.website, { autocomplete: 'url' }));
      }
      var hint = uid('hint');
      f.appendChild(field('text', 'textarea', t.text, draft.text, { rows: 5, required: true, 'aria-describedby': hint }));
      f.appendChild(h('small', { id: hint, class: 'tb-hint', text: t.hint }));
      var prev = h('div', { class: 'tb-preview', hidden: true, 'aria-live': 'polite' });
      var err = h('p', { class: 'tb-error', role: 'alert', hidden: true });
      var send = h('button', { type: 'submit', text: t.post });
      var pbtn = h('button', { type: 'button', class: 'tb-preview-btn', text: t.preview, 'aria-expanded': 'false' });
      f.appendChild(prev);
      f.appendChild(err);
      f.appendChild(h('p', { class: 'tb-buttons' }, send, pbtn));
      var ta = f.elements.text;
      function save() {
        draft.text = ta.value;
        ['name', 'email', 'website'].forEach(function (k) { if (f.elements[k]) draft[k] = f.elements[k].value; });
        store.set(S, key, draft);
      }
      f.addEventListener('input', save);
      pbtn.addEventListener('click', function () {
        if (!prev.hidden) { prev.hidden = true; pbtn.textContent = t.preview; pbtn.setAttribute('aria-expanded', 'false'); return; }
        api('POST', '/preview', { text: ta.value, format: 'markdown' }).then(function (r) {
          if (!r.ok) return show(err, problem(r));
          prev.textContent = '';
          prev.appendChild(safeHtml(r.data.html));
          prev.hidden = false;
          pbtn.textContent = t.write;
          pbtn.setAttribute('aria-expanded', 'true');
        }, function () { show(err, t.offline); });
      });
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        save();
        show(err, '');
        Array.prototype.forEach.call(f.querySelectorAll('[aria-invalid]'), function (x) {
          x.removeAttribute('aria-invalid'); show(x.nextSibling, '');
        });
        send.disabled = true;
        // the title and URL count only with the host's signature (ThreadSignature); a reader's are ignored
        var body = { id: draft.id, thread: d.thread, threadTitle: d.title || '', threadUrl: d.url || '', threadSignature: d.signature || '',
          parentId: parentId, text: ta.value, format: 'markdown', name: draft.name, email: draft.email, website: draft.website };
        (session.proofOfWork ? pow(sq) : Promise.resolve(null)).then(function (p) {
          body.altcha = p;
          return api('POST', '/comments' + sq, body);
        }).then(function (r) {
          send.disabled = false;
          if (!r.ok) {
            (r.data.errors || []).forEach(function (x) {
              var input = f.elements[x.field === 'author.name' ? 'name' : x.field.replace('author.', '')];
              if (input && input.nextSibling) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-errormessage', input.nextSibling.id); show(input.nextSibling, x.message); }
            });
            return show(err, problem(r));
          }
          var c = r.data.comment;
          if (r.data.editToken) store.set(L, 'tok:' + c.id, r.data.editToken);
          store.set(L, 'me', { name: draft.name, email: draft.email, website: draft.website });
          store.set(S, key, null);
          var msg = r.data.outcome === 'queued' ? t.queuedDone : r.data.outcome === 'pending' ? t.pending : t.posted;
          if (r.data.outcome === 'pending' && r.data.moderationReason) msg += ' (' + r.data.moderationReason + ')';
          if (r.data.outcome === 'queued') setReadOnly('queued');
          c.replies = [];
          var li = node(c);
          if (parentId) {
            var parent = document.getElementById('comment-' + parentId);
            parent.querySelector(':scope > .tb-replies').appendChild(li);
            f.remove();
          } else {
            list.appendChild(li);
            ta.value = '';
            draft = { id: uuid() };
          }
          if (r.data.outcome !== 'published') li.insertBefore(h('p', { class: 'tb-notice', text: msg }), li.firstChild);
          say(msg);
        }, function () { send.disabled = false; show(err, t.offline); });
      });
      return f;
    }

    api('GET', '/session' + q).then(function (r) {
      if (r.ok) { session = r.data; editWindow = r.data.editWindowSeconds; }
    }, function () {}).then(function () { return load(false); });
  }

  function counts() {
    var els = document.querySelectorAll('[data-talkback-count]');
    if (!els.length) return;
    var keys = {};
    Array.prototype.forEach.call(els, function (e) { keys[e.getAttribute('data-talkback-count')] = 1; });
    var lang = (document.documentElement.lang || 'en').slice(0, 2);
    var t = T[lang] || T.en;
    api('GET', '/counts?' + Object.keys(keys).map(function (k) { return 'thread=' + encodeURIComponent(k); }).join('&')).then(function (r) {
      if (!r.ok) return;
      Array.prototype.forEach.call(els, function (e) {
        var n = r.data.counts[e.getAttribute('data-talkback-count')] || 0;
        e.textContent = n === 0 ? t.c0 : n === 1 ? t.c1 : t.cn.replace('{n}', n);
      });
    });
  }

  function start() {
    if (!document.querySelector('link[data-talkback-css]')) {
      document.head.appendChild(h('link', { rel: 'stylesheet', href: SRC.replace(/embed\.js(\?.*)?$/, 'embed.css'), 'data-talkback-css': true }));
    }
    Array.prototype.forEach.call(document.querySelectorAll('[data-talkback]'), function (el) { new Widget(el); });
    counts();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
