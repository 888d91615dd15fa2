/* The review form, enhanced: drafts save while the mentor types, and the total adds up live.
 * Without JavaScript the form works as it is (the buttons post it). Loaded from static/ with
 * the page's CSP nonce; no inline script or style. A save answered 409 (someone else saved)
 * stops autosaving and shows their changes: what was typed stays in the form. */
(function () {
  "use strict";
  var form = document.querySelector("form.review-form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector("[data-autosave-status]");
  var version = form.querySelector("input[name=version]");
  var totalOut = form.querySelector("[data-total]");
  var possible = parseFloat(form.getAttribute("data-possible")) || 0;
  var rubricMax = parseFloat(form.getAttribute("data-rubric-max")) || 0;
  var offline = form.getAttribute("data-offline-message") || "";
  var DELAY = 2500;
  var timer = null;
  var busy = false;
  var pending = false;
  var stopped = false;

  function say(text, isError) {
    if (!status) {
      return;
    }
    status.textContent = text || "";
    status.classList.toggle("errorlist", Boolean(isError));
  }

  function showConflict(html) {
    var box = document.querySelector("[data-conflict]");
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-conflict", "");
      form.parentNode.insertBefore(box, form);
    }
    box.innerHTML = html; /* rendered and escaped by the server's template */
  }

  function save() {
    if (stopped) {
      return;
    }
    if (busy) {
      pending = true;
      return;
    }
    busy = true;
    pending = false;
    var data = new FormData(form);
    data.set("action", "save");
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (result) {
        busy = false;
        if (result.status === 200 && result.body.ok) {
          version.value = result.body.version;
          say(result.body.message, false);
          if (pending) {
            schedule();
          }
        } else if (result.status === 409) {
          stopped = true;
          say(result.body.message, true);
          if (result.body.html) {
            showConflict(result.body.html);
          }
        } else {
          say(result.body.message, true);
        }
      })
      .catch(function () {
        busy = false;
        say(offline, true);
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  }

  function number(name) {
    var field = form.querySelector("[name=" + name + "]");
    var value = field ? parseFloat(String(field.value).replace(",", ".")) : 0;
    return isNaN(value) ? 0 : value;
  }

  function updateTotal() {
    if (!totalOut) {
      return;
    }
    var rows = form.querySelectorAll("fieldset.rubric-row");
    var value = null;
    if (rows.length) {
      var raw = 0;
      var complete = true;
      Array.prototype.forEach.call(rows, function (row) {
        var checked = row.querySelector("input[type=radio]:checked");
        if (checked) {
          raw += parseFloat(checked.getAttribute("data-points")) || 0;
        } else {
          complete = false;
        }
      });
      if (complete && rubricMax > 0) {
        value = Math.round((raw * possible * 100) / rubricMax) / 100 + number("adjustment");
      }
    } else if (form.querySelector("[name=manual_points]")) {
      var manual = form.querySelector("[name=manual_points]").value;
      if (manual !== "") {
        value = number("manual_points") + number("adjustment");
      }
    }
    if (value === null) {
      totalOut.textContent = "–";
    } else {
      value = Math.round(value * 100) / 100;
      totalOut.textContent = String(value);
      totalOut.classList.toggle("errorlist", value < 0 || value > possible);
    }
  }

  form.addEventListener("input", function () {
    updateTotal();
    schedule();
  });
  form.addEventListener("change", function () {
    updateTotal();
    schedule();
  });
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    stopped = true; /* the buttons post the form itself */
    if (busy) {
      /* An autosave is on its way: post once it answered, with the version it returned. */
      event.preventDefault();
      var button = event.submitter;
      var wait = window.setInterval(function () {
        if (!busy) {
          window.clearInterval(wait);
          if (form.requestSubmit) {
            form.requestSubmit(button);
          } else {
            form.submit();
          }
        }
      }, 100);
    }
  });
})();
