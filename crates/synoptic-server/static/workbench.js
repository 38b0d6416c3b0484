// The meeting page of the Synoptic workbench. Plain JavaScript, no build
// step. The meeting id comes from the path, the key from the fragment
// (#k=...), which the browser never sends to a server; the page then takes
// the key out of the address bar (kept for this tab in sessionStorage) and
// sends it in the X-Synoptic-Token header of every request. The event
// stream and the export links, which cannot set headers, use a ticket
// that stands for the key for a minute.
//
// Safety: every text that came from a document, a comment or the server is
// put in the page with textContent or as an attribute value, never parsed
// as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const meetingId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
  const base = "/api/meetings/" + encodeURIComponent(meetingId);
  const token = (function () {
    const stored = "synoptic-key:" + meetingId;
    const fromLink = new URLSearchParams(window.location.hash.slice(1)).get("k");
    if (fromLink) {
      try {
        window.sessionStorage.setItem(stored, fromLink);
      } catch (e) {
        // No storage (a private window): the key lives in this page only.
      }
      // Out of the address bar, the history and a projected screen.
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      return fromLink;
    }
    try {
      return window.sessionStorage.getItem(stored) || "";
    } catch (e) {
      return "";
    }
  })();

  const state = {
    meeting: null,
    synopsis: { versions: [], rows: [] },
    draft: { rows: [], proposals: [], stale: [] },
    decisions: new Map(), // row id -> decision record
    comments: new Map(), // row id -> [comment]
    conflictRows: new Set(),
    currentRow: null,
    role: null,
    revision: 0,
    // The row this browser just decided: the draft panel shows its entry
    // once the new draft is in.
    reveal: null,
  };

  // ------------------------------------------------------------ helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function show(id, text) {
    const node = $(id);
    node.textContent = text || "";
    node.hidden = !text;
  }

  let noticeTimer = null;
  function notice(text) {
    show("notice-bar", text);
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => show("notice-bar", ""), 4000);
  }

  function fail(error) {
    show("error-bar", error && error.message ? error.message : String(error));
  }

  async function api(method, path, body, extraHeaders) {
    const headers = Object.assign({ "X-Synoptic-Token": token }, extraHeaders || {});
    let payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(base + path, { method, headers, body: payload, credentials: "omit" });
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const error = new Error((data && data.error) || response.status + " " + response.statusText);
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  }

  function rowPath(row) {
    return row.split("/").map(encodeURIComponent).join("/");
  }

  // The name given on the landing page (or here) is kept in this browser
  // and goes with every decision and comment, for the audit log.
  function myName() {
    const input = $("my-name");
    const name = input ? input.value.trim() : "";
    return name || null;
  }
  try {
    $("my-name").value = JSON.parse(window.localStorage.getItem("synoptic-name") || "null") || "";
  } catch (e) {
    // No storage: no name remembered.
  }
  $("my-name").addEventListener("change", () => {
    try {
      window.localStorage.setItem("synoptic-name", JSON.stringify($("my-name").value.trim()));
    } catch (e) {
      // No storage: the name is for this page only.
    }
  });

  function isChair() {
    return state.role === "chair";
  }

  // What the draft does with a row nobody decided, in plain words.
  function inTheDraft(outcome) {
    const words = {
      base: "In the draft: the base (no proposal changes it)",
      consensus: "In the draft: agreed by all who changed it",
      merged: "In the draft: the changes merged (they do not collide)",
      conflict: "In the draft: open, the proposals collide",
      decided: "In the draft: as decided",
    };
    return words[outcome] || "In the draft: " + outcome;
  }

  function describeChoice(choice) {
    if (choice === null || choice === undefined) return "open";
    if (choice === "base") return "keep the base";
    if (choice === "merge") return "merge";
    if (typeof choice === "object" && "accept" in choice) return "accept " + choice.accept;
    if (typeof choice === "object" && "text" in choice) return "custom text";
    return "decided";
  }

  // ------------------------------------------------------------ loading

  async function loadMeeting() {
    const meeting = await api("GET", "");
    state.meeting = meeting;
    state.role = meeting.role;
    state.revision = Math.max(state.revision, meeting.revision);
    state.currentRow = meeting.current_row;
    state.conflictRows = new Set(meeting.conflict_rows || []);
    document.title = meeting.title + " — Synoptic";
    $("meeting-title").textContent = meeting.title;
    const badge = $("role-badge");
    badge.textContent = meeting.role === "chair" ? "chair" : "delegate";
    badge.dataset.role = meeting.role;
    document.body.dataset.role = meeting.role;
    $("chair-panel").hidden = meeting.role !== "chair";
    if (meeting.links) {
      const delegate = window.location.origin + meeting.links.delegate;
      $("delegate-link").value = delegate;
      $("projector-link").value = delegate.replace("#k=", "?view=projector#k=");
      $("chair-link").value = window.location.origin + meeting.links.chair;
    }
    const note = meeting.synopsis_error || (meeting.notes || []).join(" ");
    show("synopsis-note", note);
    renderDocuments();
    renderRevision();
    setExportLinks();
  }

  async function loadSynopsis() {
    state.synopsis = await api("GET", "/synopsis");
  }

  async function loadDraft() {
    state.draft = await api("GET", "/draft");
  }

  async function loadDecisions() {
    const data = await api("GET", "/decisions");
    state.decisions = new Map(data.decisions.map((d) => [d.row, d]));
  }

  async function loadComments() {
    const data = await api("GET", "/comments");
    state.comments = new Map();
    for (const c of data.comments) addComment(c, false);
  }

  async function loadAll() {
    await loadMeeting();
    await Promise.all([loadSynopsis(), loadDraft(), loadDecisions(), loadComments()]);
    renderSynopsis();
    renderDraft();
    applyFilters();
    markCurrentRow(false);
    renderProjector();
  }

  let draftTimer = null;
  function refreshDraftSoon() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(async () => {
      try {
        await Promise.all([loadDraft(), loadDecisions()]);
        renderDraft();
        for (const row of state.synopsis.rows) renderDecision(row.id);
        applyFilters();
        revealInDraft();
        renderProjector();
      } catch (error) {
        fail(error);
      }
    }, 60);
  }

  // ------------------------------------------------------------ header

  function renderRevision() {
    $("revision").textContent = "revision " + state.revision;
  }

  const exportLinks = {
    "export-docx": "draft.docx",
    "export-md": "draft.md",
    "export-txt": "draft.txt",
    "export-decisions": "decisions.toml",
    "export-synopsis": "synopsis.html",
    "export-audit": "audit.json",
    "export-audit-csv": "audit.csv",
  };

  async function ticket() {
    return (await api("POST", "/tickets")).ticket;
  }

  // An export link gets a fresh ticket when clicked, then is followed.
  function setExportLinks() {
    for (const [id, file] of Object.entries(exportLinks)) {
      const link = $(id);
      if (link.dataset.wired) continue;
      link.dataset.wired = "yes";
      link.href = base + "/export/" + file;
      link.addEventListener("click", (event) => {
        if (link.dataset.ready === "yes") {
          link.dataset.ready = "";
          return;
        }
        event.preventDefault();
        act(async () => {
          link.href = base + "/export/" + file + "?t=" + encodeURIComponent(await ticket());
          link.dataset.ready = "yes";
          link.click();
        });
      });
    }
  }

  function renderDocuments() {
    const body = $("documents").querySelector("tbody");
    body.replaceChildren();
    const docs = (state.meeting && state.meeting.documents) || [];
    for (const doc of docs) {
      const label = el("input", { value: doc.label, size: 12, "data-doc-label": doc.id, "aria-label": "label" });
      const role = el("select", { "data-doc-role": doc.id, "aria-label": "role" });
      for (const r of ["base", "proposal", "side-by-side"]) {
        const option = el("option", { value: r, text: r });
        if (r === doc.role) option.selected = true;
        role.append(option);
      }
      const save = el("button", { type: "button", "data-doc-save": doc.id, text: "Save" });
      save.addEventListener("click", () =>
        act(async () => {
          await api("PATCH", "/documents/" + doc.id, { label: label.value, role: role.value, by: myName() });
          notice("Document saved.");
        })
      );
      const remove = el("button", { type: "button", "data-doc-delete": doc.id, text: "Delete" });
      remove.addEventListener("click", () => {
        if (!window.confirm("Delete " + doc.label + " (" + doc.filename + ")?")) return;
        act(async () => {
          await api("DELETE", "/documents/" + doc.id + (myName() ? "?by=" + encodeURIComponent(myName()) : ""));
          notice("Document deleted.");
        });
      });
      body.append(
        el(
          "tr",
          { "data-document": doc.id },
          el("td", null, role),
          el("td", null, label),
          el("td", { class: "filename", text: doc.filename }),
          el("td", { text: formatSize(doc.size) }),
          el("td", null, save, " ", remove)
        )
      );
    }
    if (!docs.length) {
      body.append(el("tr", null, el("td", { colspan: 5, text: "No documents yet: upload a base and the proposals." })));
    }
  }

  function formatSize(n) {
    if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + " MiB";
    if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + " KiB";
    return n + " bytes";
  }

  // ------------------------------------------------------------ synopsis

  function changed(row) {
    return row.cells.some((c) => c.status === "modified" || c.status === "added" || c.status === "deleted");
  }

  function opsOf(cell) {
    if ((!cell.ops || !cell.ops.length) && cell.text) return [{ op: "equal", text: cell.text }];
    return cell.ops || [];
  }

  function textDirection(text) {
    const arabic = (text.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/g) || []).length;
    const latin = (text.match(/[A-Za-z\u00C0-\u024F\u0400-\u04FF]/g) || []).length;
    return arabic > latin ? "rtl" : "auto";
  }

  function cellNode(cell) {
    if (!cell || cell.status === "absent") {
      return el("td", { class: "cell status-absent", title: "not in this version" });
    }
    const ops = opsOf(cell);
    const shown = ops.map((o) => o.text).join("");
    const dir = textDirection(shown);
    const td = el("td", {
      class: "cell status-" + cell.status + (cell.tracked ? " tracked" : "") + (dir === "rtl" ? " rtl" : ""),
    });
    // As the static page: the marks on a line of their own at the cell's end.
    const badge = { modified: "modified", added: "added", deleted: "deleted" }[cell.status];
    if (badge || cell.tracked) {
      const marks = el("div", { class: "marks" });
      if (badge) marks.append(el("span", { class: "badge", text: badge }));
      if (cell.tracked) marks.append(el("span", { class: "tracked-mark", title: "the proposer's own tracked changes", text: "tracked" }));
      td.append(marks);
    }
    const text = el("div", { class: "text", dir: dir });
    if (cell.former_label) text.append(el("del", { class: "label former", text: cell.former_label }));
    if (cell.label) {
      text.append(el(cell.former_label ? "ins" : "span", { class: "label", text: cell.label }), " ");
    }
    for (const op of ops) {
      const classes = [];
      const titles = [];
      if (op.op !== "equal" && op.minor) {
        classes.push("minor");
        titles.push("minor change (case, diacritics, dashes, quotes or spacing)");
      }
      if (op.op !== "equal" && typeof op.confidence === "number") {
        if (op.confidence < 0.7) classes.push("unsure");
        titles.push("recovered from flattened text, confidence " + Math.round(op.confidence * 100) + "%");
      }
      if (op.op !== "equal" && op.author) titles.push("by " + op.author);
      if (op.op === "equal") {
        text.append(op.text);
      } else {
        text.append(
          el(op.op === "insert" ? "ins" : "del", {
            class: classes.join(" ") || null,
            title: titles.join("; ") || null,
            text: op.text,
          })
        );
      }
    }
    td.append(text);
    if (cell.moved) {
      td.append(
        el(
          "p",
          { class: "moved" },
          cell.status === "added" ? "moved from " : "moved to ",
          el("a", { href: "#row-" + cell.moved, text: cell.moved })
        )
      );
    }
    return td;
  }

  function sectionGroups(rows) {
    const groups = [];
    for (const row of rows) {
      const last = groups[groups.length - 1];
      if (last && last.section === row.section) last.rows.push(row);
      else groups.push({ section: row.section, rows: [row] });
    }
    return groups;
  }

  function uniformHeading(row) {
    if (changed(row)) return null;
    const texts = row.cells.filter((c) => c.status !== "absent").map((c) => (c.text || "").trim());
    const first = texts.length ? texts[0] : (row.section_title || "").trim();
    if (texts.every((t) => t === first)) return first || row.section;
    return null;
  }

  function toolsNode(row) {
    const td = el("td", { class: "tools", "data-tools-for": row.id });
    td.append(el("div", { class: "decision", "data-decision-for": row.id }));
    if (isChair()) {
      const buttons = el("div", { class: "decide" });
      const versions = state.synopsis.versions;
      row.cells.forEach((cell, i) => {
        const version = versions.find((v) => v.id === cell.version) || versions[i];
        if (!version || version.role !== "proposal") return;
        if (!["modified", "added", "deleted"].includes(cell.status)) return;
        buttons.append(
          el("button", {
            type: "button",
            "data-decide": "accept",
            "data-proposal": version.label,
            "data-row-id": row.id,
            title: "Take " + version.label + "'s version of this row",
            text: "Accept " + version.label,
          })
        );
      });
      // A row no proposal changes needs no decision, but may still be
      // rewritten.
      if (changed(row)) {
        buttons.append(
          el("button", { type: "button", "data-decide": "base", "data-row-id": row.id, title: "Keep the base text", text: "Keep base" }),
          el("button", { type: "button", "data-decide": "merge", "data-row-id": row.id, title: "Confirm the automatic merge", text: "Merge" })
        );
      }
      buttons.append(
        el("button", { type: "button", "data-decide": "text", "data-row-id": row.id, title: "Write the row's text", text: "Edit text" }),
        el("button", { type: "button", "data-decide": "clear", "data-row-id": row.id, title: "Clear the decision", text: "Clear" }),
        el("button", { type: "button", "data-set-current": row.id, title: "Show this row on the projector", text: "Current" })
      );
      td.append(buttons);
      const editor = el(
        "div",
        { class: "custom-editor", "data-editor-for": row.id, hidden: true },
        el("textarea", { "data-custom-text": row.id, rows: 4, "aria-label": "custom text for " + row.id }),
        el("button", { type: "button", "data-decide": "save-text", "data-row-id": row.id, text: "Save text" }),
        el("button", { type: "button", "data-decide": "cancel-text", "data-row-id": row.id, text: "Cancel" })
      );
      td.append(editor);
    }
    const comments = el(
      "details",
      { class: "comments", "data-comments-for": row.id },
      el("summary", { "data-comment-count": row.id, text: "Comments" }),
      el("ol", { class: "comment-list", "data-comment-list": row.id }),
      el(
        "form",
        { class: "comment-form", "data-comment-form": row.id },
        el("input", { "data-comment-author": row.id, placeholder: "Your name", size: 10, "aria-label": "your name" }),
        el("textarea", { "data-comment-text": row.id, rows: 2, placeholder: "Comment", "aria-label": "comment" }),
        el("button", { type: "submit", "data-comment-send": row.id, text: "Post" })
      )
    );
    td.append(comments);
    return td;
  }

  function renderSynopsis() {
    const table = $("synopsis");
    table.replaceChildren();
    const versions = state.synopsis.versions;
    // Columns keep a readable width; past that the page scrolls sideways.
    table.style.setProperty("--versions", String(Math.max(1, versions.length)));
    const colgroup = el("colgroup", null, el("col", { class: "c-row" }));
    for (let i = 0; i < versions.length; i++) colgroup.append(el("col", { class: "c-version" }));
    colgroup.append(el("col", { class: "c-tools" }));
    table.append(colgroup);
    const head = el("tr", null, el("th", { scope: "col", class: "c-row", text: "Row" }));
    for (const v of versions) {
      const role = v.role === "base" ? (state.synopsis.base_inferred ? "base (inferred)" : "base") : "proposal";
      const meta = el("span", { class: "vmeta" }, role);
      if (v.action) meta.append(" ", el("span", { class: "marker", text: v.action }));
      if (v.number) meta.append(" ", el("span", { class: "ref", text: v.number }));
      head.append(
        el("th", { scope: "col", class: "version role-" + v.role }, el("span", { class: "vlabel", text: v.label }), meta)
      );
    }
    head.append(el("th", { scope: "col", class: "c-tools", text: "Decision and comments" }));
    table.append(el("thead", null, head));

    const sections = new Map();
    for (const group of sectionGroups(state.synopsis.rows)) {
      const rows = group.rows;
      const first = rows[0];
      const heading = first.kind === "heading" ? first : null;
      const rest = heading ? rows.slice(1) : rows;
      const body = el("tbody", { class: "section " + (rows.some(changed) ? "changed" : "unchanged"), "data-section": group.section });
      const title = (heading && uniformHeading(heading)) || first.section_title || first.section;
      if (!sections.has(group.section)) sections.set(group.section, title);
      const anchor = heading ? "row-" + heading.id : "section-" + group.section;
      if (heading && uniformHeading(heading) === null) {
        body.append(rowNode(heading, "section-row differs"));
      } else {
        body.append(
          el(
            "tr",
            { id: anchor, class: "section-row", "data-section-row": group.section },
            el(
              "th",
              { scope: "rowgroup", colspan: versions.length + 2, class: "section-title" },
              el("a", { href: "#" + anchor, dir: "auto", text: title })
            )
          )
        );
      }
      for (const row of rest) body.append(rowNode(row, "row"));
      table.append(body);
    }
    const select = $("filter-section");
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "", text: "all" }));
    for (const [id, title] of sections) select.append(el("option", { value: id, text: title }));
    if (sections.has(chosen)) select.value = chosen;
    for (const row of state.synopsis.rows) {
      renderDecision(row.id);
      renderComments(row.id);
    }
    const versionsCount = versions.length;
    $("summary").textContent =
      versionsCount === 0
        ? "no synopsis yet"
        : versionsCount + " versions · " + state.synopsis.rows.length + " rows · " + state.synopsis.rows.filter(changed).length + " changed";
  }

  function rowNode(row, kindClass) {
    const tr = el("tr", {
      id: "row-" + row.id,
      class: kindClass + " " + (row.kind === "heading" ? "heading " : "paragraph ") + (changed(row) ? "changed" : "unchanged"),
      "data-row": row.id,
    });
    const head = el("th", { scope: "row", class: "rowhead" }, el("a", { class: "rowid", href: "#row-" + row.id, dir: "auto", text: row.id }));
    if (row.label) head.append(el("span", { class: "rowlabel", dir: "auto", text: row.label }));
    if (state.conflictRows.has(row.id)) head.append(el("span", { class: "conflict-mark", title: "proposals conflict here", text: "conflict" }));
    tr.append(head);
    const versions = state.synopsis.versions;
    versions.forEach((v, i) => {
      const cell = row.cells[i] && row.cells[i].version === v.id ? row.cells[i] : row.cells.find((c) => c.version === v.id);
      tr.append(cellNode(cell));
    });
    tr.append(toolsNode(row));
    return tr;
  }

  function rowElement(rowId) {
    for (const node of document.querySelectorAll("tr[data-row]")) {
      if (node.dataset.row === rowId) return node;
    }
    return null;
  }

  function within(rowId, selector) {
    const tr = rowElement(rowId);
    return tr ? tr.querySelector(selector) : null;
  }

  function draftRow(rowId) {
    return state.draft.rows.find((r) => r.id === rowId) || null;
  }

  function renderDecision(rowId) {
    const box = within(rowId, "[data-decision-for]");
    if (!box) return;
    const decision = state.decisions.get(rowId);
    const tr = rowElement(rowId);
    box.replaceChildren();
    const choice = decision ? decision.choice : null;
    const stale = !!(choice && decision.stale);
    tr.dataset.decided = choice ? (stale ? "stale" : "yes") : "no";
    if (choice) {
      const who = decision.by && decision.by.name ? decision.by.name : decision.by ? decision.by.role : "";
      if (stale) {
        // Honest: the decision is kept but does not shape the draft.
        box.append(el("span", { class: "stale-decision", "data-decision-state": "stale", text: "Not applied: " + describeChoice(choice) }));
        box.append(el("p", { class: "stale", text: decision.stale }));
      } else {
        box.append(el("span", { class: "decided", "data-decision-state": "decided", text: "Decided: " + describeChoice(choice) }));
      }
      box.append(el("span", { class: "decided-by", text: " (v" + decision.version + (who ? ", " + who : "") + ")" }));
      if (typeof choice === "object" && typeof choice.text === "string") {
        box.append(el("p", { class: "decided-text", dir: "auto", text: choice.text }));
      }
    } else {
      const row = draftRow(rowId);
      const outcome = row ? row.outcome : "";
      box.append(el("span", { class: "open", "data-decision-state": "open", text: outcome ? inTheDraft(outcome) : "" }));
    }
    const mark = tr.querySelector(".conflict-mark");
    if (mark) {
      const decided = choice && !stale;
      mark.textContent = decided ? "decided" : "conflict";
      mark.classList.toggle("is-decided", !!decided);
      mark.title = decided ? "the proposals conflicted here; the chair decided" : "proposals conflict here";
    }
    for (const button of tr.querySelectorAll("button[data-decide]")) {
      const kind = button.dataset.decide;
      let pressed = false;
      if (choice && kind === "accept" && typeof choice === "object" && choice.accept === button.dataset.proposal) pressed = true;
      if (choice === "base" && kind === "base") pressed = true;
      if (choice === "merge" && kind === "merge") pressed = true;
      if (choice && typeof choice === "object" && "text" in choice && kind === "text") pressed = true;
      if (["accept", "base", "merge", "text"].includes(kind)) button.setAttribute("aria-pressed", pressed ? "true" : "false");
      if (kind === "merge") {
        const row = draftRow(rowId);
        button.disabled = state.conflictRows.has(rowId) || !row;
      }
      if (kind === "clear") button.disabled = !choice;
    }
  }

  // The owner keys of the comments posted from this browser: they delete
  // them.
  const ownKeysName = "synoptic-comments:" + meetingId;
  function ownKeys() {
    try {
      return JSON.parse(window.localStorage.getItem(ownKeysName) || "{}");
    } catch (e) {
      return {};
    }
  }
  function keepOwnKey(id, key) {
    const keys = ownKeys();
    keys[id] = key;
    try {
      window.localStorage.setItem(ownKeysName, JSON.stringify(keys));
    } catch (e) {
      // No storage: the comment cannot be deleted from another page.
    }
  }

  function renderComments(rowId) {
    const list = within(rowId, "[data-comment-list]");
    if (!list) return;
    const comments = state.comments.get(rowId) || [];
    const keys = ownKeys();
    list.replaceChildren();
    for (const c of comments) {
      const item = el(
        "li",
        { "data-comment": c.id, class: c.hidden ? "comment-hidden" : null },
        el("span", { class: "comment-author", text: c.author }),
        el("span", { class: "comment-role", text: c.author === c.role ? "" : " (" + c.role + ")" }),
        el("span", { class: "comment-time", text: " " + c.created_at.slice(11, 16) + " UTC" }),
        c.hidden ? el("span", { class: "comment-hidden-mark", text: " hidden from delegates" }) : null,
        el("div", { class: "comment-text", dir: "auto", text: c.text })
      );
      if (isChair()) {
        item.append(
          el("button", {
            type: "button",
            class: "link-button",
            "data-comment-hide": c.id,
            "data-row-id": rowId,
            "data-hidden": c.hidden ? "yes" : "no",
            text: c.hidden ? "Show" : "Hide",
          })
        );
      }
      if (keys[c.id]) {
        item.append(
          " ",
          el("button", { type: "button", class: "link-button", "data-comment-delete": c.id, "data-row-id": rowId, text: "Delete" })
        );
      }
      list.append(item);
    }
    const shown = comments.filter((c) => !c.hidden).length;
    const count = within(rowId, "[data-comment-count]");
    count.textContent = shown ? "Comments (" + shown + ")" : "Comments";
    count.parentElement.classList.toggle("has-comments", shown > 0);
  }

  // New comments since the chair last looked: a count in the header.
  let unseenComments = 0;
  function noteNewComment(comment) {
    if (!isChair() || comment.role === "chair") return;
    unseenComments++;
    const badge = $("new-comments");
    badge.textContent = unseenComments + (unseenComments === 1 ? " new comment" : " new comments");
    badge.hidden = false;
    badge.dataset.row = comment.row;
  }

  function changeComment(comment, action) {
    const list = state.comments.get(comment.row) || [];
    if (action === "deleted" || (action === "hidden" && !isChair())) {
      state.comments.set(
        comment.row,
        list.filter((c) => c.id !== comment.id)
      );
    } else if (action === "hidden") {
      for (const c of list) if (c.id === comment.id) c.hidden = true;
    } else if (action === "shown") {
      const known = list.find((c) => c.id === comment.id);
      if (known) known.hidden = false;
      else addComment(comment, false);
    }
    renderComments(comment.row);
  }

  function addComment(comment, render) {
    const list = state.comments.get(comment.row) || [];
    if (list.some((c) => c.id === comment.id)) return;
    list.push(comment);
    state.comments.set(comment.row, list);
    if (render) renderComments(comment.row);
  }

  // ------------------------------------------------------------ draft

  function pieceNodes(row) {
    const nodes = [];
    for (const piece of row.pieces) {
      if (piece.kind === "kept") {
        nodes.push(document.createTextNode(piece.text));
      } else if (piece.kind === "change") {
        const who = (piece.proposers || []).join(", ");
        if (piece.deleted) nodes.push(el("del", { title: who || null, text: piece.deleted }));
        if (piece.inserted) nodes.push(el("ins", { title: who || null, text: piece.inserted }));
      } else if (piece.kind === "conflict") {
        const span = el("span", { class: "conflict" }, "[");
        piece.alternatives.forEach((alt, i) => {
          if (i) span.append(" | ");
          const who = alt.kind === "base" ? "base" : (alt.proposers || []).join(", ");
          span.append(el("span", { class: "alt-who", text: who + ": " }));
          span.append(el("span", { class: "alt-text alt-" + alt.kind, text: alt.kind === "deletion" ? "(delete)" : alt.text }));
        });
        span.append("]");
        nodes.push(span);
      }
    }
    return nodes;
  }

  function renderDraft() {
    const draft = state.draft;
    const box = $("draft-rows");
    box.replaceChildren();
    const summary = draft.summary || {};
    const summaryWords = { base: "unchanged", consensus: "agreed", merged: "merged", conflict: "open conflict", decided: "decided" };
    $("draft-summary").textContent = draft.rows.length
      ? ["base", "consensus", "merged", "conflict", "decided"]
          .filter((k) => summary[k])
          .map((k) => summary[k] + " " + summaryWords[k] + (k === "conflict" && summary[k] > 1 ? "s" : ""))
          .join(" · ")
      : "";
    const stale = $("draft-stale");
    stale.replaceChildren();
    for (const s of draft.stale || []) {
      const reasons = {
        row_vanished: "the row is no longer in the synopsis",
        proposal_absent: "the proposal it accepts is no longer in the meeting",
        row_changed: "the proposals changed this row since",
        merge_leaves_conflict: "the merge now leaves a conflict",
      };
      const kind = s.reason && s.reason.kind ? s.reason.kind : "";
      stale.append(el("li", { "data-stale-row": s.row, text: "Decision on " + s.row + " not applied: " + (reasons[kind] || kind.replace(/_/g, " ")) }));
    }
    let section = null;
    for (const row of draft.rows) {
      if (row.section !== section) {
        section = row.section;
        if (row.kind !== "heading") {
          box.append(el("h3", { class: "draft-section", "data-draft-section": section, text: row.section_title || row.section }));
        }
      }
      if (row.kind === "heading") {
        // The section's opener, as the draft has it (a proposal may rename it).
        const heading = el("h3", {
          class: "draft-section draft-row outcome-" + row.outcome,
          "data-draft-section": row.section,
          "data-draft-row": row.id,
          "data-outcome": row.outcome,
        });
        heading.append(...pieceNodes(row));
        if (!row.pieces.length) heading.append(el("span", { class: "deleted-row", text: (row.section_title || row.section) + " (deleted)" }));
        box.append(heading);
        continue;
      }
      const div = el("div", {
        class: "draft-row outcome-" + row.outcome + (row.pieces.length ? "" : " empty"),
        "data-draft-row": row.id,
        "data-outcome": row.outcome,
      });
      if (row.former_label) div.append(el("del", { class: "label former", text: row.former_label }));
      if (row.label) div.append(el(row.former_label ? "ins" : "span", { class: "label", text: row.label }), " ");
      div.append(...pieceNodes(row));
      if (!row.pieces.length) div.append(el("span", { class: "deleted-row", text: "(deleted)" }));
      div.addEventListener("click", () => {
        const tr = rowElement(row.id);
        if (tr) tr.scrollIntoView({ block: "center", behavior: "smooth" });
      });
      box.append(div);
    }
    for (const row of state.synopsis.rows) renderDecision(row.id);
  }

  // ------------------------------------------------------------ projector

  // The projector: the meeting's title, the chair's current row in large
  // type, the base beside only the proposals that change that row, and the
  // row as the draft has it; no controls. It follows the chair.
  function projecting() {
    return document.body.classList.contains("projector");
  }

  function renderProjector() {
    if (!projecting()) return;
    $("pj-title").textContent = state.meeting ? state.meeting.title : "";
    const rows = state.synopsis.rows;
    const row = rows.find((r) => r.id === state.currentRow) || null;
    const heading = $("pj-row");
    const columns = $("pj-columns");
    const draftBox = $("pj-draft");
    columns.replaceChildren();
    draftBox.replaceChildren();
    if (!row) {
      heading.textContent = rows.length ? "Waiting for the chair to choose a row" : "No synopsis yet";
      heading.dataset.projectorRow = "";
      return;
    }
    // "resolves 2 ii)": the section, then the row's place in it, its own
    // label last.
    const section = row.section_title || row.section;
    const path = row.id.split("/").slice(1);
    if (row.label && path.length) path[path.length - 1] = row.label;
    const place = path.length ? path.join(" ") : row.label || "";
    heading.replaceChildren(el("span", { class: "pj-section", dir: "auto", text: section }), " ", el("span", { class: "pj-label", dir: "auto", text: place }));
    heading.dataset.projectorRow = row.id;
    const versions = state.synopsis.versions;
    versions.forEach((v, i) => {
      const cell = row.cells[i] && row.cells[i].version === v.id ? row.cells[i] : row.cells.find((c) => c.version === v.id);
      const changes = cell && ["modified", "added", "deleted"].includes(cell.status);
      if (v.role !== "base" && !changes) return;
      const box = el("div", { class: "pj-column" + (v.role === "base" ? " pj-base" : ""), "data-projector-version": v.label });
      box.append(el("h2", { class: "pj-version", text: v.role === "base" ? "Base" : v.label }));
      const shown = cellNode(cell);
      const text = shown.querySelector(".text") || el("div", { class: "text", text: "(not in this version)" });
      box.append(text);
      columns.append(box);
    });
    if (!columns.querySelector(".pj-column:not(.pj-base)")) {
      columns.append(el("div", { class: "pj-column pj-none", text: "No proposal changes this row." }));
    }
    const drafted = draftRow(row.id);
    if (drafted) {
      const decision = state.decisions.get(row.id);
      const decided = decision && decision.choice && !decision.stale;
      draftBox.append(el("h2", { class: "pj-version", text: decided ? "In the draft (decided)" : inTheDraft(drafted.outcome) }));
      const text = el("div", { class: "text pj-draft-text", dir: "auto" });
      text.append(...pieceNodes(drafted));
      if (!drafted.pieces.length) text.append(el("span", { class: "deleted-row", text: "(deleted)" }));
      draftBox.append(text);
    }
  }

  // ------------------------------------------------------------ filters

  function applyFilters() {
    const onlyChanged = $("filter-changed").checked;
    const onlyConflicts = $("filter-conflicts").checked;
    const section = $("filter-section").value;
    for (const body of document.querySelectorAll("#synopsis tbody")) {
      let visible = 0;
      for (const tr of body.querySelectorAll("tr[data-row]")) {
        const id = tr.dataset.row;
        let hide = false;
        if (onlyChanged && tr.classList.contains("unchanged")) hide = true;
        if (onlyConflicts && !state.conflictRows.has(id)) hide = true;
        if (section && body.dataset.section !== section) hide = true;
        tr.hidden = hide;
        if (!hide) visible++;
      }
      body.hidden = (section && body.dataset.section !== section) || ((onlyChanged || onlyConflicts) && visible === 0);
    }
    for (const div of document.querySelectorAll("#draft-rows [data-draft-row]")) {
      div.hidden = !!(section && draftRow(div.dataset.draftRow) && draftRow(div.dataset.draftRow).section !== section);
    }
  }

  // ------------------------------------------------------------ current row

  // Scrolls the draft panel to the entry of the row just decided here.
  function revealInDraft() {
    if (!state.reveal) return;
    const aside = $("draft");
    const entry = aside.querySelector('[data-draft-row="' + CSS.escape(state.reveal) + '"]');
    state.reveal = null;
    if (entry) aside.scrollTop = Math.max(0, entry.offsetTop - aside.clientHeight / 3);
  }

  function markCurrentRow(scroll) {
    renderProjector();
    for (const tr of document.querySelectorAll("tr.current")) tr.classList.remove("current");
    for (const div of document.querySelectorAll(".draft-row.current")) div.classList.remove("current");
    if (!state.currentRow) return;
    const tr = rowElement(state.currentRow);
    if (tr) tr.classList.add("current");
    for (const div of document.querySelectorAll("[data-draft-row]")) {
      if (div.dataset.draftRow === state.currentRow) div.classList.add("current");
    }
    if (scroll && tr && $("follow-chair").checked) {
      tr.hidden = false;
      tr.scrollIntoView({ block: "center", behavior: "smooth" });
      const aside = $("draft");
      const entry = aside.querySelector(".draft-row.current");
      if (entry) aside.scrollTop = Math.max(0, entry.offsetTop - aside.clientHeight / 3);
    }
  }

  // ------------------------------------------------------------ actions

  async function act(action) {
    show("error-bar", "");
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  }

  async function decide(rowId, choice) {
    const current = state.decisions.get(rowId);
    const expected = current ? current.version : 0;
    try {
      const record = await api("PUT", "/decisions/" + rowPath(rowId), {
        choice: choice,
        expected_version: expected,
        by: myName(),
      });
      state.reveal = rowId;
      acceptDecision(record);
      notice("Decided " + rowId + ": " + describeChoice(choice) + ".");
    } catch (error) {
      if (error.status === 409 && error.data) {
        if (error.data.current) acceptDecision(error.data.current);
        else state.decisions.delete(rowId);
        renderDecision(rowId);
      }
      throw error;
    }
  }

  async function clearDecision(rowId) {
    const current = state.decisions.get(rowId);
    const expected = current ? current.version : 0;
    try {
      const record = await api("DELETE", "/decisions/" + rowPath(rowId), { expected_version: expected, by: myName() });
      acceptDecision(record);
      notice("Cleared the decision on " + rowId + ".");
    } catch (error) {
      if (error.status === 409 && error.data && error.data.current) {
        acceptDecision(error.data.current);
        renderDecision(rowId);
      }
      throw error;
    }
  }

  function acceptDecision(record) {
    const known = state.decisions.get(record.row);
    if (known && known.version > record.version) return;
    state.decisions.set(record.row, record);
    renderDecision(record.row);
    refreshDraftSoon();
  }

  function openEditor(rowId) {
    const editor = within(rowId, "[data-editor-for]");
    if (!editor) return;
    const area = editor.querySelector("textarea");
    const decision = state.decisions.get(rowId);
    const row = draftRow(rowId);
    if (decision && decision.choice && typeof decision.choice === "object" && "text" in decision.choice) {
      area.value = decision.choice.text;
    } else if (row && typeof row.text === "string") {
      area.value = row.text;
    } else if (row) {
      area.value = row.pieces
        .map((p) => (p.kind === "kept" ? p.text : p.kind === "change" ? p.inserted : p.base))
        .join("");
    }
    editor.hidden = false;
    area.focus();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.setCurrent !== undefined) {
      const row = button.dataset.setCurrent;
      act(async () => {
        await api("PUT", "/current-row", { row: row, by: myName() });
        state.currentRow = row;
        markCurrentRow(false);
      });
      return;
    }
    if (button.dataset.commentHide !== undefined) {
      const hidden = button.dataset.hidden !== "yes";
      act(async () => {
        const comment = await api("PATCH", "/comment/" + button.dataset.commentHide, { hidden: hidden, by: myName() });
        changeComment(comment, hidden ? "hidden" : "shown");
      });
      return;
    }
    if (button.dataset.commentDelete !== undefined) {
      const id = button.dataset.commentDelete;
      const rowId = button.dataset.rowId;
      if (!window.confirm("Delete your comment?")) return;
      act(async () => {
        await api("DELETE", "/comment/" + id, undefined, { "X-Synoptic-Comment-Key": ownKeys()[id] || "" });
        changeComment({ id: Number(id), row: rowId }, "deleted");
      });
      return;
    }
    if (button.dataset.copy) {
      const input = $(button.dataset.copy);
      const done = () => notice("Link copied.");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, () => fail("Cannot copy: select the link and copy it."));
      } else {
        const type = input.type;
        input.type = "text";
        input.select();
        document.execCommand("copy");
        input.type = type;
        done();
      }
      return;
    }
    if (button.id === "chair-link-show") {
      const input = $("chair-link");
      const show = input.type === "password";
      input.type = show ? "text" : "password";
      button.textContent = show ? "Hide" : "Show";
      button.setAttribute("aria-pressed", show ? "true" : "false");
      return;
    }
    if (button.id === "delete-meeting") {
      const title = state.meeting ? state.meeting.title : "this meeting";
      const typed = window.prompt("This deletes \u201c" + title + "\u201d with its documents, decisions, comments and audit log, for good. Type DELETE to confirm.");
      if (typed !== "DELETE") return;
      act(async () => {
        await api("DELETE", "");
      });
      return;
    }
    if (button.id === "new-comments") {
      unseenComments = 0;
      button.hidden = true;
      const tr = rowElement(button.dataset.row || "");
      if (tr) {
        tr.scrollIntoView({ block: "center", behavior: "smooth" });
        const details = tr.querySelector("details[data-comments-for]");
        if (details) details.open = true;
      }
      return;
    }
    const kind = button.dataset.decide;
    const rowId = button.dataset.rowId;
    if (!kind || !rowId) return;
    if (kind === "accept") act(() => decide(rowId, { accept: button.dataset.proposal }));
    else if (kind === "base") act(() => decide(rowId, "base"));
    else if (kind === "merge") act(() => decide(rowId, "merge"));
    else if (kind === "clear") act(() => clearDecision(rowId));
    else if (kind === "text") openEditor(rowId);
    else if (kind === "cancel-text") within(rowId, "[data-editor-for]").hidden = true;
    else if (kind === "save-text") {
      const area = within(rowId, "textarea[data-custom-text]");
      act(async () => {
        await decide(rowId, { text: area.value });
        within(rowId, "[data-editor-for]").hidden = true;
      });
    }
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset && form.dataset.commentForm !== undefined) {
      event.preventDefault();
      const rowId = form.dataset.commentForm;
      const text = form.querySelector("textarea").value;
      const author = form.querySelector("input").value || myName();
      act(async () => {
        const comment = await api("POST", "/comments/" + rowPath(rowId), { text: text, author: author || null });
        keepOwnKey(comment.id, comment.owner_key);
        addComment(comment, true);
        form.querySelector("textarea").value = "";
      });
    } else if (form.id === "upload-form") {
      event.preventDefault();
      const file = $("upload-file").files[0];
      if (!file) {
        fail("Choose a file to upload.");
        return;
      }
      const data = new FormData();
      data.append("role", $("upload-role").value);
      if ($("upload-label").value.trim()) data.append("label", $("upload-label").value.trim());
      if (myName()) data.append("by", myName());
      data.append("file", file, file.name);
      act(async () => {
        await api("POST", "/documents", data);
        $("upload-file").value = "";
        $("upload-label").value = "";
        notice("Uploaded " + file.name + ".");
      });
    }
  });

  for (const id of ["filter-changed", "filter-conflicts", "filter-section"]) {
    $(id).addEventListener("change", applyFilters);
  }
  $("follow-chair").addEventListener("change", () => markCurrentRow(true));
  function setProjector(on) {
    document.body.classList.toggle("projector", on);
    $("projector-view").hidden = !on;
    if (on) {
      $("follow-chair").checked = true;
      renderProjector();
    }
  }
  $("projector").addEventListener("change", () => setProjector($("projector").checked));
  document.addEventListener("keydown", (event) => {
    // Esc leaves the projector view.
    if (event.key === "Escape" && projecting()) {
      $("projector").checked = false;
      setProjector(false);
    }
  });
  $("show-draft").addEventListener("change", () => {
    document.body.classList.toggle("no-draft", !$("show-draft").checked);
  });

  // ------------------------------------------------------------ live updates

  // The event stream: every event carries the meeting's revision as its
  // id; after any error the page waits (1 s, doubling to 30 s, with
  // jitter), says "reconnecting", and connects again from the last
  // revision it has, so that the server sends what it missed.
  let source = null;
  let retryDelay = 1000;
  let retryTimer = null;
  let stopped = false;

  function setLive(stateName, text) {
    for (const id of ["live-status", "pj-live"]) {
      const status = $(id);
      status.textContent = text || stateName;
      status.dataset.state = stateName;
    }
  }

  function reconnectSoon() {
    if (stopped) return;
    if (source) {
      source.close();
      source = null;
    }
    clearTimeout(retryTimer);
    const wait = retryDelay * (0.75 + Math.random() / 2);
    retryDelay = Math.min(retryDelay * 2, 30000);
    setLive("reconnecting", "reconnecting in " + Math.round(wait / 1000) + " s");
    retryTimer = setTimeout(connect, wait);
  }

  async function connect() {
    if (stopped) return;
    let pass;
    try {
      pass = await ticket();
    } catch (error) {
      if (error.status === 403) {
        stopped = true;
        setLive("closed", "no access");
        fail(error);
        return;
      }
      reconnectSoon();
      return;
    }
    const url = base + "/events?t=" + encodeURIComponent(pass) + "&since=" + state.revision;
    source = new EventSource(url);
    source.addEventListener("hello", () => {
      setLive("live");
      retryDelay = 1000;
    });
    source.addEventListener("error", reconnectSoon);
    const bump = (data) => {
      if (typeof data.revision === "number" && data.revision > state.revision) {
        state.revision = data.revision;
        renderRevision();
      }
      auditRefresh();
    };
    source.addEventListener("decision", (event) => {
      const data = JSON.parse(event.data);
      bump(data);
      acceptDecision(data.decision);
    });
    source.addEventListener("comment", (event) => {
      const data = JSON.parse(event.data);
      bump(data);
      addComment(data.comment, true);
      noteNewComment(data.comment);
    });
    source.addEventListener("comment-changed", (event) => {
      const data = JSON.parse(event.data);
      bump(data);
      changeComment(data.comment, data.action);
    });
    source.addEventListener("current-row", (event) => {
      const data = JSON.parse(event.data);
      bump(data);
      state.currentRow = data.row;
      markCurrentRow(true);
    });
    source.addEventListener("documents", (event) => {
      bump(JSON.parse(event.data));
      act(loadAll);
    });
    source.addEventListener("meeting", (event) => {
      bump(JSON.parse(event.data));
      act(loadMeeting);
    });
    source.addEventListener("resync", () => act(loadAll));
    source.addEventListener("deleted", () => {
      stopped = true;
      source.close();
      setLive("closed", "deleted");
      fail("The chair deleted this meeting: its documents, decisions and comments are gone.");
    });
  }

  function auditRefresh() {
    if (!$("audit-panel").open) return;
    act(async () => {
      const data = await api("GET", "/audit");
      const body = $("audit").querySelector("tbody");
      body.replaceChildren();
      for (const e of data.entries) {
        body.append(
          el(
            "tr",
            null,
            el("td", { text: e.at.replace("T", " ").slice(0, 19) + " UTC" }),
            el("td", { text: e.role + (e.name ? " (" + e.name + ")" : "") }),
            el("td", { text: e.action }),
            el("td", { text: e.row || "" }),
            el("td", { text: e.detail })
          )
        );
      }
    });
  }
  $("audit-panel").addEventListener("toggle", auditRefresh);

  // ------------------------------------------------------------ start

  if (new URLSearchParams(window.location.search).get("view") === "projector") {
    $("projector").checked = true;
    setProjector(true);
  }
  if (!token) {
    fail("This link has no key (#k=...): open the chair or delegate link you were given.");
    $("live-status").textContent = "no key";
    return;
  }
  act(async () => {
    await loadAll();
    markCurrentRow(true);
    connect();
  });
})();
