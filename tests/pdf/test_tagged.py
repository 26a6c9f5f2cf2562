"""The yearbook is a tagged PDF: what a screen reader needs, read back with pikepdf and pypdf.

The book of test_yearbook.py is rendered with one extra body (the term's) that holds
what WeasyPrint alone tags badly: a heading that skips a level, a table with a row
header, a nested list. The glossary (a <div> per entry inside <dl>) and the stats
(a list in two columns) are in the book already.
"""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal

import pikepdf
import pypdf
import pytest

from site_builder.model.records import Stat
from site_builder.yearbook.index import anchor_pages
from site_builder.yearbook.tagging import reachable
from tests.pdf.test_yearbook import EPOCH, LONG, _model, _render

pytestmark = pytest.mark.pdf

TERM_BODY = (
    "<p>Mở đầu phần tổng quan nhiệm kỳ.</p>"
    + "".join(f"<p>{p}</p>" for p in LONG.split("\n\n"))
    + "<h2>Kết quả chung</h2><p>Đoạn kết quả chung.</p>"
    "<h4>Chi tiết bị nhảy cấp</h4><p>Đoạn chi tiết.</p>"
    "<h1>Phần viết bằng tiêu đề cấp một</h1><p>Đoạn phần hai.</p>"
    "<table><thead><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr></thead>"
    "<tbody><tr><th>Kết nạp đảng viên</th><td>1.035</td></tr><tr><th>Quán triệt</th><td>98,8%</td></tr></tbody>"
    "</table>"
    "<ul><li>Mục một<ul><li>Mục một a</li><li>Mục một b</li></ul></li><li>Mục hai</li></ul>"
)
STATS = (("Đảng viên", 3281), ("Chi bộ", 120), ("Tổ chức cơ sở đảng", 86))  # a list set in two columns
HEADINGS = {"/H1": 1, "/H2": 2, "/H3": 3, "/H4": 4, "/H5": 5, "/H6": 6}


def _tagged_model(language: str = "vi"):
    model = _model()
    term = dataclasses.replace(model.terms[0], stats=tuple(Stat(label, Decimal(n), None) for label, n in STATS))
    yearbook = dataclasses.replace(model.site.yearbook, emblem="emblem.png")
    site = dataclasses.replace(model.site, language=language, yearbook=yearbook)
    return dataclasses.replace(model, terms=[term], site=site)


@pytest.fixture(scope="module")
def tagged(site_root):
    model = _tagged_model()
    result, problems = _render(site_root, model, {"SOURCE_DATE_EPOCH": EPOCH}, bodies={model.terms[0].path: TERM_BODY})
    assert result is not None, [p.format() for p in problems]
    assert [p.format() for p in problems] == []  # no figure without alt, no untagged warning
    return result


@pytest.fixture(scope="module")
def pdf(tagged):
    with pikepdf.open(io.BytesIO(tagged.file.data)) as opened:
        yield opened


def _elements(pdf) -> list[pikepdf.Dictionary]:
    """Every structure element in reading order."""
    found: list[pikepdf.Dictionary] = []

    def walk(element):
        kids = element.get("/K")
        for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def _text_by_marking(page: pypdf.PageObject) -> dict[str, str]:
    """The page's text split into what sits inside /Artifact marked content and the rest."""
    stack: list[str] = []
    parts: dict[str, list[str]] = {"artifact": [], "tagged": [], "unmarked": []}

    def before(operator, args, _cm, _tm):
        if operator in (b"BDC", b"BMC"):
            stack.append(str(args[0]))
        elif operator == b"EMC":
            stack.pop()

    def text(chunk, _cm, _tm, _font, _size):
        if chunk.strip():
            kind = "artifact" if "/Artifact" in stack else "tagged" if stack else "unmarked"
            parts[kind].append(chunk.strip())

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {kind: " ".join(chunks) for kind, chunks in parts.items()}


def _content_mcids(page: pikepdf.Page) -> list[int]:
    return [
        int(op.operands[1].MCID)
        for op in pikepdf.parse_content_stream(page)
        if op.operator == pikepdf.Operator("BDC") and isinstance(op.operands[1], pikepdf.Dictionary)
        and "/MCID" in op.operands[1]
    ]  # fmt: skip


def test_structure_tree_marked_and_language(pdf):
    assert pdf.check_pdf_syntax() == []  # qpdf finds nothing wrong in the file's syntax
    root = pdf.Root
    assert root.StructTreeRoot.K is not None and root.StructTreeRoot.ParentTree is not None
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "vi"
    assert root.ViewerPreferences.DisplayDocTitle is True


def test_english_site_says_en(site_root):
    result, problems = _render(site_root, _tagged_model("en"), {"SOURCE_DATE_EPOCH": EPOCH})
    assert result is not None, [p.format() for p in problems]
    with pikepdf.open(io.BytesIO(result.file.data)) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert any(str(e.get("/Alt", "")).startswith("Emblem of ") for e in _elements(pdf))


def test_running_heads_and_page_numbers_are_artifacts_not_structure(tagged):
    reader = pypdf.PdfReader(io.BytesIO(tagged.file.data))
    pages = anchor_pages(tagged.document.pages)
    checked = 0
    for number in range(pages["nhiem-ky"] + 1, pages["nam-2019"]):  # the term chapter after its first page
        text = _text_by_marking(reader.pages[number - 1])
        if not any(text.values()):
            continue  # a blank page before the next chapter
        head = "Kỷ yếu nhiệm kỳ 2015-2020" if number % 2 == 0 else "Nhiệm kỳ 2015 - 2020"
        assert text["artifact"] == f"{head} {number}", number
        assert text["unmarked"] == ""  # all text is either structure or artifact
        assert not re.search(rf"(^|\s){number}$", text["tagged"])  # the page number is not read as text
        checked += 1
    assert checked >= 2
    plain = reader.pages[pages["nhiem-ky"] - 1].extract_text()
    assert "Mở đầu phần tổng quan nhiệm kỳ." in plain  # plain extraction still reads the body


def test_every_marked_content_is_in_the_tree(pdf):
    """Each page's MCIDs are 0..n-1, each mapped by the parent tree to an element of the tree
    that holds it: nothing left over from the margin boxes."""
    tree = reachable(pdf.Root.StructTreeRoot)
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        array = arrays[int(page.obj.StructParents)]
        mcids = _content_mcids(page)
        assert sorted(mcids) == list(range(len(array)))
        for mcid in mcids:
            element = array[mcid]
            assert element.objgen in tree
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert mcid in [int(k) for k in kids if isinstance(k, int)]


def test_every_figure_has_alt_text(pdf):
    figures = [e for e in _elements(pdf) if str(e.S) == "/Figure"]
    alts = [str(e.get("/Alt", "")) for e in figures]
    assert len(figures) >= 3 and all(a.strip() for a in alts), alts
    assert "Biểu trưng của Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh" in alts  # the emblem
    assert "Toàn cảnh." in alts  # a photo: its caption
    chart = next(a for a in alts if a.startswith("Mức hoàn thành chỉ tiêu Nghị quyết nhiệm kỳ 2015 - 2020: "))
    assert "103,5%" in chart and "98,8% (+3,8 điểm %)" in chart  # a chart's alt states its figures


def test_table_header_cells_have_scope(pdf):
    scopes: dict[str, list[str]] = {}
    for cell in (e for e in _elements(pdf) if str(e.S) == "/TH"):
        assert str(cell.A.O) == "/Table"
        scopes.setdefault(str(cell.A.Scope), []).append(cell)
    assert set(scopes) == {"/Column", "/Row"}
    assert len(scopes["/Row"]) == 2  # the two row headers of the body's table
    assert len(scopes["/Column"]) >= 7 + 2  # the targets table's header row, and the body table's


def test_lists_hold_list_items_only(pdf):
    lists = [e for e in _elements(pdf) if str(e.S) == "/L"]
    assert len(lists) >= 6
    for lst in lists:
        kids = [k for k in lst.K if isinstance(k, pikepdf.Dictionary)]
        assert kids and {str(k.S) for k in kids} == {"/LI"}, [str(k.S) for k in kids]
        assert all(k.P.objgen == lst.objgen for k in kids)
    nested = [e for e in lists if str(e.P.S) == "/LBody" and str(e.P.P.P.S) == "/L"]
    assert nested  # the body's sub-list sits in its item's body


def test_heading_levels_never_skip(pdf):
    levels = [HEADINGS[str(e.S)] for e in _elements(pdf) if str(e.S) in HEADINGS]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert 3 in levels  # the body's skipped <h4> became an <h3> under its <h2>


def test_bookmarks_and_links_survive_the_tagging(tagged):
    reader = pypdf.PdfReader(io.BytesIO(tagged.file.data))
    pages = anchor_pages(tagged.document.pages)
    outline = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    assert outline["Năm 2019"] == pages["nam-2019"] and outline["Mục lục"] == pages["muc-luc"]
    links = [a.get_object() for a in reader.pages[pages["muc-luc"] - 1].get("/Annots", [])]
    targets = {str(link["/Dest"]) for link in links if link["/Subtype"] == "/Link"}
    assert {"nhiem-ky", "nam-2019", "nhan-vat"} <= targets
    for name in ("nam-2019", "nhan-vat"):
        assert reader.get_destination_page_number(reader.named_destinations[name]) + 1 == pages[name]
    assert all("/StructParent" in link for link in links)  # each link is in the structure tree
    described = {str(link["/Dest"]): str(link["/Contents"]) for link in links}
    assert described["nam-2019"] == "Năm 2019" and described["nhan-vat"] == "Danh mục nhân vật"
