// The landing page of the Synoptic workbench: create a meeting, upload its
// documents, then open the chair's page. Plain JavaScript, no build step;
// text from files and the server is only ever set with textContent/value.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  function show(id, text) {
    const el = $(id);
    el.textContent = text;
    el.hidden = !text;
  }

  async function api(method, path, token, body) {
    const headers = {};
    if (token) headers["X-Synoptic-Token"] = token;
    let payload = body;
    if (body && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: "omit" });
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      throw new Error((data && data.error) || response.status + " " + response.statusText);
    }
    return data;
  }

  function stem(name) {
    const dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(0, dot) : name;
  }

  async function upload(meeting, token, role, file, by) {
    const form = new FormData();
    form.append("role", role);
    form.append("label", stem(file.name));
    if (by) form.append("by", by);
    form.append("file", file, file.name);
    return api("POST", "/api/meetings/" + encodeURIComponent(meeting) + "/documents", token, form);
  }

  async function create(event) {
    event.preventDefault();
    show("error-bar", "");
    const button = $("create-submit");
    button.disabled = true;
    try {
      const title = $("meeting-title").value.trim();
      const by = $("chair-name").value.trim();
      show("create-status", "Creating the meeting…");
      const meeting = await api("POST", "/api/meetings", null, { title: title, by: by || null });
      const token = meeting.chair_token;
      const table = $("side-by-side-file").files[0];
      if (table) {
        show("create-status", "Uploading " + table.name + "…");
        await upload(meeting.id, token, "side-by-side", table, by);
      } else {
        const base = $("base-file").files[0];
        if (base) {
          show("create-status", "Uploading " + base.name + "…");
          await upload(meeting.id, token, "base", base, by);
        }
        for (const file of $("proposal-files").files) {
          show("create-status", "Uploading " + file.name + "…");
          await upload(meeting.id, token, "proposal", file, by);
        }
      }
      const origin = window.location.origin;
      $("chair-link").value = origin + meeting.chair_link;
      $("delegate-link").value = origin + meeting.delegate_link;
      $("open-chair").href = meeting.chair_link;
      $("created").hidden = false;
      show("create-status", "Opening the meeting…");
      window.location.assign(meeting.chair_link);
    } catch (error) {
      show("create-status", "");
      show("error-bar", error.message);
    } finally {
      button.disabled = false;
    }
  }

  $("create-meeting").addEventListener("submit", create);
})();
