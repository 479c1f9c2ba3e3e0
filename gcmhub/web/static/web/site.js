// Progressive enhancements only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen-reader and keyboard users hear it first.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  // Ask before destructive actions (forms marked data-confirm).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // Beside a session's time in the venue's zone, the same time in the reader's own zone.
  var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll(".your-time").forEach(function (span) {
    if (!own || own === span.getAttribute("data-zone")) return;
    var lang = document.documentElement.lang;
    var time = { hour: "2-digit", minute: "2-digit" };
    var start = new Date(span.getAttribute("data-start"));
    var end = new Date(span.getAttribute("data-end"));
    var day = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", month: "short" });
    var last = new Intl.DateTimeFormat(lang, Object.assign({ timeZoneName: "short" }, time));
    span.textContent = " (" + span.getAttribute("data-label") + ": " + day.format(start) + " " +
      new Intl.DateTimeFormat(lang, time).format(start) + "–" + last.format(end) + ")";
  });
});
