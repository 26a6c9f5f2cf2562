"""The Jinja environment for the HTML pages.

Autoescaping and StrictUndefined are on: content is data, never template
source, and a misspelt variable is an error, not an empty string. Templates are
searched along the theme's folders; the `theme:` prefix skips the site's own
overrides (so `templates/partials/footer.html` can extend
"theme:partials/footer.html"), and `default:` reaches the built-in theme.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jinja2

from site_builder.catalogue import text
from site_builder.render.filters import make_filters
from site_builder.render.themes import Theme

UI_VI: dict[str, object] = {
    "nav_label": "Điều hướng chính",
    "nav_toggle": "Mục lục",
    "nav_home": "Trang chủ",
    "nav_terms": "Nhiệm kỳ",
    "nav_years": "Các năm",
    "nav_targets": "Chỉ tiêu",
    "nav_awards": "Khen thưởng",
    "nav_people": "Nhân vật",
    "nav_glossary": "Thuật ngữ",
    "pdf_download": "Tải kỷ yếu PDF",
    "skip_to_content": "Bỏ qua, tới nội dung chính",
    "breadcrumbs_label": "Vị trí trang",
    "not_found": "Không tìm thấy trang",
    "not_found_text": "Trang bạn tìm không có hoặc đã được chuyển đi. "
    "Hãy quay về trang chủ hoặc chọn một mục trong thanh điều hướng.",
    "back_home": "Về trang chủ",
    "current_term": "Nhiệm kỳ hiện tại",
    "term": "Nhiệm kỳ",
    "term_label": "Nhiệm kỳ {id}",
    "terms_title": "Các nhiệm kỳ",
    "years_title": "Các năm",
    "term_dates": "Từ {start} đến {end}",
    "congress": "Đại hội",
    "secretary": "Bí thư",
    "headline_figures": "Số liệu nổi bật",
    "latest_conferences": "Hội nghị, sự kiện mới nhất",
    "all_years": "Các năm",
    "conferences": "Hội nghị, sự kiện",
    "conference_count": "{count} hội nghị, sự kiện",
    "no_conferences": "Chưa có hội nghị, sự kiện nào được ghi lại.",
    "read_more": "Xem chi tiết",
    "targets_title": "Chỉ tiêu",
    "targets_overview": "Kết quả thực hiện chỉ tiêu",
    "targets_intro": "Kết quả thực hiện các chỉ tiêu theo nghị quyết của từng nhiệm kỳ và từng năm.",
    "term_targets": "Chỉ tiêu nhiệm kỳ",
    "year_targets": "Chỉ tiêu năm",
    "tally": "Đạt và vượt {met}/{total} chỉ tiêu",
    "col_no": "STT",
    "col_name": "Chỉ tiêu",
    "col_unit": "Đơn vị",
    "col_plan": "Kế hoạch",
    "col_actual": "Thực hiện",
    "col_ratio": "Tỷ lệ / chênh lệch",
    "col_status": "Đánh giá",
    "col_progress": "Mức hoàn thành",
    "implied_note": "kế hoạch suy ra từ tỷ lệ đã công bố",
    "at_most": "không vượt quá",
    "period": "số liệu {period}",
    "status": {
        "vuot": "Vượt",
        "dat": "Đạt",
        "khong-dat": "Không đạt",
        "unknown": "Chưa đánh giá",
    },
    "awards_title": "Khen thưởng",
    "honour_roll": "Bảng vàng khen thưởng",
    "awards_intro": "Các hình thức khen thưởng theo nhiệm kỳ và theo năm, xếp theo thứ bậc. "
    "Tổng số chỉ tính khen thưởng đã trao; đề nghị được ghi riêng.",
    "term_awards": "Khen thưởng tổng kết nhiệm kỳ",
    "charts": "Biểu đồ",
    "year_awards": "Khen thưởng các năm trong nhiệm kỳ",
    "awards_of_year": "Khen thưởng năm",
    "no_awards": "Chưa có khen thưởng nào được ghi lại.",
    "proposed": "Đề nghị",
    "proposed_note": "đề nghị cấp trên khen thưởng, chưa tính vào tổng số",
    "collective": "tập thể",
    "individual": "cá nhân",
    "award_by": "của",
    "totals_granted": "Đã khen thưởng",
    "totals_proposed": "Đề nghị khen thưởng",
    "recipients": "Danh sách",
    "decision": "Quyết định",
    "people_title": "Nhân vật",
    "people_intro": "Những người được nhắc tới trong các bài viết, với chức vụ và liên kết tới từng bài.",
    "roles": "Chức vụ",
    "mentioned_in": "Được nhắc tới trong",
    "no_people": "Chưa có nhân vật nào.",
    "glossary_title": "Thuật ngữ, từ viết tắt",
    "glossary_intro": "Các từ viết tắt dùng trong kỷ yếu và nghĩa đầy đủ.",
    "abbr": "Viết tắt",
    "expansion": "Nghĩa đầy đủ",
    "no_glossary": "Chưa có thuật ngữ nào.",
    "kind": {
        "so-ket": "Hội nghị sơ kết",
        "tong-ket": "Hội nghị tổng kết",
        "bch-mo-rong": "Hội nghị Ban Chấp hành mở rộng",
        "dai-hoi": "Đại hội",
        "chuyen-de": "Hội nghị chuyên đề",
        "khac": "Sự kiện khác",
    },
    "date": "Thời gian",
    "host": "Chủ trì",
    "attendees": "Thành phần tham dự",
    "author": "Người viết",
    "tags": "Từ khóa",
    "photos": "Hình ảnh",
    "photo_credit": "Ảnh: {credit}",
    "prev_conference": "Hội nghị trước",
    "next_conference": "Hội nghị sau",
    "prev_year": "Năm trước",
    "next_year": "Năm sau",
    "pager_label": "Chuyển trang",
    "in_terms": "Thuộc nhiệm kỳ",
    "footer_made_with": "Trang kỷ yếu được tạo bằng site-builder.",
}

UI_EN: dict[str, object] = {
    **UI_VI,
    "nav_label": "Main navigation",
    "nav_toggle": "Menu",
    "nav_home": "Home",
    "nav_terms": "Terms",
    "nav_years": "Years",
    "nav_targets": "Targets",
    "nav_awards": "Awards",
    "nav_people": "People",
    "nav_glossary": "Glossary",
    "pdf_download": "Download the yearbook (PDF)",
    "skip_to_content": "Skip to main content",
    "breadcrumbs_label": "You are here",
    "not_found": "Page not found",
    "not_found_text": "The page you are looking for does not exist or has moved. "
    "Go back to the home page or pick a section from the menu.",
    "back_home": "Back to the home page",
    "current_term": "Current term",
    "term": "Term",
    "term_label": "Term {id}",
    "terms_title": "Terms",
    "years_title": "Years",
    "term_dates": "From {start} to {end}",
    "congress": "Congress",
    "secretary": "Secretary",
    "headline_figures": "Headline figures",
    "latest_conferences": "Latest conferences and events",
    "all_years": "Years",
    "conferences": "Conferences and events",
    "conference_count": "{count} conferences and events",
    "no_conferences": "No conference recorded yet.",
    "read_more": "Read more",
    "targets_title": "Targets",
    "targets_overview": "Results against targets",
    "targets_intro": "Results against the targets set for each term and each year.",
    "term_targets": "Term targets",
    "year_targets": "Targets of",
    "tally": "{met} of {total} targets met or exceeded",
    "col_no": "No.",
    "col_name": "Target",
    "col_unit": "Unit",
    "col_plan": "Planned",
    "col_actual": "Achieved",
    "col_ratio": "Ratio / difference",
    "col_status": "Result",
    "col_progress": "Completion",
    "implied_note": "planned figure derived from the published completion rate",
    "at_most": "at most",
    "period": "figure for {period}",
    "status": {"vuot": "Exceeded", "dat": "Met", "khong-dat": "Missed", "unknown": "Not assessed"},
    "awards_title": "Awards",
    "honour_roll": "Honour roll",
    "awards_intro": "Awards by term and by year, in order of rank. Totals count granted "
    "awards only; proposals are listed apart.",
    "term_awards": "Awards for the term",
    "charts": "Charts",
    "year_awards": "Awards in the term's years",
    "awards_of_year": "Awards of",
    "no_awards": "No award recorded yet.",
    "proposed": "Proposed",
    "proposed_note": "proposed to a higher level, not counted in the totals",
    "collective": "collective",
    "individual": "individual",
    "award_by": "from",
    "totals_granted": "Granted",
    "totals_proposed": "Proposed",
    "recipients": "Recipients",
    "decision": "Decision",
    "people_title": "People",
    "people_intro": "People named in the records, with their roles and links to each record.",
    "roles": "Roles",
    "mentioned_in": "Named in",
    "no_people": "No person recorded yet.",
    "glossary_title": "Glossary",
    "glossary_intro": "Abbreviations used in the yearbook and what they stand for.",
    "abbr": "Abbreviation",
    "expansion": "Meaning",
    "no_glossary": "No glossary entry yet.",
    "kind": {
        "so-ket": "Mid-year review conference",
        "tong-ket": "Annual review conference",
        "bch-mo-rong": "Extended Executive Committee meeting",
        "dai-hoi": "Congress",
        "chuyen-de": "Thematic conference",
        "khac": "Other event",
    },
    "date": "Date",
    "host": "Chaired by",
    "attendees": "Attendees",
    "author": "Written by",
    "tags": "Tags",
    "photos": "Photos",
    "photo_credit": "Photo: {credit}",
    "prev_conference": "Previous conference",
    "next_conference": "Next conference",
    "prev_year": "Previous year",
    "next_year": "Next year",
    "pager_label": "More pages",
    "in_terms": "Part of term",
    "footer_made_with": "This yearbook site was made with site-builder.",
}

UI: dict[str, dict[str, object]] = {"vi": UI_VI, "en": UI_EN}


def ui_strings(lang: str) -> dict[str, object]:
    """The interface strings for `lang` (a fresh copy, safe to extend per site)."""
    return dict(UI.get(lang, UI_VI))


def css_percent(value: Decimal | int | float) -> str:
    """A width for CSS, clamped to 0..100 with a dot decimal: Decimal("57.5") -> "57.5%"."""
    number = min(max(Decimal(str(value)), Decimal(0)), Decimal(100))
    return f"{number.quantize(Decimal('0.1')).normalize():f}%"


class TemplateFileLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose undecodable files are template errors with file and line.

    Jinja would let a bare UnicodeDecodeError escape from every render that includes
    the file; as a TemplateSyntaxError it reaches the usual `template.error` report.
    """

    def get_source(self, environment: jinja2.Environment, template: str):
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            path = self._find(template)
            data = path.read_bytes() if path else b""
            line = data.count(b"\n", 0, exc.start) + 1
            message = text("template.not-utf8", offset=exc.start)
            raise jinja2.TemplateSyntaxError(message, line, template, str(path) if path else None) from None

    def _find(self, template: str) -> Path | None:
        parts = jinja2.loaders.split_template_path(template)
        candidates = (Path(folder, *parts) for folder in self.searchpath)
        return next((c for c in candidates if c.is_file()), None)


def make_loader(theme: Theme) -> jinja2.BaseLoader:
    """Search path lookup plus the `theme:` and `default:` escape hatches."""
    main = TemplateFileLoader([str(d) for d in theme.template_dirs])
    prefixed = jinja2.PrefixLoader(
        {
            "theme": TemplateFileLoader([str(d) for d in theme.theme_template_dirs]),
            "default": TemplateFileLoader([str(d) for d in theme.builtin_template_dirs]),
        },
        delimiter=":",
    )
    return jinja2.ChoiceLoader([prefixed, main])


def make_environment(theme: Theme, lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=make_loader(theme),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates never change during one environment's life (serve makes a new one on
        # template edits), so skip the per-include stat() that auto_reload costs.
        auto_reload=False,
    )
    env.filters.update(make_filters(lang))
    env.filters["css_percent"] = css_percent
    env.globals["ui"] = ui_strings(lang)
    env.globals["lang"] = lang
    env.globals["theme_config"] = dict(theme.config)
    env.extend(site_theme=theme)
    return env
