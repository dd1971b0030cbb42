// singletable console: live changes from the table's stream (Server-Sent Events). Everything else works without it.
(function () {
  var section = document.getElementById('live-events');
  if (!section || !window.EventSource) {
    return;
  }
  var list = document.getElementById('live-event-list');
  var source = new EventSource(section.getAttribute('data-events'));
  source.addEventListener('change', function (message) {
    var change = JSON.parse(message.data);
    var item = document.createElement('li');
    item.className = 'live-event';
    var link = document.createElement('a');
    link.href = change.link;
    // textContent, never innerHTML: stored values stay text
    link.textContent = change.type + ' ' + change.id + ' v' + change.version;
    item.appendChild(document.createTextNode(change.changedAt + ' ' + change.change + ' '));
    item.appendChild(link);
    if (change.changedBy) {
      item.appendChild(document.createTextNode(' by ' + change.changedBy));
    }
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 100) {
      list.removeChild(list.lastChild);
    }
  });
})();
