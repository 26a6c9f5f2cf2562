/* The preview's control panel (site-builder serve). Injected into preview pages only, never
   into a build. It lives in a shadow root, so the site's styles and the panel's never meet.
   Every button is a POST to /_sb/<action> with the run's token; long actions are polled. */
(function () {
  "use strict";
  var dataNode = document.getElementById("sb-panel-data");
  if (!dataNode || window.__sbPanel) return;
  window.__sbPanel = true;
  var data = JSON.parse(dataNode.textContent);
  var T = data.texts;
  var JOBS = ["check", "build", "pdf"];
  var POLL_MS = 400;
  var KEY_OPEN = "sb-panel-open";
  var KEY_JOB = "sb-panel-job";

  function remember(key, value) {
    try { sessionStorage.setItem(key, value); } catch (e) { /* storage off: the panel still works */ }
  }
  function recall(key) {
    try { return sessionStorage.getItem(key) || ""; } catch (e) { return ""; }
  }

  /* el("p", {class: "x"}, ["text", node]): an element; text only ever set as text. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var host = el("sb-panel", {lang: data.lang});
  var root = host.attachShadow({mode: "open"});
  var toggle = el("button", {type: "button", class: "toggle", "aria-expanded": "false", "aria-controls": "sb-body",
                             text: T.toggle});
  var buttons = {};
  JOBS.concat(["open-output"]).forEach(function (name) {
    buttons[name] = el("button", {type: "button", "data-action": name, text: T[name]});
  });
  buttons["open-output"].className = "secondary";
  var collapse = el("button", {type: "button", class: "collapse", text: T.collapse});
  var stateLine = el("p", {class: "state"});
  var note = el("p", {class: "note"});
  var bar = el("progress", {"aria-label": T.progress});
  bar.hidden = true;
  var lines = el("ol", {class: "lines", "aria-label": T.progress});
  var result = el("div", {class: "result"});
  var body = el("div", {id: "sb-body", class: "body"}, [
    el("div", {class: "head"}, [el("h2", {text: T.title}), collapse]),
    el("div", {class: "actions"}, JOBS.concat(["open-output"]).map(function (n) { return buttons[n]; })),
    el("div", {role: "status", class: "live"}, [stateLine, note]),
    bar, lines, result,
  ]);
  body.hidden = true;
  // The toggle comes first, so Tab goes from it into the panel; CSS shows it below the panel.
  var aside = el("aside", {"aria-label": T.title, class: "panel"}, [toggle, body]);
  root.appendChild(el("link", {rel: "stylesheet", href: "/_sb/panel.css"}));
  root.appendChild(aside);

  function setOpen(open) {
    body.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    remember(KEY_OPEN, open ? "1" : "");
  }
  toggle.addEventListener("click", function () { setOpen(body.hidden); });
  collapse.addEventListener("click", function () { setOpen(false); toggle.focus(); });
  aside.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !body.hidden) { setOpen(false); toggle.focus(); }
  });

  var busy = false;
  function setBusy(running) {
    busy = running;
    JOBS.forEach(function (name) { buttons[name].setAttribute("aria-disabled", String(running)); });
    bar.hidden = !running;
    body.setAttribute("aria-busy", String(running));
  }

  function problemItem(p) {
    var head = [el("code", {text: p.where}), " ", el("span", {class: "sev sev-" + p.severity, text: p.label}), " ",
                el("span", {class: "msg", text: p.message})];
    if (!p.excerpt || !p.excerpt.length) return el("li", {}, head);
    var rows = p.excerpt.map(function (row) {
      var number = ("    " + row[0]).slice(-4) + " │ ";
      return el("span", {class: row[2] ? "row mark" : "row"}, [el("span", {class: "no", text: number}), row[1]]);
    });
    return el("li", {}, [el("details", {}, [el("summary", {}, head), el("pre", {}, rows)])]);
  }

  function group(title, items, more, firstLine) {
    var children = [el("h3", {text: title})];
    if (firstLine) children.push(firstLine);
    if (items.length) children.push(el("ul", {class: "problems"}, items.map(problemItem)));
    if (more) children.push(el("p", {class: "more", text: more}));
    return el("div", {class: "group"}, children);
  }

  function showResult(r) {
    stateLine.textContent = r.summary || "";
    stateLine.className = "state " + (r.ok ? "ok" : "failed");
    result.textContent = "";
    if (r.links && r.links.length) {
      result.appendChild(el("p", {class: "links"}, r.links.map(function (link) {
        return el("a", {href: link.href, text: link.label});
      })));
    }
    if (r.problems && r.problems.length) result.appendChild(group(T.problems, r.problems, r.more));
    if (r.print_summary) {
      var ready = el("p", {class: r.print_ready ? "ok" : "todo", text: r.print_summary});
      var items = r.checklist ? r.checklist.problems : [];
      result.appendChild(group(T.checklist, items, r.checklist ? r.checklist.more : "", ready));
    }
  }

  function showJob(job) {
    setBusy(job.running);
    lines.textContent = "";
    job.progress.forEach(function (line) { lines.appendChild(el("li", {text: line})); });
    if (job.running) {
      stateLine.textContent = T["running-" + job.kind];
      stateLine.className = "state";
      result.textContent = "";
    } else if (job.result) {
      showResult(job.result);
    }
  }

  function post(name) {
    return fetch("/_sb/" + name, {method: "POST", headers: {"X-Site-Builder-Token": data.token}, cache: "no-store"})
      .then(function (response) {
        return response.json().then(function (body) { return {status: response.status, body: body}; });
      });
  }

  function unreachable() {
    setBusy(false);
    note.textContent = T.unreachable;
  }

  var polling = false;
  function poll() {
    if (polling) return;
    polling = true;
    setTimeout(function () {
      polling = false;
      post("status").then(function (reply) {
        var job = reply.body.job;
        if (!job) return;
        showJob(job);
        if (job.running) poll();
      }).catch(unreachable);
    }, POLL_MS);
  }

  function act(name) {
    note.textContent = "";
    if (busy && name !== "open-output") return;
    post(name).then(function (reply) {
      var body = reply.body;
      if (body.message) note.textContent = body.message;
      if (name === "open-output" || !body.job) return;
      if (reply.status === 202) remember(KEY_JOB, String(body.job.id));
      showJob(body.job);
      if (body.job.running) poll();
    }).catch(unreachable);
  }
  Object.keys(buttons).forEach(function (name) {
    buttons[name].addEventListener("click", function () { act(name); });
  });

  function start() {
    document.body.appendChild(host);
    if (recall(KEY_OPEN) === "1") setOpen(true);
    /* After a reload (a saved file): show the action this tab started, or one still running. */
    post("status").then(function (reply) {
      var job = reply.body.job;
      if (!job || !(job.running || String(job.id) === recall(KEY_JOB))) return;
      showJob(job);
      if (job.running) poll();
    }).catch(function () { /* the preview stopped: nothing to show yet */ });
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
