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
    var announce = document.getElementById("timer-announce");
    var expired = document.getElementById("timer-expired");
    var expiredShown = false;
    function say(text) { if (announce) announce.textContent = text; }
    function render() {
      var m = Math.floor(Math.max(remaining, 0) / 60), s = Math.max(remaining, 0) % 60;
      output.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (field) field.value = Math.max(remaining, 0);
      // A screen reader hears the countdown only at a few moments, never every second.
      if (remaining === 30 || remaining === 10) say(el.dataset.soonText.replace("{n}", remaining));
      if (remaining <= 0 && !expiredShown) {
        expiredShown = true;
        el.classList.add("expired");
        if (expired) expired.hidden = false;
        say(el.dataset.expiredText);
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

  // After htmx replaces a block, keep keyboard users where they were (WCAG 2.4.3): the pressed tutorial
  // button again, or the correction that was just opened.
  var pendingFocus = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    var box = form && form.closest && form.closest(".tutorial-actions");
    if (!box) return;
    pendingFocus = { id: box.id, index: Array.prototype.indexOf.call(box.querySelectorAll("form"), form) };
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && target.id === "correction-panel") {
      var panel = target.querySelector(".correction");
      if (panel) panel.focus();
      return;
    }
    if (!pendingFocus) return;
    var box = document.getElementById(pendingFocus.id);
    var forms = box ? box.querySelectorAll("form") : [];
    var button = forms[pendingFocus.index] && forms[pendingFocus.index].querySelector("button");
    if (button) button.focus();
    pendingFocus = null;
  });
})();
