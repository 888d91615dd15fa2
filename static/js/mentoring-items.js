// The meeting form: "Add another action item" copies the empty row (the form works without it:
// two empty rows are always there).
(function () {
  "use strict";
  var button = document.querySelector(".add-item");
  var template = document.getElementById("item-row-template");
  if (!button || !template) return;
  var prefix = button.getAttribute("data-prefix");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
  var list = document.querySelector(".item-rows");
  button.hidden = false;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var field = list.lastElementChild.querySelector("input[type=text]");
    if (field) field.focus();
  });
})();
