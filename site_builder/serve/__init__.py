"""`site-builder serve`: a live preview with incremental rebuilds and errors in the browser.

- `snapshot`     polls the watched folders and tells which files changed;
- `incremental`  re-reads the sources and re-renders, with the render core, what changed;
- `errorpage`    the page shown instead of every page while the content has errors;
- `guard`        who may talk to the server (Host, token, Origin) and what it may serve;
- `server`       the Tornado application with livereload's script and websocket;
- `panel`        the control panel on every preview page: its buttons and its snippet
                 (`panel_routes` its addresses under /_sb/, `panel_static/` its script and styles);
- `jobs`         the panel's long actions, one at a time, each in a `worker` process;
- `opener`       "Mở thư mục kết quả": the site's own output/ in the file manager.
"""
