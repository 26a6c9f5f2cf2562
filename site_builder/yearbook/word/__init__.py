"""The yearbook as a Word document (python-docx), from the same views as the PDF.

`writer.render_docx` is the entry point. The parts: `ooxml` (the few WordprocessingML
details python-docx has no API for), `setup` (page, fonts, styles, header), `prose`
(sanitised body HTML -> paragraphs), `images` (photos from content/media/ only),
`front`, `chapters` and `back` (the book's sections, in the PDF's order).
"""
