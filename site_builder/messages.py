"""The message catalogue: every problem and CLI text, in Vietnamese and English.

Codes are stable identifiers; the sentences are for people. Vietnamese is the
default. Each entry is (vi, en), formatted with str.format(**params).
"""

from __future__ import annotations

SEVERITY_LABELS = {
    "vi": {"error": "error", "warning": "warning"},
    "en": {"error": "error", "warning": "warning"},
}

MESSAGES: dict[str, tuple[str, str]] = {
    # Reading files
    "text.not-utf8": (
        "tệp không phải văn bản UTF-8 (byte lỗi đầu tiên ở vị trí {offset}){guess_vi}; "
        "hãy mở tệp và lưu lại với bảng mã UTF-8",
        "the file is not UTF-8 text (first bad byte at offset {offset}){guess_en}; open it and save it again as UTF-8",
    ),
    "text.nul": (
        "tệp chứa ký tự rỗng (NUL), có thể là tệp nhị phân hoặc lưu sai bảng mã",
        "the file contains a NUL character; it may be binary or saved in the wrong encoding",
    ),
    "text.not-nfc": (
        "văn bản chưa ở dạng Unicode dựng sẵn (NFC); đã tự chuẩn hoá khi đọc, nên lưu lại tệp ở dạng dựng sẵn",
        "the text is not in Unicode NFC form; it was normalised on reading, save it as NFC",
    ),
    "file.too-big": (
        "tệp quá lớn ({size} KB, giới hạn {limit} KB; đặt limits.max_file_kb trong site.yaml)",
        "the file is too large ({size} KB, limit {limit} KB; set limits.max_file_kb in site.yaml)",
    ),
    "file.unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "file.unknown": (
        "tệp này không thuộc loại nào trong cấu trúc nội dung nên bị bỏ qua{hint_vi}",
        "this file is not part of the content layout and is ignored{hint_en}",
    ),
    "file.misnamed": (
        "tệp này có vẻ là bản ghi nhưng sai tên nên bị bỏ qua; hãy đổi tên thành {name}",
        "this file looks like a record but its name is wrong, so it is ignored; rename it to {name}",
    ),
    "file.misplaced": (
        "tệp này có vẻ là bản ghi nhưng nằm sai chỗ nên bị bỏ qua; hãy chuyển vào {folder}",
        "this file looks like a record but is in the wrong folder, so it is ignored; move it into {folder}",
    ),
    "file.not-a-record": (
        "tệp này có vẻ là bản ghi nhưng không nằm ở chỗ nào của cấu trúc nội dung nên bị bỏ qua; "
        "xem phần cấu trúc thư mục content/ trong hướng dẫn",
        "this file looks like a record but is not where the content layout expects one, so it is ignored; "
        "see the content/ folder layout in the guide",
    ),
    "file.empty": (
        "tệp trống: chưa có mục nào, nên trang kỷ yếu không có gì từ tệp này",
        "the file is empty: it has no entries, so nothing from it appears in the yearbook",
    ),
    "file.symlink-outside": (
        "liên kết tượng trưng (symlink) trỏ ra ngoài content/ (với ảnh: ra ngoài content/media/) "
        "hoặc là thư mục liên kết: không được đọc; hãy chép tệp thật vào đây",
        "symbolic link leads outside content/ (for media: outside content/media/) or is a linked folder: "
        "not read; copy the real file here",
    ),
    "site.missing": (
        "không tìm thấy content/site.yaml: thư mục này chưa phải một trang kỷ yếu "
        "(tạo mới bằng lệnh: site-builder new site <thư-mục>){explain}",
        "content/site.yaml not found: this folder is not a yearbook site "
        "(create one with: site-builder new site <folder>){explain}",
    ),
    "limit.records": (
        "có {count} bản ghi, vượt giới hạn {limit} (đặt limits.max_records trong site.yaml)",
        "{count} records exceed the limit of {limit} (set limits.max_records in site.yaml)",
    ),
    # YAML
    "yaml.syntax": (
        "YAML sai cú pháp: {explain} (chi tiết kỹ thuật: {detail})",
        "YAML syntax error: {explain} (technical detail: {detail})",
    ),
    "yaml.duplicate-key": (
        "trường “{key}” được viết hai lần (lần đầu ở dòng {first_line}); chỉ giữ một",
        "the field “{key}” is written twice (first on line {first_line}); keep only one",
    ),
    "yaml.alias": (
        "không dùng neo/bí danh YAML (& và *) trong nội dung; hãy viết đầy đủ giá trị",
        "YAML anchors and aliases (& and *) are not allowed; write the value out",
    ),
    "yaml.complex-key": ("tên trường phải là chữ đơn giản", "a field name must be plain text"),
    "yaml.many-documents": (
        "tệp chỉ được chứa một tài liệu YAML (bỏ dòng “---” thừa)",
        "a file may hold only one YAML document (remove the extra “---” line)",
    ),
    "yaml.too-big": (
        "phần YAML quá lớn (giới hạn {limit} KB)",
        "the YAML part is too large (limit {limit} KB)",
    ),
    "yaml.too-many-nodes": (
        "phần YAML có quá nhiều giá trị (giới hạn {limit})",
        "the YAML part has too many values (limit {limit})",
    ),
    "yaml.too-deep": (
        "phần YAML lồng nhau quá sâu (quá {limit} cấp)",
        "the YAML part is nested too deeply (more than {limit} levels)",
    ),
    "yaml.tag": (
        "không dùng thẻ kiểu YAML “{tag}” (dấu !) trong nội dung; hãy viết giá trị bình thường, đặt trong ngoặc kép nếu cần",
        "YAML type tags such as “{tag}” (with !) are not allowed; write the plain value, in quotes if needed",
    ),
    "frontmatter.missing": (
        "tệp phải bắt đầu bằng phần thông tin đặt giữa hai dòng “---”",
        "the file must start with a front matter block between two “---” lines",
    ),
    "frontmatter.unclosed": (
        "phần thông tin đầu tệp chưa được đóng bằng dòng “---”",
        "the front matter block is not closed by a “---” line",
    ),
    # Fields
    "field.expected-mapping": (
        "cần một nhóm trường dạng “tên: giá trị”, nhưng gặp {found}",
        "expected a mapping of “name: value” fields, found {found}",
    ),
    "field.expected-list": (
        "“{field}” phải là một danh sách (mỗi mục bắt đầu bằng “- ”), nhưng gặp {found}",
        "“{field}” must be a list (each item starting with “- ”), found {found}",
    ),
    "field.required": (
        "thiếu trường bắt buộc “{field}”{hint_vi}",
        "the required field “{field}” is missing{hint_en}",
    ),
    "field.unknown": (
        "trường “{field}” không có trong mẫu nội dung{suggest_vi}",
        "unknown field “{field}”{suggest_en}",
    ),
    "field.misspelt": (
        "trường “{field}” không có trong mẫu nội dung, có lẽ gõ nhầm: hãy sửa tên trường thành “{suggest}” "
        "(nếu để nguyên, giá trị này bị bỏ qua)",
        "unknown field “{field}”, most likely a typo: rename it to “{suggest}” (as it is, its value is ignored)",
    ),
    "field.empty": ("“{field}” không được để trống", "“{field}” must not be empty"),
    "field.curly-quotes": (
        "“{field}” được đặt trong dấu ngoặc kép cong “…” (thường do Word tự đổi) nên dấu ngoặc sẽ hiện ra "
        'trên trang; hãy dùng dấu ngoặc kép thẳng "…" hoặc bỏ dấu ngoặc',
        "“{field}” is wrapped in curly quotes “…” (often put in by Word), so they are published with it; "
        'use straight quotes "…" or none',
    ),
    "field.expected-text": (
        "“{field}” phải là chữ, nhưng gặp {found}",
        "“{field}” must be text, found {found}",
    ),
    "field.expected-integer": (
        "“{field}” phải là số nguyên, ví dụ 150, nhưng gặp “{value}”",
        "“{field}” must be a whole number such as 150, found “{value}”",
    ),
    "field.thousands-dot": (
        "“{field}” phải là số viết liền; “{value}” có dấu phân cách hàng nghìn, trong tệp hãy viết liền: {suggest}",
        "“{field}” must be a number written without separators; “{value}” has a thousands separator, "
        "write it without: {suggest}",
    ),
    "stat.thousands-dot": (
        "số liệu “{value}” có dấu chấm phân cách hàng nghìn nên đã đọc là {suggest}; "
        "hãy viết liền {suggest} trong tệp cho rõ",
        "the figure “{value}” has a thousands dot and was read as {suggest}; write {suggest} in the file to be clear",
    ),
    "field.percent-sign": (
        "“{field}”: viết số không kèm dấu %, ví dụ {suggest} thay cho “{value}”; "
        'với chỉ tiêu tỷ lệ, dấu % ghi ở trường đơn vị: unit: "%"',
        "“{field}”: write the number without the % sign, {suggest} instead of “{value}”; "
        'for a rate target the % goes in the unit: unit: "%"',
    ),
    "field.number-too-long": (
        "“{field}”: số “{value}” quá lớn hoặc quá nhiều chữ số (tối đa 15 chữ số và nhỏ hơn 1 nghìn tỷ); "
        "kiểm tra lại số đã gõ",
        "“{field}”: the number “{value}” is too large or has too many digits "
        "(at most 15 digits, below one trillion); check what was typed",
    ),
    "field.expected-number": (
        "“{field}” phải là số, dùng dấu chấm thập phân (ví dụ 57.5), nhưng gặp “{value}”",
        "“{field}” must be a number with a decimal point (e.g. 57.5), found “{value}”",
    ),
    "field.decimal-comma": (
        "“{field}”: trong tệp dùng dấu chấm thập phân, hãy viết {suggest} thay cho “{value}”",
        "“{field}”: use a decimal point in files, write {suggest} instead of “{value}”",
    ),
    "field.negative": ("“{field}” không được là số âm", "“{field}” must not be negative"),
    "field.expected-date": (
        "“{field}” phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2023-10-05, nhưng gặp “{value}”",
        "“{field}” must be a date written YEAR-MONTH-DAY such as 2023-10-05, found “{value}”",
    ),
    "field.date-day-first": (
        "“{field}”: ngày “{value}” viết theo thứ tự ngày/tháng/năm; trong tệp hãy viết NĂM-THÁNG-NGÀY: {suggest}",
        "“{field}”: the date “{value}” is written day/month/year; write it YEAR-MONTH-DAY: {suggest}",
    ),
    "field.invalid-date": (
        "“{value}” không phải ngày có thật trên lịch ({reason})",
        "“{value}” is not a real calendar date ({reason})",
    ),
    "field.expected-choice": (
        "“{field}” phải là một trong: {choices}; gặp “{value}”{suggest_vi}",
        "“{field}” must be one of: {choices}; found “{value}”{suggest_en}",
    ),
    "field.expected-slug": (
        "“{field}” chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ ket-nap-dang-vien), gặp “{value}”",
        "“{field}” may hold only lower-case ASCII letters, digits and hyphens, found “{value}”",
    ),
    "field.expected-url": (
        "“{field}” phải là địa chỉ bắt đầu bằng https:// hoặc http://, gặp “{value}”",
        "“{field}” must be an address starting with https:// or http://, found “{value}”",
    ),
    # Records and cross-record rules
    "term.bad-folder": (
        "thư mục nhiệm kỳ phải có tên NĂM-NĂM, ví dụ 2015-2020",
        "a term folder must be named YEAR-YEAR, e.g. 2015-2020",
    ),
    "term.folder-mismatch": (
        "ngày {field} ({value}) không khớp tên thư mục nhiệm kỳ {folder}",
        "the {field} date ({value}) does not match the term folder {folder}",
    ),
    "term.end-before-start": (
        "ngày kết thúc nhiệm kỳ đứng trước ngày bắt đầu",
        "the term ends before it starts",
    ),
    "term.missing-summary": ("nhiệm kỳ {term} thiếu tệp term.md", "the term {term} has no term.md"),
    "year.bad-folder": (
        "thư mục năm phải có tên là một năm, ví dụ 2023",
        "a year folder must be named as a year",
    ),
    "year.no-term": (
        "năm {year} không thuộc nhiệm kỳ nào đã khai báo trong terms/",
        "the year {year} belongs to no term declared in terms/",
    ),
    "conference.date-outside-year": (
        "ngày họp {date} không thuộc năm {year} của thư mục chứa tệp; "
        "chuyển tệp sang thư mục years/{date_year}/conferences/ hoặc sửa ngày",
        "the conference date {date} is not in the folder's year {year}; "
        "move the file to years/{date_year}/conferences/ or fix the date",
    ),
    "conference.filename-date": (
        "tên tệp bắt đầu bằng ngày {file_date} nhưng trường date là {date}",
        "the file name starts with {file_date} but the date field is {date}",
    ),
    "target.need-target-or-percent": (
        "chỉ tiêu “{id}” cần “target” (kế hoạch) hoặc “percent” (tỷ lệ đã công bố)",
        "the target “{id}” needs “target” (planned figure) or “percent” (published completion)",
    ),
    "target.percent-mismatch": (
        "tỷ lệ {percent}% không khớp với thực hiện/kế hoạch = {actual}/{target} = {computed}%",
        "the percent {percent}% disagrees with actual/target = {actual}/{target} = {computed}%",
    ),
    "target.zero-target": (
        "kế hoạch bằng 0 nên không tính được tỷ lệ; dùng “percent” hoặc bỏ chỉ tiêu",
        "the planned figure is 0, so no ratio can be computed",
    ),
    "target.rate-percent": (
        'chỉ tiêu tỷ lệ (unit: "%") so sánh bằng điểm phần trăm, không dùng “percent”',
        'a rate target (unit: "%") is compared in percentage points; drop “percent”',
    ),
    "target.rate-needs-target": (
        'chỉ tiêu tỷ lệ “{id}” (unit: "%") cần “target” là tỷ lệ kế hoạch, ví dụ target: 85; '
        "không dùng “percent” cho chỉ tiêu tỷ lệ",
        'the rate target “{id}” (unit: "%") needs “target”, the planned rate, e.g. target: 85; '
        "“percent” is not used for rate targets",
    ),
    "target.status-unknown": (
        "chưa xác định được đánh giá của chỉ tiêu “{id}”",
        "the status of target “{id}” is unknown",
    ),
    "id.duplicate": (
        "mã “{id}” đã dùng ở dòng {first_line} của cùng tệp; mỗi mã phải khác nhau",
        "the id “{id}” is already used on line {first_line} of this file; ids must be unique",
    ),
    "award.count-mismatch": (
        "count = {count} nhưng danh sách recipients có {listed} tên",
        "count = {count} but recipients lists {listed} names",
    ),
    "award.zero": (
        "count: 0 — khen thưởng không có ai nhận; kiểm tra lại số lượng hoặc bỏ mục này",
        "count: 0 — an award nobody received; check the number or remove the entry",
    ),
    "award.duplicate-recipient": (
        "“{name}” có hai lần trong danh sách recipients nên bị đếm hai lần",
        "“{name}” is listed twice in recipients and so counted twice",
    ),
    "target.rate-over-100": (
        "“{field}” của chỉ tiêu tỷ lệ là {value}%, lớn hơn 100%; kiểm tra lại số liệu",
        "the rate target's “{field}” is {value}%, above 100%; check the figure",
    ),
    "conference.duplicate-attendee": (
        "“{name}” có hai lần trong danh sách attendees; chỉ giữ một lần",
        "“{name}” is listed twice in attendees; it is kept once",
    ),
    "award.need-count": (
        "cần “count” (số lượng) hoặc danh sách “recipients”",
        "give “count” or a list of “recipients”",
    ),
    "slug.duplicate": (
        "hai bản ghi cùng ra một địa chỉ {url}: tệp này và {other}; đổi tên một tệp",
        "two records publish to the same address {url}: this file and {other}; rename one",
    ),
    "media.missing": (
        "không tìm thấy ảnh “{src}” trong content/media/",
        "the photo “{src}” is not in content/media/",
    ),
    "media.outside": (
        "đường dẫn “{src}” đi ra ngoài thư mục content/media/; chỉ dùng ảnh trong thư mục đó",
        "the path “{src}” leaves content/media/; use files inside that folder only",
    ),
    "media.remote": (
        "ảnh “{src}” nằm trên mạng; hãy tải về, đặt vào content/media/ và ghi đường dẫn",
        "the image “{src}” is remote; download it into content/media/ and use its path",
    ),
    "media.unused": (
        "tệp media không được bản ghi nào dùng nên không được xuất bản",
        "no record uses this media file, so it is not published",
    ),
    "media.too-many-pixels": (
        "ảnh quá lớn ({width} × {height} điểm ảnh, giới hạn {limit} điểm ảnh; đặt limits.max_image_pixels "
        "trong site.yaml); hãy thu nhỏ ảnh",
        "the image is too large ({width} × {height} pixels, limit {limit} pixels; set limits.max_image_pixels "
        "in site.yaml); scale it down",
    ),
    "limit.not-positive": (
        "limits.{field} phải là số nguyên dương; giá trị {value} bị bỏ qua, dùng mặc định",
        "limits.{field} must be a positive whole number; {value} is ignored and the default used",
    ),
    "media.too-big": (
        "ảnh quá lớn ({size} KB, giới hạn {limit} KB; đặt limits.max_image_kb trong site.yaml)",
        "the image is too large ({size} KB, limit {limit} KB; set limits.max_image_kb in site.yaml)",
    ),
    "link.broken": (
        "liên kết “{href}” không trỏ tới bản ghi hay tệp nào",
        "the link “{href}” leads to no record or file",
    ),
    "glossary.unused": (
        "từ viết tắt “{abbr}” không xuất hiện trong bài viết nào",
        "the abbreviation “{abbr}” is never used",
    ),
    "glossary.empty-key": (
        "từ viết tắt để trống (trước dấu hai chấm không có chữ) nên bị bỏ qua; hãy ghi từ viết tắt, "
        "ví dụ ĐV: đảng viên",
        "an empty abbreviation (nothing before the colon) is ignored; write the abbreviation, e.g. ĐV: đảng viên",
    ),
    "yearbook.unknown-term": (
        "kỷ yếu chọn nhiệm kỳ “{term}” nhưng không có thư mục terms/{term}",
        "the yearbook names the term “{term}” but there is no terms/{term} folder",
    ),
    "yearbook.foreword-missing": (
        "không tìm thấy trang lời nói đầu “{path}”",
        "the foreword page “{path}” does not exist",
    ),
    "yearbook.bad-filename": (
        "tên tệp kỷ yếu “{value}” không dùng được; chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang, "
        "gạch dưới, không có dấu /, và kết thúc bằng .pdf, ví dụ {suggest}",
        "the yearbook file name “{value}” cannot be used; use lower-case ASCII letters, digits, dots, hyphens "
        "and underscores, no slash, ending in .pdf, e.g. {suggest}",
    ),
    "yearbook.filename-taken": (
        "tên tệp kỷ yếu PDF “{filename}” (yearbook.filename) trùng với địa chỉ {url} của trang từ {other}; "
        "đổi yearbook.filename, ví dụ ky-yeu-2020-2025.pdf",
        "the PDF yearbook's file name “{filename}” (yearbook.filename) is the address {url} of the page "
        "from {other}; change yearbook.filename, e.g. ky-yeu-2020-2025.pdf",
    ),
    "site.no-terms": (
        "chưa có nhiệm kỳ nào trong content/terms/",
        "there is no term in content/terms/",
    ),
    # Rendering
    "template.not-found": (
        "không tìm thấy mẫu giao diện “{name}”; đã tìm trong: {searched}",
        "template “{name}” not found; searched: {searched}",
    ),
    "template.error": ("lỗi trong mẫu giao diện: {detail}", "template error: {detail}"),
    "template.error-pages": (
        "lỗi trong mẫu giao diện: {detail} (ở trang {url} và {others} trang khác)",
        "template error: {detail} (on the page {url} and {others} other pages)",
    ),
    "theme.missing": (
        "không tìm thấy giao diện “{theme}” (đã tìm trong: {searched})",
        "theme “{theme}” not found (searched: {searched})",
    ),
    "theme.extends-cycle": (
        "giao diện “{theme}” kế thừa vòng tròn (extends trỏ ngược lại chính nó); sửa trường extends",
        "the theme “{theme}” extends itself in a loop; fix the extends field",
    ),
    "pdf.warning": ("trình tạo PDF báo: {detail}", "the PDF renderer reported: {detail}"),
    "pdf.error": ("không tạo được tệp PDF: {detail}", "the PDF could not be made: {detail}"),
    "pdf.fetch-refused": (
        "tệp PDF không được phép tải “{url}” (chỉ dùng tệp trong thư mục trang và giao diện)",
        "the PDF may not load “{url}” (only files inside the site and theme folders)",
    ),
    "pdf.missing-glyph": (
        "phông chữ đi kèm không có ký tự cần in ({detail}); hãy sửa chữ trong nội dung "
        "hoặc thêm phông chữ có ký tự đó vào giao diện",
        "the bundled fonts lack a character the book needs ({detail}); fix the text "
        "or add a font that has it to the theme",
    ),
    "pdf.foreign-font": (
        "tệp PDF đã nhúng phông chữ không đi kèm giao diện: {fonts}; kiểm tra font-family "
        "và @font-face trong print.css (phông hệ thống khác nhau giữa các máy)",
        "the PDF embeds fonts that are not bundled with the theme: {fonts}; check "
        "font-family and @font-face in print.css (system fonts differ between machines)",
    ),
    "pdf.stylesheet-missing": (
        "giao diện “{theme}” không có tệp static/css/{name} cho bản in",
        "the theme “{theme}” has no static/css/{name} for the printed book",
    ),
    "pdf.unstable-index": (
        "số trang trong danh mục nhân vật chưa ổn định sau {passes} lượt dàn trang",
        "the page numbers of the people index did not settle after {passes} layout passes",
    ),
    "output.write-failed": (
        "không ghi được kết quả ({detail}); thư mục kết quả cũ được giữ nguyên — kiểm tra dung lượng đĩa và quyền ghi",
        "could not write the output ({detail}); the previous output is kept — check free disk space and permissions",
    ),
    "output.unsafe": (
        "không thể xuất ra “{output}”: {reason}; chọn một thư mục riêng, ví dụ output/",
        "cannot write to “{output}”: {reason}; choose a folder of its own such as output/",
    ),
}

_GUESS = {
    "Windows-1258": (
        " — có vẻ tệp được lưu bằng bảng mã Windows-1258",
        " — it looks like Windows-1258",
    ),
    "UTF-16": (" — có vẻ tệp được lưu bằng bảng mã UTF-16 (Unicode)", " — it looks like UTF-16"),
    "TCVN3": (
        " — có vẻ tệp được gõ bằng bảng mã TCVN3 (ABC, phông .Vn); chuyển mã sang Unicode (ví dụ bằng Unikey)",
        " — it looks like TCVN3 (ABC, .Vn fonts); convert it to Unicode (e.g. with Unikey)",
    ),
}


def _extras(params: dict[str, object]) -> dict[str, object]:
    """Optional clauses (hints, suggestions) rendered per language."""
    extra: dict[str, object] = {}
    guess = str(params.get("guess") or "")
    extra["guess_vi"], extra["guess_en"] = _GUESS.get(guess, ("", ""))
    suggest = params.get("suggest_name")
    extra["suggest_vi"] = f"; có phải ý bạn là “{suggest}”?" if suggest else ""
    extra["suggest_en"] = f"; did you mean “{suggest}”?" if suggest else ""
    hint = params.get("hint")
    extra["hint_vi"] = f" ({hint})" if hint else ""
    extra["hint_en"] = f" ({hint})" if hint else ""
    return extra


# Terminal and preview texts that are not problems: progress, summaries, outcomes.
TEXTS: dict[str, tuple[str, str]] = {
    "progress.records": ("đã đọc {count} bản ghi", "read {count} records"),
    "progress.pages": ("đã dựng {count} trang HTML", "rendered {count} HTML pages"),
    "progress.pdf": ("đang dựng kỷ yếu PDF", "rendering the PDF yearbook"),
    "progress.pdf-pages": ("kỷ yếu PDF: {count} trang", "PDF yearbook: {count} pages"),
    "counts": ("{errors} lỗi, {warnings} cảnh báo", "{errors} error(s), {warnings} warning(s)"),
    "build.done": (
        "Xong{unchanged}: {records} bản ghi, {pages} trang HTML, {pdf_pages} trang PDF, {seconds} giây ({counts}) → {output}",
        "Done{unchanged}: {records} records, {pages} HTML pages, {pdf_pages} PDF pages, {seconds} s ({counts}) → {output}",
    ),
    "build.unchanged": (
        " (không có gì thay đổi từ lần dựng trước, giữ nguyên kết quả)",
        " (nothing changed since the last build; output kept)",
    ),
    "build.dropped-pdf": (
        "Lưu ý: lần dựng này không tạo kỷ yếu PDF (--no-pdf) nên tệp PDF cũ không còn trong {output}; "
        "dựng lại không có --no-pdf để có lại tệp PDF và nút tải về.",
        "Note: this build made no PDF yearbook (--no-pdf), so the previous PDF is no longer in {output}; "
        "build again without --no-pdf to get the PDF and its download link back.",
    ),
    "check.ok": ("Nội dung hợp lệ ({counts}).", "The content is valid ({counts})."),
    "check.failed": ("Nội dung có vấn đề: {counts}.", "The content has problems: {counts}."),
    "run.content-errors": (
        "Dừng lại: {counts}; thư mục kết quả cũ được giữ nguyên.",
        "Stopped: {counts}; the previous output is unchanged.",
    ),
    "run.render-failed": (
        "Không dựng được trang; thư mục kết quả cũ được giữ nguyên.",
        "The site could not be rendered; the previous output is unchanged.",
    ),
    "run.interrupted": (
        "Đã dừng theo yêu cầu; thư mục kết quả cũ được giữ nguyên.",
        "Stopped on request; the previous output is unchanged.",
    ),
    "run.internal": (
        "Lỗi nội bộ của site-builder ({detail}). Thư mục kết quả cũ được giữ nguyên. "
        "Chạy lại với --debug và gửi kết quả cho bộ phận kỹ thuật.",
        "Internal error in site-builder ({detail}). The previous output is unchanged. "
        "Run again with --debug and send the output to your technical contact.",
    ),
    # The same outcomes when there was no earlier output to keep (first build, `serve`).
    "run.content-errors.fresh": ("Dừng lại: {counts}.", "Stopped: {counts}."),
    "run.render-failed.fresh": ("Không dựng được trang.", "The site could not be rendered."),
    "run.interrupted.fresh": ("Đã dừng theo yêu cầu.", "Stopped on request."),
    "run.internal.fresh": (
        "Lỗi nội bộ của site-builder ({detail}). Chạy lại với --debug và gửi kết quả cho bộ phận kỹ thuật.",
        "Internal error in site-builder ({detail}). "
        "Run again with --debug and send the output to your technical contact.",
    ),
    "new.created": ("Đã tạo {path}", "Created {path}"),
    "template.not-utf8": (
        "tệp mẫu giao diện không phải văn bản UTF-8 (byte lỗi ở vị trí {offset}); hãy lưu lại với bảng mã UTF-8",
        "the template file is not UTF-8 text (bad byte at offset {offset}); save it again as UTF-8",
    ),
    # Python-Markdown fills in %d with the footnote's number.
    "markdown.footnote-back": ("Quay lại chú thích %d", "Back to the text of footnote %d"),
    "scaffold.unreadable": (
        "{what} có ký tự không đọc được; hãy gõ lại bằng bảng mã UTF-8",
        "{what} has characters that cannot be read; type it again in UTF-8",
    ),
    "scaffold.empty": ("{what} không được để trống", "{what} must not be empty"),
    "scaffold.exists": ("tệp {files} đã có, không ghi đè", "the file {files} already exists and is not overwritten"),
    "scaffold.exists-none-made": (
        "tệp {files} đã có, không ghi đè; chưa tạo tệp nào",
        "the file {files} already exists and is not overwritten; no file was made",
    ),
    "scaffold.exists-several": (
        "các tệp {files} đã có, không ghi đè",
        "the files {files} already exist and are not overwritten",
    ),
    "scaffold.exists-several-none-made": (
        "các tệp {files} đã có, không ghi đè; chưa tạo tệp nào",
        "the files {files} already exist and are not overwritten; no file was made",
    ),
    "scaffold.folder-is-file": (
        "không tạo được thư mục {folder}: đã có một tệp trùng tên; chưa tạo tệp nào",
        "cannot make the folder {folder}: a file has that name; no file was made",
    ),
    "scaffold.folder-failed": (
        "không tạo được thư mục {folder}: {detail}",
        "cannot make the folder {folder}: {detail}",
    ),
    "scaffold.create-failed": ("không tạo được tệp {file}: {detail}", "cannot make the file {file}: {detail}"),
    "scaffold.write-failed": ("không ghi được tệp {file}: {detail}", "cannot write the file {file}: {detail}"),
    "scaffold.not-a-site": (
        "không thấy tệp content/site.yaml trong thư mục {folder}: đây chưa phải "
        "thư mục trang kỷ yếu (tạo trang mới bằng lệnh “site-builder new site”)",
        "no content/site.yaml in {folder}: this is not a yearbook site folder (make one with “site-builder new site”)",
    ),
    "scaffold.bad-year": (
        "năm {year} không hợp lệ: cần đủ bốn chữ số, ví dụ 2025",
        "the year {year} is not valid: write four digits, e.g. 2025",
    ),
    "scaffold.bad-kind": (
        "loại hội nghị “{kind}” không có; chọn một trong: {choices}",
        "there is no conference kind “{kind}”; choose one of: {choices}",
    ),
    "scaffold.dest-is-file": ("{dest} là một tệp, không phải thư mục", "{dest} is a file, not a folder"),
    "scaffold.no-slug": (
        "không tạo được tên tệp từ “{source}”; hãy ghi tên tệp bằng chữ không dấu, ví dụ --slug gioi-thieu",
        "cannot make a file name from “{source}”; give one in plain letters, e.g. --slug gioi-thieu",
    ),
    "serve.port-busy": (
        "Không mở được {host}:{port} ({detail}); thử cổng khác: --port 8001",
        "Cannot listen on {host}:{port} ({detail}); try another port: --port 8001",
    ),
    "serve.public": (
        "Cảnh báo: bản xem trước mở cho mọi máy trong mạng ({host}) truy cập. "
        "Chỉ dùng khi thật cần và tắt ngay sau đó; mặc định là 127.0.0.1 (chỉ máy này).",
        "Warning: the preview is open to every machine on the network ({host}). "
        "Use it on a trusted network only; the default is 127.0.0.1.",
    ),
    "serve.starting": ("… đang dựng bản xem trước", "… building the preview"),
    "serve.ready": (
        "Xem trước tại {url} — lưu tệp là trang tự cập nhật; nhấn Ctrl-C để dừng.",
        "Preview at {url} — pages update when you save; press Ctrl-C to stop.",
    ),
    "serve.stopped": ("Đã dừng xem trước.", "Preview stopped."),
    "serve.recovered": (
        "Đã hết lỗi: bản xem trước được dựng lại và trình duyệt tự tải lại.",
        "Fixed: the preview was rebuilt and the browser reloads by itself.",
    ),
    "serve.broken": (
        "Nội dung có lỗi: trình duyệt đang hiện chi tiết; sửa tệp rồi lưu lại.",
        "The content has errors: the browser shows the details; fix the file and save again.",
    ),
    "serve.rebuilt": ("… đã dựng {pages} trang ({ms} ms)", "… rendered {pages} pages ({ms} ms)"),
}

# Clauses inside problem messages, chosen by a key so they translate with the message.
CLAUSES: dict[str, tuple[str, str]] = {
    "site.inside-content": (
        "; có vẻ bạn đang ở ngay trong thư mục content/: hãy lên một thư mục (cd ..) rồi chạy lại lệnh",
        "; you seem to be inside the content/ folder: go up one folder (cd ..) and run the command again",
    ),
    "output.site-root": ("đây là thư mục trang hoặc một thư mục cha của nó", "it is the site folder or a parent of it"),
    "output.protected": (
        "thư mục này chứa hoặc nằm trong content/, templates/ hoặc themes/",
        "it contains or sits inside content/, templates/ or themes/",
    ),
    "output.file": ("đây là một tệp, không phải thư mục", "it is a file, not a folder"),
    "output.not-empty": (
        "thư mục không trống và không phải kết quả của một lần xuất bản trước",
        "it is not empty and is not the output of an earlier build",
    ),
    "date.month": ("tháng phải từ 1 đến 12, gặp {month}", "the month must be 1 to 12, found {month}"),
    "date.day": ("tháng {month} năm {year} chỉ có {days} ngày", "month {month} of {year} has only {days} days"),
    "date.year": (
        "năm phải từ {min_year} đến {max_year}, gặp {year}",
        "the year must be {min_year} to {max_year}, found {year}",
    ),
    "yaml.tab": ("có ký tự Tab: YAML chỉ thụt lề bằng dấu cách", "a Tab character: YAML indents with spaces only"),
    "yaml.quote": (
        'dấu ngoặc kép mở ở đây chưa được đóng; thêm dấu " ở cuối giá trị',
        'the quote opened here is never closed; add a " at the end of the value',
    ),
    "yaml.bracket": (
        "dấu ngoặc vuông [ mở ở đây chưa được đóng, hoặc thiếu dấu phẩy giữa các mục",
        "the [ opened here is never closed, or a comma between items is missing",
    ),
    "yaml.brace": (
        "dấu ngoặc nhọn {{ mở ở đây chưa được đóng, hoặc thiếu dấu phẩy giữa các mục",
        "the {{ opened here is never closed, or a comma between items is missing",
    ),
    "yaml.colon": (
        "dấu hai chấm không đúng chỗ: chữ có dấu “: ” phải đặt trong ngoặc kép",
        "a colon in the wrong place: text containing “: ” must be quoted",
    ),
    "yaml.bad-start": (
        "có ký tự không được dùng ở đầu giá trị (dấu Tab, @ hoặc `): thụt lề bằng dấu cách và đặt giá trị trong ngoặc kép",
        "a character that cannot start a value (Tab, @ or `): indent with spaces and quote the value",
    ),
    "yaml.missing-colon": (
        "thiếu dấu hai chấm sau tên trường, hoặc chữ xuống dòng sai thụt lề",
        "a colon after the field name is missing, or a wrapped line is indented wrongly",
    ),
    "yaml.indent": (
        "thụt lề không đều: các trường cùng cấp phải thẳng cột với nhau",
        "uneven indentation: fields at the same level must line up",
    ),
    "yaml.dash": (
        "dấu “- ” của danh sách không đúng chỗ; kiểm tra thụt lề",
        "a list “- ” in the wrong place; check the indentation",
    ),
    "yaml.list-items": (
        "các mục của danh sách phải cùng bắt đầu bằng “- ” và thẳng cột",
        "list items must all start with “- ” and line up",
    ),
    "yaml.key": (
        "thụt lề không đều hoặc thiếu tên trường ở dòng này",
        "uneven indentation or a missing field name on this line",
    ),
    "yaml.curly-quotes": (
        "dòng này có dấu ngoặc kép cong “ ” (thường do Word tự đổi) mà YAML không hiểu là dấu ngoặc; "
        'hãy gõ lại bằng dấu ngoặc kép thẳng "…"',
        "this line has curly quotes “ ” (often put in by Word), which YAML does not read as quotes; "
        'retype them as straight quotes "…"',
    ),
    "yaml.percent": (
        '“%” phải đặt trong ngoặc kép: unit: "%"',
        'a “%” must be quoted: unit: "%"',
    ),
    "yaml.generic": (
        "kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép ở dòng này",
        "check colons, indentation and quotes on this line",
    ),
}


def text(key: str, lang: str = "vi", **params: object) -> str:
    """A terminal or preview text from TEXTS."""
    vi, en = TEXTS[key]
    return (en if lang == "en" else vi).format(**params)


def clause(key: str, lang: str, params: dict[str, object]) -> str:
    if key not in CLAUSES:  # free text passed where a clause key was expected: shown as is
        return key
    vi, en = CLAUSES[key]
    return (en if lang == "en" else vi).format_map(_Params(params))


def render_message(code: str, params: dict[str, object], lang: str = "vi") -> str:
    entry = MESSAGES.get(code)
    if entry is None:
        return f"{code} {params}"
    template = entry[1] if lang == "en" else entry[0]
    localised = {name: clause(str(params[name]), lang, params) for name in ("reason", "explain") if name in params}
    return template.format_map(_Params({**_extras(params), **params, **localised}))


class _Params(dict):
    """A parameter a caller left out prints as nothing rather than failing the whole report."""

    def __missing__(self, key: str) -> str:
        return ""


def severity_label(severity: str, lang: str = "vi") -> str:
    return SEVERITY_LABELS.get(lang, SEVERITY_LABELS["vi"])[severity]


MESSAGES.update(
    {
        # Live preview (site-builder serve)
        "serve.internal": (
            "lỗi nội bộ khi dựng lại bản xem trước ({detail}); trang sẽ thử lại ở lần lưu tệp sau",
            "internal error while rebuilding the preview ({detail}); it retries on the next save",
        ),
    }
)
