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

  // The meetings one request made (one per text), with their links.
  function listCreated(made, skipped) {
    const list = $("created-meetings-list");
    list.replaceChildren();
    const origin = window.location.origin;
    for (const m of made) {
      const proposals = ((m.text && m.text.proposals) || []).map((p) => p.proposer + " " + p.action).join(", ");
      list.append(
        el(
          "li",
          { "data-created-meeting": m.id },
          el("strong", { text: m.title }),
          el("span", { class: "hint", text: proposals ? " (" + proposals + ")" : "" }),
          el("br"),
          el("a", { href: m.chair_link, "data-link": "chair", text: "chair" }),
          " · ",
          el("a", { href: m.delegate_link, "data-link": "delegate", text: "delegate: " + origin + m.delegate_link }),
          " · ",
          el("a", { href: m.projector_link, "data-link": "projector", text: "projector" })
        )
      );
    }
    for (const s of skipped) {
      list.append(el("li", { class: "hint", text: "left out: " + s.file + (s.number ? " " + s.number : "") + ": " + s.reason }));
    }
    $("created-meetings").hidden = made.length === 0;
    $("created-meetings").scrollIntoView({ block: "start" });
  }

  // The texts the chosen contributions change, read by the server, to
  // pick one or make one meeting per text.
  let reading = 0;
  async function readTexts() {
    // Only the answer to the latest choice of files fills the list.
    const mine = ++reading;
    const contributions = $("contribution-files").files;
    const select = $("contribution-text");
    $("meeting-title").required = contributions.length === 0;
    select.replaceChildren(el("option", { value: "*", text: "One meeting per text" }));
    $("contribution-text-row").hidden = contributions.length === 0;
    if (!contributions.length) return;
    const form = new FormData();
    for (const file of contributions) form.append("contribution", file, file.name);
    for (const file of $("bases-files").files) form.append("base", file, file.name);
    if ($("create-key").value.trim()) form.append("create_key", $("create-key").value.trim());
    show("error-bar", "");
    try {
      const response = await fetch("/api/contributions/texts", { method: "POST", body: form, credentials: "omit" });
      const answer = await response.json();
      if (mine !== reading) return;
      if (!response.ok) throw new Error(answer.error || response.status + " " + response.statusText);
      select.replaceChildren(el("option", { value: "*", text: "One meeting per text" }));
      for (const t of answer.texts) {
        const who = t.proposals.map((p) => p.proposer + " " + p.action).join(", ");
        select.append(el("option", { value: t.key, "data-text": t.key, text: t.title + " — " + who + (t.base ? "" : " (no text in force)") }));
      }
      select.options[0].textContent = "One meeting per text (" + answer.texts.length + ")";
    } catch (error) {
      if (mine === reading) show("error-bar", error.message);
    }
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
      const contributions = $("contribution-files").files;
      if (contributions.length) {
        for (const file of contributions) form.append("contribution", file, file.name);
        for (const file of $("bases-files").files) form.append("base", file, file.name);
        form.append("text", $("contribution-text").value || "*");
      } else if (table) {
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
      const made = meeting.meetings || [meeting];
      const ids = new Set(made.map((m) => m.id));
      const mine = stored(MINE, []).filter((m) => !ids.has(m.id));
      const now = new Date().toISOString();
      for (const m of made.slice().reverse()) {
        mine.unshift({ id: m.id, title: m.title, chair_link: m.chair_link, created: now });
      }
      store(MINE, mine.slice(0, 50));
      if (made.length > 1) {
        listCreated(made, meeting.skipped || []);
        listMine();
        show("create-status", made.length + " meetings created, one per text.");
        return;
      }
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
  $("contribution-files").addEventListener("change", readTexts);
  $("bases-files").addEventListener("change", readTexts);
})();
