"""The "DỰ THẢO" watermark of a draft round in the Word yearbook, as Word itself makes one.

Word's Design > Watermark puts a VML WordArt shape (a `v:textpath`) in the page
header, anchored to the page's centre, behind the text, rotated 315°. A header
repeats on every page of its section, so the shape goes into every header the
document has: the default one and the cover's (first page) one. LibreOffice
shows it too (as outlines). The shape's id is fixed, so the bytes stay the same.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.section import Section

from site_builder.yearbook.word.setup import FONT

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
_STYLE = (
    "position:absolute;margin-left:0;margin-top:0;width:470pt;height:120pt;rotation:315;"
    "z-index:-251655168;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    "mso-position-vertical:center;mso-position-vertical-relative:margin"
)


def _paragraph(word: str, number: int) -> str:
    text = quoteattr(word)
    font = quoteattr(f'font-family:"{FONT}";font-size:1pt')
    return (
        f'<w:p {_NAMESPACES}><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        f'<v:shape id="DuThaoWatermark{number}" o:spid="_x0000_s{2049 + number}" type="#_x0000_t136" '
        f'style="{_STYLE}" o:allowincell="f" fillcolor="silver" stroked="f">'
        '<v:fill opacity=".5"/>'
        f"<v:textpath style={font} string={text}/>"
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r></w:p>'
    )


def add_watermark(section: Section, word: str) -> None:
    """`word` behind every page of `section`: in its default and first-page headers."""
    for number, header in enumerate((section.header, section.first_page_header), start=1):
        header.is_linked_to_previous = False
        header._element.append(parse_xml(_paragraph(word, number)))  # noqa: SLF001 - python-docx has no API for VML
