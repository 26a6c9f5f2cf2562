"""`site-builder serve`: a live preview with incremental rebuilds and errors in the browser.

- `snapshot`    polls the watched folders and tells which files changed;
- `deps`        decides, from the model's dependency map, which pages a change touches;
- `incremental` re-reads the sources, re-plans and renders only those pages;
- `errorpage`   the panel shown instead of every page while the content has errors;
- `server`      the Tornado application with livereload's script and websocket.
"""
