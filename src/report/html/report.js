// Sorting and filtering of the matters' table; no outside code.
(function () {
  "use strict";
  var table = document.getElementById("matters-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var status = document.getElementById("status");
  function apply() {
    var text = filter.value.trim().toLowerCase();
    var want = status.value;
    Array.prototype.forEach.call(body.rows, function (row) {
      var hit = row.textContent.toLowerCase().indexOf(text) >= 0;
      var state = (row.getAttribute("data-status") || "").split(" ");
      row.hidden = !(hit && (!want || state.indexOf(want) >= 0));
    });
  }
  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      var asc = !th.classList.contains("asc");
      Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var num = th.getAttribute("data-sort") === "num";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var d = num ? Number(x) - Number(y) : x.localeCompare(y, "zh-CN");
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
}());
