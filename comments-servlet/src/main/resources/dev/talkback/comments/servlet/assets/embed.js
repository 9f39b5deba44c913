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
  /* Counts and loading texts; every other text comes from the server (GET /api/session, messages*.properties). */
  var T = {
    en: { c0: 'No comments yet', c1: '1 comment', cn: '{n} comments', loading: 'Loading comments…', fail: 'Comments could not be loaded.', offline: 'The comment server could not be reached. Your text is kept; please try again.' },
    de: { c0: 'Noch keine Kommentare', c1: '1 Kommentar', cn: '{n} Kommentare', loading: 'Kommentare werden geladen…', fail: 'Die Kommentare konnten nicht geladen werden.', offline: 'Der Kommentar-Server ist nicht erreichbar. Ihr Text bleibt erhalten; bitte erneut versuchen.' }
  };
  var store = {
    get: function (s, k) { try { return JSON.parse(s.getItem('tb:' + k)); } catch (e) { return null; } },
    set: function (s, k, v) { try { v == null ? s.removeItem('tb:' + k) : s.setItem('tb:' + k, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  };
  var L = window.localStorage, S = window.sessionStorage;
  /* Work that can wait until the comments are painted (setTimeout reads the options as a delay of 0). */
  function later(f) { (window.requestIdleCallback || setTimeout)(f, { timeout: 200 }); }

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

  /* The server sends sanitized HTML; parse it inertly (a template's content has no browsing context: nothing
     loads or runs) and drop anything active anyway (defence in depth) before it enters the page. */
  var tpl;
  function safeHtml(html) {
    (tpl = tpl || document.createElement('template')).innerHTML = html;
    var all = tpl.content.querySelectorAll('*'), frag = document.createDocumentFragment();
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (/^(script|style|iframe|object|embed|form|input|button|textarea|select|link|meta|base|svg|math|template)$/i.test(el.tagName)) { el.remove(); continue; }
      for (var j = el.attributes.length - 1; j >= 0; j--) {
        var a = el.attributes[j];
        if (/^on/i.test(a.name) || /^(href|src|action|formaction|xlink:href)$/i.test(a.name) && !/^(https?:|mailto:|#|\/)/i.test(a.value.trim())) el.removeAttribute(a.name);
      }
    }
    frag.appendChild(tpl.content);
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
    var lang = d.lang || document.documentElement.lang || navigator.language || 'en';
    var t = Object.assign({}, T.en, T[lang.slice(0, 2).toLowerCase()]);
    var sq = d.site ? '?site=' + encodeURIComponent(d.site) : '';
    var q = '?thread=' + encodeURIComponent(d.thread) + (d.site ? '&site=' + encodeURIComponent(d.site) : '');
    var sort = 'oldest', cursor = null, session = {}, readOnly = null, editWindow = 900, total = 0, names = {};
    var ownKey = 'own:' + (d.site || '') + ':' + d.thread;
    function tr(k, n) { return t[k].replace('{n}', n); }
    function count(n) { return n === 0 ? t.c0 : n === 1 ? t.c1 : tr('cn', n); }

    var live, banner, heading, select, list, more, notice, formSlot;
    function init() {
      live = h('p', { class: 'tb-sr', 'aria-live': 'polite', role: 'status' });
      banner = h('p', { class: 'tb-banner', role: 'status', hidden: true });
      heading = h('h2', { class: 'tb-count', text: t.loading });
      select = h('select', { id: uid('sort'), onchange: function () { load(false, select.value); } });
      ['oldest', 'newest', 'top'].forEach(function (s) { select.appendChild(h('option', { value: s, text: t[s] })); });
      list = h('ol', { class: 'tb-list' });
      more = h('button', { type: 'button', class: 'tb-more', hidden: true, text: t.more, onclick: function () { load(true); } });
      notice = h('p', { class: 'tb-notice', role: 'status', hidden: true });
      formSlot = h('div');
      root.textContent = '';
      root.appendChild(h('section', { 'aria-label': t.text },
        banner, h('div', { class: 'tb-bar' }, heading, h('label', { for: select.id, text: t.sort }), select),
        notice, formSlot, list, more, live));
    }

    function uid(s) { return 'tb-' + s + '-' + Math.random().toString(36).slice(2, 8); }
    function say(msg) { live.textContent = ''; setTimeout(function () { live.textContent = msg; }, 50); }
    function show(el, msg) { el.textContent = msg || ''; el.hidden = !msg; }
    function setCount(n) { total = Math.max(0, n); heading.textContent = count(total); }
    function setReadOnly(state) {
      readOnly = state;
      show(banner, state ? t[state] : '');
      banner.classList.toggle('tb-readonly', !!state);
    }

    /* "3 hours ago" in the page's language, the absolute date as a tooltip. Written when the browser is idle,
       after the comments are painted: the first Intl formatter of a page costs 20-100 ms (ICU loads). */
    var rtf, dtf, times = [];
    function time(iso) {
      var el = h('time', { datetime: iso });
      if (times.push(el) === 1) later(when);
      return el;
    }
    function when() {
      dtf = dtf || new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });
      rtf = rtf || Intl.RelativeTimeFormat && new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
      times.splice(0).forEach(function (el) {
        var at = new Date(el.dateTime), s = (at - Date.now()) / 1000, u = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [1e9, 'year']];
        for (var i = 0; Math.abs(s) >= u[i][0]; i++) s /= u[i][0];
        el.title = dtf.format(at);
        el.textContent = rtf ? rtf.format(Math.abs(s) < 45 && !i ? 0 : Math.round(s), u[i][1]) : at.toLocaleString(lang);
      });
    }

    /* Own pending and queued comments, kept in localStorage until the thread shows them. */
    function own() { return (store.get(L, ownKey) || []).filter(function (o) { return Date.now() - o.at < 6048e5; }); }
    function keepOwn(c) { var o = own(); o.push({ c: c, at: Date.now() }); store.set(L, ownKey, o); }
    function showOwn() {
      store.set(L, ownKey, own().filter(function (o) {
        if (document.getElementById('comment-' + o.c.id)) return o.c.status === 'pending' && list.querySelector('#comment-' + o.c.id + ' .tb-tag');
        place(node(o.c), o.c.parentId);
        return true;
      }));
    }
    function place(li, parentId) {
      flush();
      var parent = parentId && document.getElementById('comment-' + parentId);
      if (parent) parent.querySelector(':scope > .tb-replies').appendChild(li);
      else if (sort === 'newest') list.insertBefore(li, list.firstChild);
      else list.appendChild(li);
    }

    function load(append, newSort, asked) {
      var url = '/thread' + q + '&sort=' + (newSort || sort) + (append && cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return (asked || api('GET', url)).then(function (r) {
        flush();
        if (!r.ok) return failed(r);
        var p = r.data;
        if (newSort) sort = newSort;
        setCount(p.totalCount);
        if (!append) { list.textContent = ''; show(notice, ''); }
        /* A comment posted here since the first page is in a later one too: the server's copy takes its place. */
        else p.comments.forEach(drop);
        /* About a screenful of comments now, the rest when the browser is idle, once that has been painted. */
        var cs = p.comments, i = 0;
        cursor = p.nextCursor;
        built = 0;
        for (; i < cs.length && built < 12; i++) list.appendChild(node(cs[i]));
        rest = function () {
          for (; i < cs.length; i++) list.appendChild(node(cs[i]));
          if (!append) showOwn();
          more.hidden = !cursor;
        };
        i < cs.length ? later(flush) : flush();
        setReadOnly(p.readOnly);
        if (p.stale) show(notice, t.stale);
        if (p.closed) { formSlot.textContent = ''; formSlot.appendChild(h('p', { class: 'tb-closed', text: t.closed })); }
        else if (!formSlot.firstChild) formSlot.appendChild(form(null));
        if (append) say(tr('loaded', p.comments.length));
      }, failed);
      function failed(r) {
        if (newSort && list.firstChild) { select.value = sort; show(notice, t.sortFail + ' ' + problem(r || {})); return; }
        if (!list.firstChild) heading.textContent = t.fail;
        show(notice, problem(r || {}));
      }
    }

    var built, rest;
    function flush() { var f = rest; rest = null; if (f) f(); }
    function drop(c) {
      var old = document.getElementById('comment-' + c.id);
      if (old) old.remove();
      (c.replies || []).forEach(drop);
    }

    function node(n, parentId) {
      built++;
      var li = h('li', { class: 'tb-c', id: 'comment-' + n.id });
      var replies = h('ol', { class: 'tb-replies' });
      if (n.tombstone) li.appendChild(h('p', { class: 'tb-tombstone', text: t.deleted }));
      else li.appendChild(article(n, li, parentId));
      (n.replies || []).forEach(function (r) { replies.appendChild(node(r, n.id)); });
      li.appendChild(replies);
      return li;
    }

    function article(c, li, parentId) {
      var a = c.author || {}, name = a.name || t.anon, queued = c.queued;
      names[c.id] = name;
      var who = a.website && /^https?:\/\//i.test(a.website)
        ? h('a', { class: 'tb-author', href: a.website, rel: 'nofollow ugc noopener', text: name })
        : h('span', { class: 'tb-author', text: name });
      var body = h('div', { class: 'tb-body' });
      body.appendChild(safeHtml(c.html || ''));
      var liked = store.get(L, 'liked:' + c.id);
      var likeErr = h('span', { class: 'tb-error', role: 'alert', hidden: true });
      var like = h('button', { type: 'button', class: 'tb-like', 'aria-pressed': liked ? 'true' : 'false',
        'aria-label': t.like + ' (' + c.likes + ')', text: '♥ ' + c.likes });
      like.addEventListener('click', function () {
        like.disabled = true;
        show(likeErr, '');
        api('POST', '/comments/' + c.id + '/like' + sq).then(function (r) {
          like.disabled = false;
          if (!r.ok) return show(likeErr, t.likeFail + ' ' + problem(r));
          store.set(L, 'liked:' + c.id, 1);
          like.textContent = '♥ ' + r.data.likes;
          like.setAttribute('aria-pressed', 'true');
          like.setAttribute('aria-label', t.like + ' (' + r.data.likes + ')');
        }, function () { like.disabled = false; show(likeErr, t.likeFail + ' ' + t.offline); });
      });
      var foot = h('footer', { class: 'tb-actions' });
      if (c.status !== 'pending' && !queued) {
        foot.appendChild(like);
        foot.appendChild(h('button', { type: 'button', class: 'tb-reply', text: t.reply, onclick: function () {
          var open = li.querySelector(':scope > .tb-form');
          if (open) { open.querySelector('textarea').focus(); return; }
          var f = form(c.id, name);
          li.insertBefore(f, li.lastChild);
          f.querySelector('textarea').focus();
        } }));
      }
      var tok = store.get(L, 'tok:' + c.id);
      if (tok && !queued && Date.now() < Date.parse(c.created) + editWindow * 1000) {
        foot.appendChild(h('button', { type: 'button', class: 'tb-edit', text: t.edit, onclick: function () { edit(c, art, tok); } }));
        foot.appendChild(h('button', { type: 'button', class: 'tb-delete', text: t.del, onclick: function () {
          if (!window.confirm(t.confirmDel)) return;
          api('DELETE', '/comments/' + c.id + sq, {}, { 'X-Edit-Token': tok }).then(function (r) {
            if (!r.ok) return show(likeErr, problem(r));
            store.set(L, 'tok:' + c.id, null);
            var n = li.querySelector(':scope > .tb-notice');
            if (n) n.remove();
            art.replaceWith(h('p', { class: 'tb-tombstone', text: t.deleted }));
            if (c.status === 'approved') setCount(total - 1);
            say(t.removed);
          }, function () { show(likeErr, t.offline); });
        } }));
      }
      foot.appendChild(likeErr);
      var tag = queued ? t.queuedTag : c.status === 'pending' ? t.pendingTag : null;
      var art = h('article', { class: tag ? 'tb-pending' : null },
        a.avatar ? h('img', { class: 'tb-avatar', src: /^https?:/.test(a.avatar) ? a.avatar : BASE + '/' + a.avatar, alt: '', width: 36, height: 36, loading: 'lazy' }) : null,
        h('header', { class: 'tb-meta' }, who, document.createTextNode(' '),
          h('a', { class: 'tb-time', href: '#comment-' + c.id }, time(c.created)),
          c.edited ? h('span', { class: 'tb-edited', text: ' · ' + t.edited }) : null,
          tag ? h('span', { class: 'tb-tag', text: tag }) : null,
          parentId && c.parentId && c.parentId !== parentId && names[c.parentId]
            ? h('a', { class: 'tb-inreply', href: '#comment-' + c.parentId, text: '↪ ' + tr('inReply', names[c.parentId]) }) : null),
        body, foot);
      return art;
    }

    function edit(c, art, tok) {
      if (art.querySelector('.tb-editing')) return;
      var body = art.querySelector('.tb-body'), foot = art.querySelector('.tb-actions');
      (c.source != null ? Promise.resolve({ ok: true, data: c }) : api('GET', '/comments/' + c.id + sq)).then(function (r) {
        if (!r.ok) return show(foot.lastChild, problem(r));
        var ta = h('textarea', { rows: 5, 'aria-label': t.edit });
        ta.value = r.data.source;
        var err = h('p', { class: 'tb-error', role: 'alert', hidden: true });
        var box = h('div', { class: 'tb-form tb-editing' }, ta, err, h('p', { class: 'tb-buttons' },
          h('button', { type: 'submit', class: 'tb-save', text: t.save, onclick: function () {
            api('PUT', '/comments/' + c.id + sq, { editToken: tok, text: ta.value }).then(function (r2) {
              if (!r2.ok) return show(err, problem(r2));
              c.source = r2.data.source;
              body.textContent = '';
              body.appendChild(safeHtml(r2.data.html));
              var meta = art.querySelector('.tb-meta');
              if (!meta.querySelector('.tb-edited')) meta.insertBefore(h('span', { class: 'tb-edited', text: ' · ' + t.edited }), meta.querySelector('.tb-time').nextSibling);
              close();
              say(t.saved);
            }, function () { show(err, t.offline); });
          } }),
          h('button', { type: 'button', text: t.cancel, onclick: close })));
        function close() { box.remove(); body.hidden = foot.hidden = false; foot.querySelector('button').focus(); }
        body.hidden = foot.hidden = true;
        art.insertBefore(box, body);
        ta.focus();
      }, function () { show(foot.lastChild, t.offline); });
    }

    /* What went wrong, in words that say what to do; never the server's internal text. */
    function problem(r, posting) {
      var p = r.data || {}, s = r.status;
      if (!s) return t.offline;
      if (p.code === 'read_only') { if (!posting) return t.roEdit; setReadOnly('paused'); return t.paused; }
      if (s === 429) return tr('slow', r.retry || 60);
      if (p.code === 'thread_closed') return t.closed;
      if (/^edit_/.test(p.code)) return t.noEdit;
      if (s === 403 && !p.code) return t.hostDenied.replace('{n}', s + (p.error || p.title ? ' ' + (p.error || p.title) : '')); /* the blog's own security, not Talkback */
      if (s === 403) return t.denied;
      if (s >= 500 || !p.detail) return t.down;
      return p.detail.charAt(0).toUpperCase() + p.detail.slice(1) + (/[.!?]$/.test(p.detail) ? '' : '.');
    }

    function field(name, type, label, value, extra) {
      var id = uid(name);
      var input = h(type === 'textarea' ? 'textarea' : 'input', Object.assign({ id: id, name: name, type: type === 'textarea' ? null : type }, extra || {}));
      input.value = value || '';
      var err = h('span', { class: 'tb-field-error', id: id + '-e', hidden: true });
      return h('p', { class: 'tb-field tb-' + name }, h('label', { for: id, text: label, class: name === 'text' ? 'tb-sr' : null }), input, err);
    }

    function box(name, label, hint) {
      var id = uid(name);
      return h('p', { class: 'tb-field tb-check' }, h('input', { type: 'checkbox', id: id, name: name, 'aria-describedby': hint }),
        document.createTextNode(' '), h('label', { for: id, text: label }));
    }

    function form(parentId, parentName) {
      var key = 'draft:' + d.thread + ':' + (parentId || '');
      var draft = store.get(S, key) || { id: uuid() };
      var me = store.get(L, 'me') || {};
      var f = h('form', { class: 'tb-form' + (parentId || draft.text ? '' : ' tb-compact'), novalidate: true });
      if (parentName) f.setAttribute('aria-label', tr('replyTo', parentName));
      var hint = uid('hint');
      f.appendChild(field('text', 'textarea', t.text, draft.text, { rows: 4, required: true, placeholder: t.join, 'aria-describedby': hint }));
      var extra = h('div', { class: 'tb-extra' }, h('small', { id: hint, class: 'tb-hint', text: t.hint }));
      if (session.user) extra.appendChild(h('p', { class: 'tb-as', text: tr('as', session.user.name) }));
      else {
        extra.appendChild(field('name', 'text', t.name, draft.name || me.name, { autocomplete: 'name' }));
        extra.appendChild(field('email', 'email', t.email, draft.email || me.email, { autocomplete: 'email' }));
        extra.appendChild(field('website', 'url', t.website, draft.website || me.website, { autocomplete: 'url' }));
      }
      if (session.notifications) { // "email me": off by default, never remembered
        var nh = uid('nhint');
        extra.appendChild(box('notifyReplies', t.notifyReplies, nh));
        extra.appendChild(box('notifyThread', t.notifyThread, nh));
        extra.appendChild(h('small', { id: nh, class: 'tb-hint', text: t.notifyHint }));
      }
      var prev = h('div', { class: 'tb-preview tb-body', hidden: true, 'aria-live': 'polite' });
      var err = h('p', { class: 'tb-error', role: 'alert', hidden: true });
      var send = h('button', { type: 'submit', text: t.post });
      var pbtn = h('button', { type: 'button', class: 'tb-preview-btn', text: t.preview, 'aria-expanded': 'false' });
      extra.appendChild(prev);
      extra.appendChild(err);
      extra.appendChild(h('p', { class: 'tb-buttons' }, send, pbtn));
      f.appendChild(extra);
      var ta = f.elements.text;
      function ticked(k) { return !!(f.elements[k] && f.elements[k].checked); }
      f.addEventListener('focusin', function () { f.classList.remove('tb-compact'); });
      function save() {
        draft.text = ta.value;
        ['name', 'email', 'website'].forEach(function (k) { if (f.elements[k]) draft[k] = f.elements[k].value; });
        store.set(S, key, draft);
      }
      function unpreview() { prev.hidden = true; prev.textContent = ''; pbtn.textContent = t.preview; pbtn.setAttribute('aria-expanded', 'false'); }
      f.addEventListener('input', save);
      pbtn.addEventListener('click', function () {
        if (!prev.hidden) return unpreview();
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
        var body = { id: draft.id, thread: d.thread, threadTitle: d.signature && d.title || '', threadUrl: d.signature && d.url || '', threadSignature: d.signature || '',
          parentId: parentId, text: ta.value, format: 'markdown', name: draft.name, email: draft.email, website: draft.website,
          notifyReplies: ticked('notifyReplies'), notifyThread: ticked('notifyThread') };
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
            return show(err, problem(r, true));
          }
          var c = r.data.comment, out = r.data.outcome;
          if (r.data.editToken) store.set(L, 'tok:' + c.id, r.data.editToken);
          store.set(L, 'me', { name: draft.name, email: draft.email, website: draft.website });
          store.set(S, key, null);
          var msg = out === 'queued' ? t.queuedDone : out === 'pending' ? t.pending : t.posted;
          if (out === 'pending' && r.data.moderationReason) msg += ' (' + r.data.moderationReason + ')';
          if (r.data.subscription === 'requested') msg += ' ' + t.subscribed;
          else if (r.data.subscription === 'not_recorded') msg += ' ' + t.notSubscribed;
          ['notifyReplies', 'notifyThread'].forEach(function (k) { if (f.elements[k]) f.elements[k].checked = false; });
          if (out === 'queued') { setReadOnly('queued'); c.queued = true; }
          if (out === 'published') setCount(total + 1); else keepOwn(c);
          c.replies = [];
          var li = node(c, parentId);
          place(li, parentId);
          if (parentId) f.remove();
          else { ta.value = ''; draft = { id: uuid() }; unpreview(); f.classList.add('tb-compact'); }
          li.insertBefore(h('p', { class: 'tb-notice', role: 'status', text: msg }), li.firstChild);
          li.classList.add('tb-new');
          li.scrollIntoView({ block: 'center' });
          say(msg);
        }, function () { send.disabled = false; show(err, t.offline); });
      });
      return f;
    }

    root.classList.add('talkback');
    root.textContent = t.loading;
    var first = api('GET', '/thread' + q + '&sort=' + sort);
    first.catch(function () {});
    Promise.all([api('GET', '/session' + q + '&lang=' + encodeURIComponent(lang)), CSS]).then(function (r) {
      r = r[0];
      if (!r.ok) return Promise.reject(r);
      session = r.data; editWindow = r.data.editWindowSeconds; Object.assign(t, r.data.texts);
      init();
      return load(false, null, first);
    }).catch(function () { root.textContent = t.fail + ' ' + t.offline; });
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

  var CSS;
  function start() {
    CSS = new Promise(function (ok) {
      if (document.querySelector('link[data-talkback-css]')) return ok();
      document.head.appendChild(h('link', { rel: 'stylesheet', href: SRC.replace(/embed\.js(\?.*)?$/, 'embed.css'), 'data-talkback-css': true, onload: ok, onerror: ok }));
      setTimeout(ok, 3000);
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-talkback]'), function (el) { new Widget(el); });
    counts();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
