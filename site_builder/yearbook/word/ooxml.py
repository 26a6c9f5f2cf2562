"""WordprocessingML details python-docx has no API for: fonts without theme
attributes, outline levels, fields (PAGE, TOC), repeated table headers, the
"update fields on open" setting and reproducible zip bytes.

Element order matters to Word (it refuses a file whose children are out of
schema order), so every insertion here names the elements it must precede.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Row
from docx.text.paragraph import Paragraph

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
# CT_Settings children that come after w:updateFields in the schema's sequence.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
# CT_PPr children that come after w:outlineLvl.
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can carry


def set_font(rfonts: BaseOxmlElement, name: str) -> None:
    """Name `name` for every script and drop the theme attributes, which would win over it."""
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        rfonts.set(qn(attr), name)


def set_all_fonts(styles_element: BaseOxmlElement, name: str) -> None:
    """The one typeface everywhere: docDefaults and every style that names a font."""
    defaults = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(defaults.get_or_add_rFonts(), name)
    for rfonts in styles_element.iter(qn("w:rFonts")):
        set_font(rfonts, name)


def set_language(styles_element: BaseOxmlElement, lang: str) -> None:
    """Proofing language of the whole document (vi-VN, en-GB)."""
    rpr = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    found = rpr.find(qn("w:lang"))
    if found is None:
        found = OxmlElement("w:lang")
        rpr.append(found)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        found.set(qn(attr), lang)


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """w:outlineLvl (0-based): what the navigation pane and the TOC field's \\u switch read."""
    found = ppr.find(qn("w:outlineLvl"))
    if found is None:
        found = OxmlElement("w:outlineLvl")
        _insert_before(ppr, found, _AFTER_OUTLINE)
    found.set(qn("w:val"), str(level))


def add_field(paragraph: Paragraph, instruction: str, shown: str = "", dirty: bool = False) -> None:
    """A complex field (begin, instruction, separate, result, end) at the paragraph's end.

    `shown` is the cached result a reader sees until the field is updated; `dirty`
    asks Word to update it when the file is opened."""
    begin = _fld_char("begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    for part in (begin, instr, _fld_char("separate")):
        paragraph.add_run()._r.append(part)
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_fld_char("end"))


def _fld_char(kind: str) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def repeat_header_row(row: _Row) -> None:
    """The table's first row repeats at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    tr_pr.append(mark)


def update_fields_on_open(settings_element: BaseOxmlElement) -> None:
    """Word offers to update every field (the table of contents) when the file opens."""
    if settings_element.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    _insert_before(settings_element, element, _AFTER_UPDATE_FIELDS)


def _insert_before(parent: BaseOxmlElement, element: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    tags = {qn(name) for name in successors}
    for index, child in enumerate(parent):
        if child.tag in tags:
            parent.insert(index, element)
            return
    parent.append(element)


def reproducible_zip(data: bytes, when: dt.datetime | None) -> bytes:
    """The same package with every entry dated `when` (or 1980-01-01): python-docx stamps
    each entry with the wall clock, so two builds would otherwise differ."""
    stamp = max(when.replace(tzinfo=None), ZIP_EPOCH) if when else ZIP_EPOCH
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second // 2 * 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
