// The synopsis table: cells, the chair's decision tools, each row's
// decision and its comment thread.

import {
  $,
  meetingId,
  base,
  token,
  state,
  el,
  show,
  noticeTimer,
  notice,
  fail,
  api,
  rowPath,
  myName,
  isChair,
  inTheDraft,
  describeChoice,
  ticket,
  formatSize,
  act,
} from "./wb-core.js";

import {
  pieceNodes,
  renderDraft,
  projecting,
  renderProjector,
  applyFilters,
  revealInDraft,
  markCurrentRow,
} from "./wb-draft.js";

import {
  source,
  retryDelay,
  retryTimer,
  stopped,
  setLive,
  reconnectSoon,
  connect,
  auditRefresh,
} from "./wb-live.js";

import {
  loadMeeting,
  loadSynopsis,
  loadDraft,
  loadDecisions,
  loadComments,
  loadAll,
  draftTimer,
  refreshDraftSoon,
  renderRevision,
  exportLinks,
  setExportLinks,
  renderDocuments,
  decide,
  clearDecision,
  acceptDecision,
  openEditor,
  setProjector,
} from "./workbench.js";

export function changed(row) {
  return row.cells.some((c) => c.status === "modified" || c.status === "added" || c.status === "deleted");
}

export function opsOf(cell) {
  if (cell.reading) return cell.reading;
  if ((!cell.ops || !cell.ops.length) && cell.text) return [{ op: "equal", text: cell.text }];
  return cell.ops || [];
}

export function textDirection(text) {
  const arabic = (text.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/g) || []).length;
  const latin = (text.match(/[A-Za-z\u00C0-\u024F\u0400-\u04FF]/g) || []).length;
  return arabic > latin ? "rtl" : "auto";
}

export function cellNode(cell) {
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
  // The version's language, as the server told it: browsers with a
  // dictionary for it hyphenate long words rather than overflow.
  const languages = (state.meeting && state.meeting.languages) || {};
  const text = el("div", { class: "text", dir: dir, lang: languages[cell.version] || null });
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

export function sectionGroups(rows) {
  const groups = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.section === row.section) last.rows.push(row);
    else groups.push({ section: row.section, rows: [row] });
  }
  return groups;
}

export function uniformHeading(row) {
  if (changed(row)) return null;
  const texts = row.cells.filter((c) => c.status !== "absent").map((c) => (c.text || "").trim());
  const first = texts.length ? texts[0] : (row.section_title || "").trim();
  if (texts.every((t) => t === first)) return first || row.section;
  return null;
}

export function toolsNode(row) {
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

// The widths the layout is planned with, in rem: the row column, each
// version's least width (a long word fits whole), the decision column and
// the draft panel beside the synopsis (with its gap).
const ROW_REM = 8.5;
const VERSION_REM = 13;
const TOOLS_REM = 14;
const DRAFT_REM = 25;

// Where the draft panel and the decision column go for the window as it
// is: the draft beside the synopsis only when both fit; the decision
// column right after the row's name when the versions need sideways
// scrolling, so that deciding never does.
export function planLayout() {
  const versions = state.synopsis ? state.synopsis.versions.length : 3;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const need = (ROW_REM + Math.max(1, versions) * VERSION_REM + TOOLS_REM) * rem;
  const main = document.querySelector(".wb-main");
  const width = main ? main.clientWidth : window.innerWidth;
  const draftBelow = window.innerWidth < 1500 || need + DRAFT_REM * rem > width;
  document.body.classList.toggle("draft-below", draftBelow);
  const room = draftBelow ? width : width - DRAFT_REM * rem;
  return { toolsFirst: need > room + 1 };
}

let plannedToolsFirst = null;
window.addEventListener("resize", () => {
  if (!state.synopsis) return;
  // The columns are laid out again only when the decision column moves.
  if (planLayout().toolsFirst !== plannedToolsFirst) renderSynopsis();
});

export function renderSynopsis() {
  const table = $("synopsis");
  table.replaceChildren();
  const versions = state.synopsis.versions;
  const toolsFirst = planLayout().toolsFirst;
  plannedToolsFirst = toolsFirst;
  state.toolsFirst = toolsFirst;
  table.classList.toggle("tools-first", toolsFirst);
  // Columns keep a readable width; past that the page scrolls sideways.
  table.style.setProperty("--versions", String(Math.max(1, versions.length)));
  const colgroup = el("colgroup", null, el("col", { class: "c-row" }));
  if (toolsFirst) colgroup.append(el("col", { class: "c-tools" }));
  for (let i = 0; i < versions.length; i++) colgroup.append(el("col", { class: "c-version" }));
  if (!toolsFirst) colgroup.append(el("col", { class: "c-tools" }));
  table.append(colgroup);
  const head = el("tr", null, el("th", { scope: "col", class: "c-row", text: "Row" }));
  const toolsHead = el("th", { scope: "col", class: "c-tools", text: "Decision and comments" });
  if (toolsFirst) head.append(toolsHead);
  // The server heads the columns as the command line's views do:
  // "Proposal 2 (MOD, Addendum 8 to Document 35) (ATU)".
  const headings = (state.meeting && state.meeting.headings) || [];
  versions.forEach((v, i) => {
    const role = v.role === "base" ? (state.synopsis.base_inferred ? "base (inferred)" : "base") : "proposal";
    const meta = el("span", { class: "vmeta" }, role);
    if (v.number) meta.append(" ", el("span", { class: "ref", text: v.number }));
    const heading = headings[i] || v.label;
    if (!headings[i] && v.action) meta.append(" ", el("span", { class: "marker", text: v.action }));
    head.append(
      el(
        "th",
        { scope: "col", class: "version role-" + v.role, "data-version-heading": v.label },
        el("span", { class: "vlabel", dir: "auto", text: heading }),
        meta
      )
    );
  });
  if (!toolsFirst) head.append(toolsHead);
  table.append(el("thead", null, head));
  // The proposers' reasons, under each column, as in the static page.
  if (versions.some((v) => v.reasons && v.reasons.trim())) {
    const reasons = el("tr", { class: "reasons", "data-reasons": "" }, el("th", { scope: "row", class: "rowhead", text: "Reasons" }));
    if (toolsFirst) reasons.append(el("td", { class: "c-tools" }));
    for (const v of versions) {
      reasons.append(el("td", { class: "reasons", dir: "auto", "data-reasons-for": v.label, text: (v.reasons || "").trim() }));
    }
    if (!toolsFirst) reasons.append(el("td", { class: "c-tools" }));
    table.append(el("tfoot", null, reasons));
  }

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
    // A heading with notes keeps its row, to show them.
    if (heading && (uniformHeading(heading) === null || (heading.notes || []).length)) {
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

export function rowNode(row, kindClass) {
  const tr = el("tr", {
    id: "row-" + row.id,
    class: kindClass + " " + (row.kind === "heading" ? "heading " : "paragraph ") + (changed(row) ? "changed" : "unchanged"),
    "data-row": row.id,
  });
  const head = el("th", { scope: "row", class: "rowhead" }, el("a", { class: "rowid", href: "#row-" + row.id, dir: "auto", text: row.id }));
  if (row.label) head.append(el("span", { class: "rowlabel", dir: "auto", text: row.label }));
  if (state.conflictRows.has(row.id)) head.append(el("span", { class: "conflict-mark", title: "proposals conflict here", text: "conflict" }));
  // What the input says about the row (a side-by-side table's comments).
  for (const note of row.notes || []) head.append(el("span", { class: "row-note", dir: "auto", text: note }));
  tr.append(head);
  if (state.toolsFirst) tr.append(toolsNode(row));
  const versions = state.synopsis.versions;
  versions.forEach((v, i) => {
    const cell = row.cells[i] && row.cells[i].version === v.id ? row.cells[i] : row.cells.find((c) => c.version === v.id);
    tr.append(cellNode(cell));
  });
  if (!state.toolsFirst) tr.append(toolsNode(row));
  return tr;
}

export function rowElement(rowId) {
  for (const node of document.querySelectorAll("tr[data-row]")) {
    if (node.dataset.row === rowId) return node;
  }
  return null;
}

export function within(rowId, selector) {
  const tr = rowElement(rowId);
  return tr ? tr.querySelector(selector) : null;
}

export function draftRow(rowId) {
  return state.draft.rows.find((r) => r.id === rowId) || null;
}

export function renderDecision(rowId) {
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
export const ownKeysName = "synoptic-comments:" + meetingId;
export function ownKeys() {
  try {
    return JSON.parse(window.localStorage.getItem(ownKeysName) || "{}");
  } catch (e) {
    return {};
  }
}
export function keepOwnKey(id, key) {
  const keys = ownKeys();
  keys[id] = key;
  try {
    window.localStorage.setItem(ownKeysName, JSON.stringify(keys));
  } catch (e) {
    // No storage: the comment cannot be deleted from another page.
  }
}

export function renderComments(rowId) {
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

// The chair looked at the new comments.
export function resetNewComments() {
  unseenComments = 0;
}

export function noteNewComment(comment) {
  if (!isChair() || comment.role === "chair") return;
  unseenComments++;
  const badge = $("new-comments");
  badge.textContent = unseenComments + (unseenComments === 1 ? " new comment" : " new comments");
  badge.hidden = false;
  badge.dataset.row = comment.row;
}

export function changeComment(comment, action) {
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

export function addComment(comment, render) {
  const list = state.comments.get(comment.row) || [];
  if (list.some((c) => c.id === comment.id)) return;
  list.push(comment);
  state.comments.set(comment.row, list);
  if (render) renderComments(comment.row);
}

// ------------------------------------------------------------ draft
