// The live progress of a running round: asks the server every second how far it is, shows it
// (as text only: textContent, never HTML), and reloads the page once the round has ended.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) {
    return;
  }
  var states = JSON.parse(box.dataset.states);

  function fill(template, pages, total) {
    return template.replace("{pages}", String(pages)).replace("{total}", String(total));
  }

  function show(live) {
    var bar = document.getElementById("bar");
    bar.max = Math.max(live.total, 1);
    bar.value = live.pages;
    document.getElementById("state").textContent = states[live.state] || live.state;
    var template = live.total ? box.dataset.progress : box.dataset.progressFolder;
    document.getElementById("count").textContent = fill(template, live.pages, live.total);
    document.getElementById("current").textContent = live.current;
    var list = document.getElementById("errors");
    while (list.children.length < live.errors.length) {
      var error = live.errors[list.children.length];
      var item = document.createElement("li");
      var page = document.createElement("code");
      page.textContent = error.page;
      item.appendChild(page);
      item.appendChild(document.createTextNode(": " + error.message));
      list.appendChild(item);
    }
  }

  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.json(); })
      .then(function (data) {
        if (data.status !== "running") {
          window.location.reload();
          return;
        }
        if (data.live) {
          show(data.live);
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 500);
})();
