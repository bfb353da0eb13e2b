/**
 * The public page's only script, served at `/public/gallery.js` (the Content Security Policy admits no inline
 * script). No Yjs, no framework: it follows `GET /public/:id/events` with the browser's EventSource and
 * applies each `change` or `snapshot` (`GalleryChange`, shared/api/gallery.ts): clause elements replaced,
 * added, removed and put in order; the clause under discussion marked; the header, the banner and the
 * results replaced. EventSource reconnects by itself and sends the last event's id, so the server resumes
 * the stream or sends a snapshot; `end` (the document was withdrawn) stops it. Written in the JavaScript
 * every browser runs as is, since nothing builds it.
 */
export const GALLERY_SCRIPT = `(function () {
  'use strict';
  var body = document.body;
  var documentId = body.getAttribute('data-document');
  var words = JSON.parse(body.getAttribute('data-words'));
  var live = document.getElementById('g-live');
  var list = document.getElementById('g-clauses');
  var discussing = body.getAttribute('data-discussing') || null;

  function parse(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  }
  function replaceInside(id, html) {
    var element = document.getElementById(id);
    if (element && typeof html === 'string') element.replaceChildren(parse(html));
  }
  function apply(change) {
    change.clauses.forEach(function (clause) {
      var next = parse(clause.html).firstElementChild;
      var old = document.getElementById('c-' + clause.id);
      if (old) old.replaceWith(next);
      else list.appendChild(next);
    });
    var kept = {};
    change.order.forEach(function (id) { kept['c-' + id] = true; });
    Array.prototype.slice.call(list.children).forEach(function (element) {
      if (!kept[element.id]) element.remove();
    });
    var previous = null;
    change.order.forEach(function (id) {
      var element = document.getElementById('c-' + id);
      if (!element) return;
      var expected = previous ? previous.nextElementSibling : list.firstElementChild;
      if (expected !== element) list.insertBefore(element, expected);
      previous = element;
    });
    if ('discussing' in change) discussing = change.discussing;
    Array.prototype.slice.call(list.querySelectorAll('.discussing')).forEach(function (element) {
      element.classList.remove('discussing');
    });
    var current = discussing && document.getElementById('c-' + discussing);
    if (current) current.classList.add('discussing');
    replaceInside('g-head', change.headerHtml);
    replaceInside('g-discussing', change.discussingHtml);
    replaceInside('g-votes', change.votesHtml);
  }
  function received(event) {
    apply(JSON.parse(event.data));
    body.setAttribute('data-event', event.lastEventId);
  }
  var since = encodeURIComponent(body.getAttribute('data-event'));
  var source = new EventSource('/public/' + encodeURIComponent(documentId) + '/events?since=' + since);
  source.addEventListener('change', received);
  source.addEventListener('snapshot', received);
  source.addEventListener('end', function () {
    source.close();
    live.textContent = words.ended;
  });
  source.onopen = function () { live.textContent = words.live; };
  source.onerror = function () {
    live.textContent = source.readyState === EventSource.CLOSED ? words.ended : words.reconnecting;
  };
})();
`;
