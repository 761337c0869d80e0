/* 我要留言: while the citizen types a title and text, show answered questions and policy Q&A
   like it (the server's /hdjl/ly/suggest/ fragment) in a live region. Without this script the
   form shows them as a second step before the message is sent. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) {
    return;
  }
  var title = form.querySelector("[name=title]");
  var text = form.querySelector("[name=text]");
  var seen = form.querySelector("[name=suggestions_seen]");
  var box = document.getElementById("suggestions-live");
  if (!title || !text || !box) {
    return;
  }
  var timer = null;
  var last = "";

  function look() {
    var query = (title.value + " " + text.value).trim().slice(0, 500);
    if (query.length < 4 || query === last) {
      return;
    }
    last = query;
    fetch(form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || query !== last) {
          return;
        }
        box.innerHTML = html;
        if (seen) {
          seen.value = "on";
        }
      })
      .catch(function () {
        /* The second step on the server shows them instead. */
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 700);
  }

  title.addEventListener("input", later);
  text.addEventListener("input", later);
})();
