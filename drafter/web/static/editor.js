// The brief editor: lists (add, remove, move up and down), problems placed beside their fields,
// the variant switcher, and a warning before leaving with unsaved changes. No build step.
(function () {
  "use strict";
  var form = document.getElementById("brief");
  if (!form) return;
  var dirty = false;
  var counter = 0;

  function markDirty() {
    dirty = true;
    var status = document.getElementById("status");
    if (!status.querySelector(".unsaved") && !status.querySelector("#stale")) {
      status.innerHTML = '<span class="unsaved">有未保存的修改</span>';
    }
  }
  function refresh() { markDirty(); htmx.trigger(form, "refresh"); }

  function renumber() {
    form.querySelectorAll(".list > .items").forEach(function (items) {
      var n = 0;
      Array.prototype.forEach.call(items.children, function (item) {
        n += 1;
        var num = item.querySelector(":scope > .item-head > .num");
        if (num) num.textContent = "第 " + n + " 条";
      });
    });
  }

  form.addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (!b || !form.contains(b)) return;
    if (b.hasAttribute("data-add")) {
      var list = b.closest(".list");
      var tpl = list.querySelector(":scope > template");
      var token = tpl.getAttribute("data-token");
      counter += 1;
      var fresh = "n" + Date.now().toString(36) + counter;
      var html = tpl.innerHTML.split(token).join(fresh);
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var item = holder.firstElementChild;
      list.querySelector(":scope > .items").appendChild(item);
      htmx.process(item);
      var first = item.querySelector("input[type=text], textarea");
      if (first) first.focus();
      renumber(); refresh();
    } else if (b.hasAttribute("data-remove")) {
      b.closest(".item").remove(); renumber(); refresh();
    } else if (b.hasAttribute("data-up")) {
      var it = b.closest(".item");
      if (it.previousElementSibling) { it.parentNode.insertBefore(it, it.previousElementSibling); renumber(); refresh(); }
    } else if (b.hasAttribute("data-down")) {
      var it2 = b.closest(".item");
      if (it2.nextElementSibling) { it2.parentNode.insertBefore(it2.nextElementSibling, it2); renumber(); refresh(); }
    }
  });

  form.addEventListener("input", function (ev) { if (ev.target.name && ev.target.name.charAt(0) !== "_") { markDirty(); } });

  // the variant switcher writes options.variant and redraws the preview
  function variantInput() { return form.querySelector('[name="options.variant"]'); }
  function shiftVariant(step) {
    var input = variantInput();
    var v = parseInt((input && input.value) || document.getElementById("variant-shown").textContent || "1", 10) || 1;
    v = Math.max(1, v + step);
    if (input) input.value = String(v);
    document.getElementById("variant-shown").textContent = String(v);
    refresh();
  }
  document.getElementById("variant-prev").addEventListener("click", function () { shiftVariant(-1); });
  document.getElementById("variant-next").addEventListener("click", function () { shiftVariant(1); });

  // after each preview: place the brief's problems beside their fields, show the variant in use
  document.body.addEventListener("htmx:afterSettle", function () {
    form.querySelectorAll(".has-problem").forEach(function (el) { el.classList.remove("has-problem"); });
    form.querySelectorAll("[data-field] > .problem").forEach(function (el) { el.textContent = ""; });
    document.querySelectorAll("#problems .problem-item").forEach(function (p) {
      var name = p.getAttribute("data-for");
      var target = name && form.querySelector('[data-field="' + CSS.escape(name) + '"]');
      if (!target) return;
      var slot = target.querySelector(":scope > .problem");
      if (slot) { slot.textContent = (slot.textContent ? slot.textContent + "；" : "") + p.textContent; }
      target.classList.add("has-problem");
      var d = target.closest("details");
      while (d) { d.open = true; d = d.parentElement.closest("details"); }
    });
    var meta = document.querySelector("#preview .preview-meta");
    if (meta) document.getElementById("variant-shown").textContent = meta.getAttribute("data-variant");
  });

  document.body.addEventListener("htmx:afterRequest", function (ev) {
    if (ev.detail.elt && ev.detail.elt.id === "save" && ev.detail.successful && ev.detail.xhr.status === 200) dirty = false;
  });
  // downloads are submitted to a new tab (formtarget): the page and its unsaved changes stay
  window.addEventListener("beforeunload", function (ev) {
    if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
  });
  renumber();
})();
