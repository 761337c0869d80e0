// Kiosk mode of a zone's 电子查阅点 (docs/subsystems/zones.md). Without JavaScript the kiosk
// still works: the print links open the printable page and there is no idle reset.
(function () {
  "use strict";
  var root = document.documentElement;
  var seconds = parseInt(root.getAttribute("data-kiosk-idle"), 10);

  // Idle reset: after the set time without a touch, key or scroll, back to the home page, so
  // the next visitor never finds what the last one read or typed.
  if (seconds > 0) {
    var timer = null;
    var restart = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        window.location.assign("/");
      }, seconds * 1000);
    };
    ["pointerdown", "pointermove", "keydown", "scroll", "wheel", "touchstart"].forEach(
      function (name) {
        window.addEventListener(name, restart, { passive: true, capture: true });
      }
    );
    restart();
  }

  // Printing: where the page offers its printable version, print this page itself (the print
  // stylesheet keeps only its text) and show the kiosk bar's print button.
  var printLinks = document.querySelectorAll('a[href*="print=1"]');
  var button = document.querySelector("[data-kiosk-print]");
  var print = function (event) {
    event.preventDefault();
    window.print();
  };
  printLinks.forEach(function (link) {
    link.addEventListener("click", print);
  });
  if (button && printLinks.length) {
    button.hidden = false;
    button.addEventListener("click", print);
  }
})();
