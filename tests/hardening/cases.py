"""The list behind the table in docs/reliability.md: bad input -> behaviour -> proving test.

`test_hardening_docs.py` fails when the table and this list differ or a test is missing.
Regenerate the table with:  .venv/bin/python tests/hardening/cases.py
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
BEGIN, END = "<!-- cases:begin -->", "<!-- cases:end -->"

# (area, bad input, behaviour, "module::test")
CASES: list[tuple[str, str, str, str]] = [
    ("Encoding", "UTF-8 with BOM and/or CRLF line ends", "accepted; BOM dropped, CRLF -> LF",
     "test_hardening_encodings::test_bom_and_crlf_are_accepted"),
    ("Encoding", "file saved as Windows-1258, TCVN3 (ABC) or UTF-16",
     "error `text.not-utf8` with file:line:col, byte offset and the likely encoding; other files still load",
     "test_hardening_encodings::test_legacy_encodings_are_refused_with_position_and_guess"),
    ("Encoding", "decomposed (NFD) or mixed NFC/NFD text", "normalised to NFC, warning `text.not-nfc`",
     "test_hardening_encodings::test_nfd_text_is_normalised_with_a_warning"),
    ("YAML", "the same key twice in a mapping", "error `yaml.duplicate-key` naming both lines",
     "test_hardening_yaml::test_duplicate_key_is_an_error_naming_both_lines"),
    ("YAML", "alias bomb (\"billion laughs\")",
     "error `yaml.alias` at line 1, nothing expanded (cost: bench/bench_hostile_yaml.py)",
     "test_hardening_yaml::test_billion_laughs_is_refused_at_the_first_anchor"),
    ("YAML", "5,000 nested `[` or `{`",
     "error `yaml.too-deep` (limit 40 levels) whichever parser stops first, no RecursionError",
     "test_hardening_yaml::test_deep_nesting_is_an_error_not_a_recursion_crash"),
    ("YAML", "100,000 values in one file",
     "error `yaml.too-many-nodes` (limit 50,000) (cost: bench/bench_hostile_yaml.py)",
     "test_hardening_yaml::test_too_many_values_are_refused"),
    ("YAML", "front matter over 1 MB", "error `yaml.too-big` before parsing",
     "test_hardening_yaml::test_a_document_over_the_size_limit_is_refused_before_parsing"),
    ("YAML", "tags: `!!python/object`, `!!binary`, `!!int`, `!custom`", "error `yaml.tag`; never constructed",
     "test_hardening_yaml::test_yaml_tags_are_refused_not_silently_dropped"),
    ("YAML", "`no`, `yes`, `2019-08-02`, `1e3`, `0o17`, `10:30`, `0123`, `1.000` in a text field",
     "kept as the exact text written",
     "test_hardening_yaml::test_yaml_11_values_in_a_text_field_stay_exactly_as_written"),
    ("YAML", "bare keys `Đ:`, `10:30:`, `0123:`, `no:` in the glossary", "kept as text keys",
     "test_hardening_yaml::test_bare_vietnamese_and_numeric_looking_glossary_keys_stay_text"),
    ("YAML", "`actual: 1.035` (thousands dot)", "error `field.thousands-dot` suggesting 1035",
     "test_hardening_yaml::test_thousands_dot_is_an_error_suggesting_the_number"),
    ("YAML", "`1e3`, `0o17`, `57,5`, `no`, `10:30` in a number field", "error naming the field; no guessing",
     "test_hardening_yaml::test_number_fields_never_guess"),
    ("YAML", "`2021-02-30`", "error `field.invalid-date` with its line (no bare ValueError)",
     "test_hardening_yaml::test_impossible_date_is_an_error_with_a_line_not_a_crash"),
    ("Paths", "photo `../../etc/passwd`, `/etc/passwd`, `C:\\...`, `file:///...`",
     "error `media.outside`/`media.remote` at the photo's line; never read",
     "test_hardening_paths::test_photo_paths_leaving_media_are_refused_by_check"),
    ("Paths", "body image leaving content/media/", "error `media.outside` at its line",
     "test_hardening_paths::test_body_images_leaving_media_are_refused_by_check"),
    ("Paths", "symlink in content/ pointing outside", "error `file.symlink-outside`; the target is never read",
     "test_hardening_paths::test_symlinked_file_pointing_out_of_the_site_is_refused_and_never_read"),
    ("Paths", "symlinked media file leading out of content/media/", "error `file.symlink-outside`",
     "test_hardening_paths::test_symlinked_media_leaving_media_folder_is_refused"),
    ("Paths", "symlinked folder inside content/", "not followed; error `file.symlink-outside`",
     "test_hardening_paths::test_symlinked_folder_is_not_followed"),
    ("Paths", "a FIFO named like a record", "error `file.unreadable` instead of hanging",
     "test_hardening_paths::test_fifo_in_content_is_refused_instead_of_hanging"),
    ("Paths", "media list naming files outside media/", "only files inside content/media/ are copied",
     "test_hardening_paths::test_publishing_media_never_copies_outside_media"),
    ("Paths", "outside file linked into media/ and built", "build refused; output never holds outside bytes",
     "test_hardening_paths::test_build_output_holds_nothing_from_outside_the_site"),
    ("Paths", "`--output` = site root, content/, inside content/, parent of site, non-empty folder",
     "exit 1, `không thể xuất ra …`, nothing deleted",
     "test_hardening_paths::test_dangerous_output_is_refused_through_the_cli_without_deleting_anything"),
    ("Markup", "`<script>`, on* handlers, `javascript:`/`data:` links, iframe/object/embed/form/style/meta/base",
     "removed by the nh3 allow-list", "test_hardening_markup::test_dangerous_html_is_removed"),
    ("Markup", "tables, `<sup>`, `<abbr>`, figures, mailto links", "still rendered",
     "test_hardening_markup::test_allowed_markup_still_renders"),
    ("Markup", "a title containing `<script>`", "shown as text in the built HTML (autoescape)",
     "test_hardening_markup::test_a_title_containing_script_shows_as_text_in_the_built_site"),
    ("PDF", "`file:///etc/passwd`, http(s), ftp, data:, `../` and symlink escapes in the book",
     "refused by the fetcher, `pdf.fetch-refused`",
     "test_hardening_fetcher::test_everything_else_is_refused_and_reported"),
    ("PDF", "`<link rel=attachment>` / `<img>` naming local files or a tracking URL",
     "nothing embedded, no request made", "test_hardening_fetcher::"
     "test_weasyprint_with_the_fetcher_embeds_no_local_file_and_makes_no_request"),
    ("PDF", "remote image in a photo list or body", "error `media.remote` from check",
     "test_hardening_fetcher::test_remote_images_in_content_are_reported_by_check"),
    ("Limits", "file over `limits.max_file_kb`", "error `file.too-big` naming the limit; file not read further",
     "test_hardening_limits::test_file_over_the_configured_size_is_refused_with_the_limit"),
    ("Limits", "more records than `limits.max_records`", "one error `limit.records`; reading stops",
     "test_hardening_limits::test_too_many_records_stop_reading_with_one_clear_error"),
    ("Limits", "image over `limits.max_image_kb`", "error `media.too-big`",
     "test_hardening_limits::test_image_over_the_size_cap"),
    ("Limits", "100,000 × 100,000 PNG (decompression bomb)", "error `media.too-many-pixels` from the header alone",
     "test_hardening_limits::test_image_over_the_pixel_cap_is_measured_from_the_header"),
    ("Limits", "negative `limits:` value", "error `limit.not-positive`; default used",
     "test_hardening_limits::test_non_positive_limits_are_reported_and_ignored"),
    ("Output", "SIGKILL of a build paused by the test after loading, while staging, or before the swap",
     "previous output byte-identical; next build sweeps leftovers",
     "test_hardening_crash::test_sigkill_mid_build_leaves_the_previous_output_byte_identical"),
    ("Output", "kill between the two renames of the swap", "next build restores the previous output first",
     "test_hardening_crash::test_a_build_killed_between_the_two_renames_gets_its_output_back"),
    ("Output", "template error in a site `templates/` override", "exit 3 naming the template; output intact",
     "test_hardening_crash::test_a_template_error_in_the_last_page_leaves_the_output_intact"),
    ("Output", "disk full (ENOSPC) while writing", "`output.write-failed`, exit 3, no traceback, output intact",
     "test_hardening_crash::test_disk_full_through_the_cli_is_exit_3_without_traceback"),
    ("Output", "any `check`/`build` run", "content/ byte-identical (hashed before/after)",
     "test_hardening_crash::test_content_is_never_written"),
    ("Strict", "broken internal link, unused media, unused glossary term",
     "warning; `check --strict` exits 1 naming file:line", "test_hardening_strict::"
     "test_warning_passes_plain_check_and_fails_strict_check"),
    ("Strict", "a target whose status cannot be known (rate target without a planned figure)",
     "error even without --strict, naming file:line", "test_hardening_strict::"
     "test_a_target_whose_status_cannot_be_known_is_an_error_even_without_strict"),
    ("Strict", "image referenced but missing", "error with file:line (with or without --strict)",
     "test_hardening_strict::test_image_referenced_but_missing_fails_check"),
    ("Fuzz", "arbitrary bytes as any record kind", "model or problems with path (and line); never an exception",
     "test_hardening_fuzz::test_arbitrary_bytes_never_crash_the_loader"),
    ("Fuzz", "arbitrary YAML structures as any record kind", "model or problems; never an exception",
     "test_hardening_fuzz::test_arbitrary_yaml_structures_never_crash_the_loader"),
    ("Fuzz", "known field names with tricky values (`no`, `1.035`, `2021-02-30`, …)", "model or problems",
     "test_hardening_fuzz::test_lists_of_records_with_known_field_names_never_crash"),
    # Round two (issue 11). `python tests/hardening/cases.py write NAME DIR` writes the inputs (RED_TEAM).
    ("SVG", "1.4 KB SVG of nested `<use>` (\"use bomb\", 10× per level; 8 levels)",
     "error `svg.too-many-nodes` at the outer `<use>` (limit `limits.max_svg_nodes`, 10,000); `build` exits 1 "
     "before the PDF (was: still running after 120 s)",
     "test_hardening_svg::test_the_use_bomb_stops_check_and_build_quickly_with_its_line"),
    ("SVG", "`<script>`, `on…=`, `foreignObject`, HTML-namespace script, `javascript:`, animation, external "
     "`<use>`/`url()`/`@import`, `<image href=file:…>`, `<?xml-stylesheet?>`, entities, CSS escapes, cycles, "
     "150-level nesting",
     "refused by the SVG allow-list at file:line (`svg.script`, `svg.element`, `svg.reference`, …)",
     "test_hardening_svg::test_hostile_svgs_are_refused_by_check_at_their_line"),
    ("SVG", "a scripted SVG used as image, raw `<img>`, link, or not at all", "refused all the same",
     "test_hardening_svg::test_a_script_in_an_svg_is_refused_wherever_it_is_used"),
    ("SVG", "a scripted SVG named `.png`", "checked by its content",
     "test_hardening_svg::test_a_photo_that_is_an_svg_under_another_name_is_checked_by_its_content"),
    ("SVG", "an Inkscape/Illustrator logo (DOCTYPE, editor metadata, gradients, `<use>`, `<style>`)",
     "accepted, published byte-identical, printed", "test_hardening_svg::"
     "test_an_svg_from_a_drawing_program_is_accepted_and_printed"),
    ("SVG", "a hostile SVG reaching the PDF renderer without `check`", "refused by the fetcher, same problem",
     "test_hardening_svg::test_the_pdf_fetcher_refuses_a_hostile_svg_even_when_check_was_skipped"),
    ("SVG", "`.html`, `.xhtml`, `.xml`, `.js`, `.svgz` in media/", "error `media.active-content`",
     "test_hardening_svg::test_files_a_browser_would_run_as_a_page_are_refused_in_media"),
    ("Images", "12000 × 12000 PNG renamed `.bmp`, `.tif`, `.dat`, no suffix", "error `media.too-many-pixels` "
     "(identified by content)", "test_hardening_images::test_a_huge_png_under_any_name_is_refused_by_check"),
    ("Images", "BMP and TIFF headers claiming 144 million pixels", "error `media.too-many-pixels`",
     "test_hardening_images::test_other_image_formats_are_measured_too"),
    ("Images", "`limits.max_image_pixels` above Pillow's own limit, a 144-megapixel BMP",
     "error `media.decompression-bomb`; no raw DecompressionBombWarning",
     "test_hardening_images::test_the_image_librarys_bomb_warning_becomes_our_problem"),
    ("Images", "a bomb image reaching the PDF renderer without `check`", "refused by the fetcher",
     "test_hardening_images::test_the_pdf_fetcher_caps_every_image_it_serves"),
    ("Depth", "Markdown list nested 300 levels, and an error elsewhere",
     "error `markup.too-deep` at the line crossing `limits.max_depth` (30); the other error still reported "
     "(was: RecursionError, exit 3)", "test_hardening_depth::test_a_list_nested_300_levels_is_reported_with_every_"
     "other_error"),
    ("Depth", "blockquote nested 250 levels (500 bytes); 3,000 nested `<div>`",
     "`check --strict` and `build` exit 1 naming the line (was: accepted, then a PDF crash)",
     "test_hardening_depth::test_deep_quotes_and_html_fail_check_and_build_at_their_line"),
    ("Depth", "`limits.max_depth: 500`", "error `limit.too-high`; 100 used (what the PDF renderer takes)",
     "test_hardening_depth::test_the_limit_cannot_be_raised_past_what_the_pdf_renderer_takes"),
    ("Depth", "99 quotes, 49 list levels and 98 `<div>` with `max_depth: 100`", "accepted and printed",
     "test_hardening_depth::test_what_check_accepts_at_the_highest_limit_the_pdf_renders"),
    ("Workers", "SIGKILL of `build -j 2` while workers render 450 pages (Markdown, then pages)",
     "every worker exits with it (PR_SET_PDEATHSIG); none left in /proc",
     "test_hardening_workers::test_workers_die_with_a_killed_build"),
    ("Paths", "content/site.yaml a symlink to a private file outside content/",
     "error `file.symlink-outside` before reading; its text never shown",
     "test_hardening_paths::test_site_yaml_symlinked_out_of_content_is_refused_before_reading"),
    ("Output", "output folder made read-only by its owner (`chmod -R a-w`)",
     "replaced, and the old copy removed (was: hidden `.old-output-<pid>/` left forever)",
     "test_hardening_crash::test_a_read_only_output_is_replaced_and_its_old_copy_removed"),
    ("Output", "old output owned by another user and read-only", "warning `output.old-left` naming the folder",
     "test_hardening_crash::test_an_old_output_that_cannot_be_removed_is_reported_not_left_silently"),
    ("Digits", "`١٢٣`, `１２`, `1٠` as a number", "error `field.non-ascii-digits` suggesting 123, 12, 10",
     "test_hardening_digits::test_non_ascii_digits_are_refused_as_numbers_with_a_suggestion"),
    ("Digits", "non-ASCII digits in a count, a date and a limit", "the same error at each line",
     "test_hardening_digits::test_non_ascii_digits_are_refused_in_whole_numbers_dates_and_limits"),
    ("Digits", "a year folder `years/٢٠٢١/`", "not a year: error `year.bad-folder`",
     "test_hardening_digits::test_a_year_folder_in_non_ascii_digits_is_not_a_year"),
    ("Location", "missing `<img src=\"x\">` on line 40, the letter x on line 17", "reported at line 40",
     "test_hardening_strict::test_a_missing_short_image_path_is_reported_at_its_element_not_at_the_first_match_in_"
     "the_text"),
    ("Location", "one missing path in `![](x)`, `<img>` and `[r]: x`", "each at its own line",
     "test_hardening_strict::test_each_missing_image_is_reported_at_its_own_line"),
    ("Preview", "`/a%00b`, control bytes, non-UTF-8 escapes", "400 and one log line (was: 500 and a traceback)",
     "test_hardening_serve::test_nul_and_control_bytes_in_an_address_are_400_with_one_log_line"),
    ("Preview", "Host `rebind.example`, another port, none (DNS rebinding)", "421 for pages, files and livereload.js",
     "test_hardening_serve::test_a_request_naming_another_host_is_421"),
    ("Preview", "livereload's websocket from another Host or Origin", "421 / 403",
     "test_hardening_serve::test_the_live_reload_websocket_checks_host_and_origin"),
    ("Preview", "POST action without the run's token, without or with a foreign Origin; GET; rebound Host",
     "403 / 405 / 421, the action never runs", "test_hardening_serve::test_actions_need_post_the_token_and_a_"
     "same_origin_page"),
    ("Preview", "a symlink or `../` out of the preview folder", "403/404, nothing outside served",
     "test_hardening_serve::test_files_outside_the_preview_folder_are_never_served"),
    ("Fuzz", "Markdown bodies of quotes, lists, tables, code and raw tags, nested up to 400 levels",
     "`check` never fails internally", "test_hardening_fuzz_markup::test_check_never_fails_with_an_internal_error_"
     "on_any_body"),
    ("Fuzz", "the same bodies, where `check` accepts them", "`build` renders HTML and PDF (found: code spans "
     "and italics in headings printed in a system font)",
     "test_hardening_fuzz_markup::test_whatever_check_accepts_builds_with_its_pdf"),
    ("Fuzz", "emoji, CJK, `&#0;` in a printed body", "error `text.unprintable` at its line (was: build exit 3)",
     "test_hardening_fuzz_markup::test_characters_the_fonts_lack_are_found_by_check_at_their_line"),
]  # fmt: skip


# --- Round two: the red-team inputs, reproducible ----------------------------------------------
# Each function returns the hostile files ({site-relative path: text or bytes}) that the tests use;
# `python tests/hardening/cases.py write CASE DIR` writes one of them into a complete small site
# (see RED_TEAM below) so it can be tried by hand with `site-builder check/build --site DIR`.

NON_ASCII_NUMBERS = [("١٢٣", "123"), ("１２", "12"), ("1٠", "10")]  # Arabic-Indic, full-width, mixed


def target_with_actual(actual: str) -> str:
    """A term targets.yaml whose `actual` (line 5) is written as given."""
    return f"- id: ket-nap\n  name: Kết nạp đảng viên\n  unit: đảng viên\n  target: 1000\n  actual: {actual}\n"


def non_ascii_digit_files() -> dict[str, str]:
    """Non-ASCII digits in a limit (site.yaml:4), a count (awards.yaml:4) and a date (conference:3)."""
    return {
        "content/site.yaml": 'title: "Kỷ yếu"\norganization: "Đảng bộ"\nlimits:\n  max_records: 1٠\n',
        "content/terms/2020-2025/awards.yaml": (
            "- title: Giấy khen\n  issuer: Ban Thường vụ\n  recipient_kind: collective\n  count: ١٢\n"
        ),
        "content/years/2021/conferences/2021-01-14-tong-ket.md": (
            "---\ntitle: Hội nghị tổng kết\ndate: ٢٠٢١-٠١-١٤\nkind: tong-ket\n---\nThân bài.\n"
        ),
    }


def site_yaml_symlinked_outside(site: Path, outside: Path) -> str:
    """Replace the site's content/site.yaml by a link to `outside`, a private file whose broken
    YAML would be quoted in an error message if it were read; returns that private text."""
    secret = "MẬT-KHẨU-KHÔNG-ĐƯỢC-LỘ"
    outside.write_text(f'title: "Kỷ yếu"\norganization: [{secret}\n', encoding="utf-8")
    (site / "content" / "site.yaml").unlink(missing_ok=True)
    (site / "content" / "site.yaml").symlink_to(outside)
    return secret


def make_read_only(folder: Path, owner: int | None = None) -> None:
    """`chmod -R a-w` a built output folder (and give it to user `owner`, when root)."""
    for path in [folder, *folder.rglob("*")]:
        if owner is not None:
            os.chown(path, owner, owner, follow_symlinks=False)
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)


def _year_file(body: str) -> dict[str, str | bytes]:
    return {"content/years/2021/year.md": f"---\ntitle: Năm 2021\n---\n{body}"}


def short_image_path_body() -> tuple[str, list[int]]:
    """A year.md body (after 3 lines of front matter) whose missing image `x` is named on line 40 by a raw
    <img>, after the letter x appears in the text on line 17; and the lines where it must be reported."""
    lines = ["Đoạn văn."] * 36
    lines[13] = "Chụp x quang cho cán bộ."  # file line 17
    lines.append('<img src="x">')  # file line 40
    return "\n".join(lines) + "\n", [40]


# Preview addresses that cannot name a file: NUL, another control byte, an escape that is not UTF-8.
INVALID_PREVIEW_PATHS = ["/a%00b", "/index.html%00.png", "/%01", "/a%0Ab", "/%ff%fe"]
# Host headers of a page that rebound its own name to 127.0.0.1 (DNS rebinding), or the wrong port.
FOREIGN_HOSTS = ["rebind.example:{port}", "evil.example", "localhost:1", "127.0.0.1.nip.io:{port}", ""]


def many_conferences(count: int) -> dict[str, str]:
    """A year of `count` conferences with distinct ~500-word bodies: enough (≥ 400) for worker processes."""
    paragraph = "Đảng viên **mới** được kết nạp, BCH họp thường kỳ theo quy chế làm việc. " * 25 + "\n\n"
    files = {"content/years/2021/year.md": "---\ntitle: Năm 2021\n---\nNăm.\n"}
    for i in range(count):
        day = i % 28 + 1
        files[f"content/years/2021/conferences/2021-03-{day:02d}-hoi-nghi-{i}.md"] = (
            f'---\ntitle: "Hội nghị số {i}"\ndate: 2021-03-{day:02d}\nkind: chuyen-de\n---\n'
            + f"Hội nghị số {i}.\n\n"  # every body distinct: the Markdown cache renders a text once
            + paragraph * 4
        )
    return files


def retitle_site(site: Path) -> None:
    """Change site.yaml's title: every page must be rendered again, no Markdown body changes."""
    path = site / "content" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Mới - ", 1), encoding="utf-8")


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">'


def svg_use_bomb(levels: int = 8, fan: int = 10) -> str:
    """Nested <use>: each level draws the one below `fan` times (1.4 KB at 5 levels; 10^levels rects)."""
    lines = [SVG_OPEN, '<defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}" x="{i}"/>' for i in range(fan))
        lines.append(f'<g id="l{level}">{uses}</g>')
    lines += ["</defs>", f'<use xlink:href="#l{levels}"/>', "</svg>"]
    return "\n".join(lines) + "\n"


def _svg(line2: str, first: str = SVG_OPEN) -> str:
    return f"{first}\n{line2}\n</svg>\n"


# name -> (SVG text, a problem code it must get, the line of that problem)
HOSTILE_SVGS: dict[str, tuple[str, str, int]] = {
    "script": (_svg("<script>alert(document.cookie)</script>"), "svg.script", 2),
    "onload": (_svg("<rect/>", SVG_OPEN.replace("<svg ", '<svg onload="alert(1)" ')), "svg.script", 1),
    "foreign-object": (
        _svg('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body>'
             "</foreignObject>"), "svg.script", 2),
    "html-namespace-script": (
        _svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), "svg.script", 2),
    "javascript-link": (_svg('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>'), "svg.script", 2),
    "animation-rewriting-href": (
        _svg('<rect width="9" height="9"><set attributeName="fill" to="red"/></rect>'), "svg.element", 2),
    "external-use": (_svg('<use href="https://tracker.example/sprite.svg#a"/>'), "svg.reference", 2),
    "local-file-image": (_svg('<image href="file:///etc/passwd" width="9" height="9"/>'), "svg.element", 2),
    "css-import": (_svg("<style>@import url(https://tracker.example/a.css);</style>"), "svg.reference", 2),
    "remote-fill": (_svg('<rect width="9" height="9" fill="url(https://tracker.example/p.svg#g)"/>'),
                    "svg.reference", 2),
    "css-escape": (_svg('<rect width="9" height="9" style="fill: \\75 rl(https://tracker.example/)"/>'),
                   "svg.css", 2),
    "stylesheet-instruction": ('<?xml-stylesheet href="https://tracker.example/a.css"?>\n' + _svg("<rect/>"),
                               "svg.instruction", 1),
    "entity-declaration": ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n' + _svg("<text>&a;</text>"),
                           "svg.entities", 1),
    "use-cycle": (_svg('<g id="a"><use xlink:href="#a"/></g>'), "svg.use-cycle", 2),
    "nesting": (_svg("<g>" * 150 + "</g>" * 150), "svg.too-deep", 2),
    "use-bomb": (svg_use_bomb(8), "svg.too-many-nodes", 12),  # the outermost <use>
}  # fmt: skip


def drawing_program_svg() -> str:
    """What Inkscape and Illustrator write for an ordinary logo: all of it allowed."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"\n'
        '     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"\n'
        '     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"\n'
        '     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '     width="120" height="120" viewBox="0 0 120 120" version="1.1" inkscape:version="1.2">\n'
        "  <title>Huy hiệu</title>\n"
        '  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="1"/>\n'
        "  <metadata><rdf:RDF><dc:title>Huy hiệu</dc:title></rdf:RDF></metadata>\n"
        '  <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/><stop offset="1" stop-color="#fc0"/>'
        '</linearGradient><linearGradient id="g2" xlink:href="#g" gradientUnits="userSpaceOnUse"/>'
        "<style>.sao { fill: url(#g2); stroke: #900 }</style>"
        '<symbol id="canh"><path d="M0 0 L10 30 L-10 30 Z"/></symbol></defs>\n'
        '  <g inkscape:label="Lớp 1" inkscape:groupmode="layer" transform="translate(60 60)">\n'
        '    <circle r="55" style="fill:url(#g);stroke:#900;stroke-width:2" data-name="nền"/>\n'
        '    <use xlink:href="#canh" class="sao"/><use href="#canh" transform="rotate(72)" class="sao"/>\n'
        '    <text y="50" text-anchor="middle" font-family="Liberation Sans" xml:space="preserve">ĐẢNG BỘ</text>\n'
        "  </g>\n</svg>\n"
    )


def png_of_size(width: int, height: int) -> bytes:
    """A real (decodable) black 1-bit PNG of any size: a few KB even at 12000 × 12000 pixels."""
    raw_row = b"\0" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(raw_row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def bmp_header(width: int, height: int) -> bytes:
    """A 24-bit BMP header claiming width × height (no pixel data: enough for any reader's header)."""
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54, 0, 0, 54) + info


def tiff_header(width: int, height: int) -> bytes:
    """A little-endian, uncompressed 8-bit grey TIFF header claiming width × height."""
    entries = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 8 + 2 + 9 * 12 + 4),
               (277, 3, 1), (278, 4, height), (279, 4, width * height)]  # fmt: skip
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", tag, kind, 1, value)
                                                    for tag, kind, value in entries)  # fmt: skip
    return b"II*\0" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)


def site_yaml_with_limits(**values: int) -> str:
    return 'title: "Kỷ yếu"\norganization: "Đảng bộ"\nlimits:\n' + "".join(f"  {k}: {v}\n" for k, v in values.items())


def nested_list(levels: int) -> str:
    """A Markdown list `levels` deep, one item per line (level n on the body's line n)."""
    return "".join(" " * 4 * level + f"- mức {level + 1}\n" for level in range(levels))


def nested_quotes(levels: int) -> str:
    """`levels` blockquotes on one line (250 levels: 500 bytes)."""
    return "> " * levels + "trích dẫn\n"


def nested_divs(levels: int) -> str:
    """Raw HTML: `levels` <div> inside each other, on one line."""
    return "<div>" * levels + "chữ" + "</div>" * levels + "\n"


# --- Writing a red-team case into a small site, to try it by hand ------------------------------

BASE_SITE = {
    "content/site.yaml": 'title: "Kỷ yếu thử nghiệm"\norganization: "Đảng bộ Khối thử nghiệm"\n',
    "content/terms/2020-2025/term.md": "---\ntitle: Nhiệm kỳ\nstart: 2020-08-14\nend: 2025-08-20\n---\nThân bài.\n",
}
_TERM_FRONT = "---\ntitle: Nhiệm kỳ\nstart: 2020-08-14\nend: 2025-08-20\n---\n"


def _term(body: str) -> dict[str, str | bytes]:
    return {"content/terms/2020-2025/term.md": _TERM_FRONT + body}


def _year(body: str) -> dict[str, str | bytes]:
    return {"content/years/2021/year.md": f"---\ntitle: Năm 2021\n---\n{body}\n"}


def _site_yaml_link(site: Path) -> None:
    site_yaml_symlinked_outside(site, site.parent / f"{site.name}-rieng-tu.yaml")


# name -> (issue item and how to try it, the files, an action on the written site or None)
RED_TEAM: dict[str, tuple[str, dict[str, str | bytes], object]] = {
    "svg-use-bomb": ("1: check --strict, then build", {"content/media/so-do.svg": svg_use_bomb(8),
                     **_year("![sơ đồ](../../media/so-do.svg)")}, None),
    "svg-script": ("2: check --strict; every HOSTILE_SVGS entry fails the same way",
                   {"content/media/so-do.svg": HOSTILE_SVGS["onload"][0], **_year("[sơ đồ](../../media/so-do.svg)")},
                   None),
    "png-renamed-bmp": ("3: check --strict, then build", {"content/media/anh.bmp": png_of_size(12000, 12000),
                        **_year("![ảnh](../../media/anh.bmp)")}, None),
    "nested-list": ("4: check (was an internal error)", _term(nested_list(300)), None),
    "nested-quotes": ("4: check --strict, then build", _term(nested_quotes(250)), None),
    "nested-divs": ("4: check --strict, then build", _term(nested_divs(3000)), None),
    "many-pages": ("5: build -j 2 --force, `kill -9` it while it renders, then look for its workers (ps)",
                   dict(many_conferences(450)), None),
    "site-yaml-symlink": ("6: check (content/site.yaml links to a private file beside the site)", {},
                          _site_yaml_link),
    "read-only-output": ("7: build, `chmod -R a-w output` (as a normal user), build --force", {}, None),
    "preview": ("8, 11: serve, then curl 'http://127.0.0.1:8000/a%00b' and "
                "curl -H 'Host: rebind.example:8000' http://127.0.0.1:8000/", {}, None),
    "non-ascii-digits": ("9: check", dict(non_ascii_digit_files()), None),
    "short-image-path": ("10: check (the error is on line 40)", _year_file(short_image_path_body()[0]), None),
}  # fmt: skip


def write_case(name: str, site: Path) -> str:
    """Write BASE_SITE plus red-team case `name` into the (new) folder `site`; what to try with it."""
    what, files, action = RED_TEAM[name]
    if site.exists() and any(site.iterdir()):
        raise SystemExit(f"{site} is not empty")
    for rel, data in {**BASE_SITE, **files}.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    if callable(action):
        action(site)
    return what


def table() -> str:
    lines = ["| Area | Bad input tried | Behaviour | Test (tests/hardening/) |", "|---|---|---|---|"]
    for area, bad, behaviour, test in CASES:
        module, function = test.split("::")
        cells = [area, bad, behaviour, f"`{module}.py::{function}`"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def render(doc: str) -> str:
    head, _, rest = doc.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


USAGE = """usage: cases.py                 regenerate the table in docs/reliability.md
       cases.py list            the red-team cases of round two
       cases.py write NAME DIR  write case NAME into a small new site in DIR
"""

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
        sys.stdout.write(f"updated {DOC}\n")
    elif args == ["list"]:
        sys.stdout.write("".join(f"{name:18} item {what}\n" for name, (what, _, _) in RED_TEAM.items()))
    elif len(args) == 3 and args[0] == "write" and args[1] in RED_TEAM:
        how = write_case(args[1], Path(args[2]))
        sys.stdout.write(f"wrote {args[2]}; try: site-builder … --site {args[2]}  (item {how})\n")
    else:
        sys.stderr.write(USAGE)
        sys.exit(2)
