// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  // One submission per answer form: a double click must not send the answer twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-single-submit]")) return;
    if (form.dataset.submitted === "1") { event.preventDefault(); return; }
    form.dataset.submitted = "1";
    // Keep the clicked button's name/value (Je passe vs Valider) by disabling after the event loop.
    setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    }, 0);
  });

  // Visible countdown for timed challenges; the server checks the elapsed time itself.
  function startTimer(el) {
    var remaining = parseInt(el.dataset.remaining, 10);
    var output = el.querySelector("[data-timer-value]");
    var field = document.getElementById(el.dataset.field);
    var announced = false;
    function render() {
      var m = Math.floor(Math.max(remaining, 0) / 60), s = Math.max(remaining, 0) % 60;
      output.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (field) field.value = Math.max(remaining, 0);
      if (remaining <= 0) {
        el.classList.add("expired");
        if (!announced) { el.setAttribute("aria-live", "assertive"); announced = true; }
      }
    }
    render();
    var handle = setInterval(function () { remaining -= 1; render(); if (remaining <= -1) clearInterval(handle); }, 1000);
  }
  document.querySelectorAll("[data-timer]").forEach(startTimer);

  // Focused challenges: leaving the page is recorded with the answer.
  var focusField = document.getElementById("focused-out");
  if (focusField) {
    var warn = document.getElementById("focus-warning");
    var leave = function () {
      focusField.value = "1";
      if (warn) warn.hidden = false;
    };
    window.addEventListener("blur", leave);
    document.addEventListener("visibilitychange", function () { if (document.hidden) leave(); });
  }

  // Embedded simulators with auto_reply post their answer; only our own origin is trusted.
  var autoReply = document.querySelector("[data-auto-reply]");
  if (autoReply) {
    window.addEventListener("message", function (event) {
      if (event.origin !== window.location.origin && event.origin !== "null") return;
      var data = event.data || {};
      if (typeof data.octetAnswer === "string") {
        autoReply.value = data.octetAnswer;
        var status = document.getElementById("auto-reply-status");
        if (status) status.textContent = status.dataset.received;
      }
    });
  }
})();
