// Kiem: a little progressive enhancement. Every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // The queue: j/k move between cases, Enter opens one, "/" jumps to the filters.
  const rows = Array.from(document.querySelectorAll("table.queue tr[data-href]"));
  let current = -1;
  const select = (index) => {
    if (rows.length === 0) return;
    if (current >= 0) rows[current].classList.remove("selected");
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows[current].classList.add("selected");
    rows[current].setAttribute("tabindex", "-1");
    rows[current].focus();
  };
  rows.forEach((row, index) => row.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    window.location.href = row.dataset.href;
    select(index);
  }));
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target.matches("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (rows.length > 0 && (event.key === "j" || event.key === "k")) {
      select(current + (event.key === "j" ? 1 : -1));
      event.preventDefault();
    } else if (rows.length > 0 && event.key === "Enter" && current >= 0) {
      window.location.href = rows[current].dataset.href;
    } else if (event.key === "/") {
      const filter = document.querySelector(".filters select, .filters input, input[type=search]");
      if (filter) { filter.focus(); event.preventDefault(); }
    }
  });
  // "Select all" for a group of check boxes.
  document.querySelectorAll("[data-check-all]").forEach((button) => button.addEventListener("click", () => {
    document.querySelectorAll(`input[type=checkbox][name="${button.dataset.checkAll}"]:not(:disabled)`).forEach((box) => { box.checked = true; });
  }));
});
