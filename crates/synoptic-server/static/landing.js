// The landing page of the Synoptic workbench: create a meeting with its
// documents in one request (made whole or not at all), then open the
// chair's page. Plain JavaScript, no build step; text from files and the
// server is only ever set with textContent/value.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const MINE = "synoptic-my-meetings";
  const NAME = "synoptic-name";

  function show(id, text) {
    const el = $(id);
    el.textContent = text;
    el.hidden = !text;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function stored(name, fallback) {
    try {
      return JSON.parse(window.localStorage.getItem(name) || "null") || fallback;
    } catch (e) {
      return fallback;
    }
  }

  function store(name, value) {
    try {
      window.localStorage.setItem(name, JSON.stringify(value));
    } catch (e) {
      // No storage (a private window): nothing is remembered.
    }
  }

  // The meetings this browser created, newest first, with their chair
  // links (kept in this browser only).
  function listMine() {
    const mine = stored(MINE, []);
    const list = $("my-meetings-list");
    list.replaceChildren();
    for (const m of mine) {
      list.append(
        el(
          "li",
          { "data-my-meeting": m.id },
          el("a", { href: m.chair_link, text: m.title }),
          el("span", { class: "hint", text: " created " + m.created.replace("T", " ").slice(0, 16) + " UTC" })
        )
      );
    }
    $("my-meetings").hidden = mine.length === 0;
  }

  async function create(event) {
    event.preventDefault();
    show("error-bar", "");
    const button = $("create-submit");
    button.disabled = true;
    try {
      const form = new FormData();
      const title = $("meeting-title").value.trim();
      const by = $("chair-name").value.trim();
      form.append("title", title);
      if (by) form.append("by", by);
      if ($("create-key").value.trim()) form.append("create_key", $("create-key").value.trim());
      const table = $("side-by-side-file").files[0];
      if (table) {
        form.append("side-by-side", table, table.name);
      } else {
        const base = $("base-file").files[0];
        if (base) form.append("base", base, base.name);
        for (const file of $("proposal-files").files) form.append("proposal", file, file.name);
      }
      show("create-status", "Creating the meeting and reading its documents…");
      const response = await fetch("/api/meetings", { method: "POST", body: form, credentials: "omit" });
      let meeting = null;
      try {
        meeting = await response.json();
      } catch (e) {
        meeting = null;
      }
      if (!response.ok) {
        throw new Error((meeting && meeting.error) || response.status + " " + response.statusText);
      }
      store(NAME, by);
      const mine = stored(MINE, []).filter((m) => m.id !== meeting.id);
      mine.unshift({ id: meeting.id, title: meeting.title, chair_link: meeting.chair_link, created: new Date().toISOString() });
      store(MINE, mine.slice(0, 50));
      show("create-status", "Opening the meeting…");
      window.location.assign(meeting.chair_link);
    } catch (error) {
      show("create-status", "");
      show("error-bar", error.message);
    } finally {
      button.disabled = false;
    }
  }

  $("chair-name").value = stored(NAME, "") || "";
  listMine();
  fetch("/api/server", { credentials: "omit" })
    .then((r) => r.json())
    .then((info) => {
      $("create-key-row").hidden = !info.create_key_required;
      $("create-key").required = !!info.create_key_required;
      const limits = info.limits || {};
      if (limits.max_file_bytes) {
        show("limits-note", "Up to " + Math.round(limits.max_file_bytes / 1048576) + " MiB a file, " + limits.max_documents + " documents a meeting.");
      }
    })
    .catch(() => {});
  $("create-meeting").addEventListener("submit", create);
})();
