"""Finish WeasyPrint's tagged PDF so that a screen reader reads the book, and only the book.

WeasyPrint 70 (`write_pdf(pdf_tags=True)`) writes the structure tree, /MarkInfo and
/Lang. It marks the text of margin boxes (running heads, page numbers) as tagged
content but leaves their structure elements out of the tree, which PDF/UA forbids:
content is either in the tree or an artifact. `finish_tags` therefore turns every
marked-content sequence whose element is not reachable from the tree into a
pagination /Artifact (and drops it from the parent tree), then repairs the tree
itself (structure.py: table header scope, list children). It works on the written
bytes with pikepdf and saves them deterministically: same input, same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pikepdf
from pikepdf import Array, Dictionary, Name

from site_builder.yearbook.structure import read_tree, repair_structure

PAGINATION = Dictionary(Type=Name.Pagination)
ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
_MARK = re.compile(rb"/(?P<tag>[A-Za-z0-9_.]+)\s*<<\s*/MCID\s+(?P<mcid>[0-9]+)\s*>>\s*BDC")


def reachable(tree_root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """Object numbers of every structure element in the tree."""
    return set(read_tree(tree_root).objgens)


def _page_arrays(tree_root: pikepdf.Dictionary) -> dict[int, pikepdf.Array]:
    """The parent tree's MCID arrays by key (WeasyPrint writes a flat /Nums)."""
    nums = tree_root.ParentTree.get(Name.Nums, Array())
    found: dict[int, pikepdf.Array] = {}
    for i in range(0, len(nums) - 1, 2):
        value = nums[i + 1]
        if isinstance(value, Array):
            found[int(nums[i])] = value
    return found


def _remark_bytes(content: bytes, new_mcid: dict[int, int | None]) -> tuple[bytes, int] | None:
    """Fast path: rewrite the marks in the content bytes, with how many were rewritten;
    None when the content has literal strings or comments, inside which a mark's bytes
    would not be a mark (WeasyPrint writes text as hex strings, and no comments)."""
    if b"(" in content or b"%" in content:
        return None
    count = 0

    def remark(match: re.Match[bytes]) -> bytes:
        nonlocal count
        new = new_mcid.get(int(match.group("mcid")), -1)
        if new == -1:
            return match.group(0)
        count += 1
        return ARTIFACT if new is None else b"/%s <</MCID %d>> BDC" % (match.group("tag"), new)

    return _MARK.sub(remark, content), count


def _remark_parsed(page: pikepdf.Page, new_mcid: dict[int, int | None]) -> bytes:
    """Slow path, for content the fast path does not recognise: qpdf's own tokenizer."""
    bdc = pikepdf.Operator("BDC")
    ops = []
    for op in pikepdf.parse_content_stream(page):
        props = op.operands[1] if op.operator == bdc and len(op.operands) == 2 else None
        if isinstance(props, Dictionary) and Name.MCID in props and int(props.MCID) in new_mcid:
            new = new_mcid[int(props.MCID)]
            marks = [Name.Artifact, PAGINATION] if new is None else [op.operands[0], Dictionary(MCID=new)]
            op = pikepdf.ContentStreamInstruction(marks, bdc)
        ops.append(op)
    return pikepdf.unparse_content_stream(ops)


def _rewrite_stream(pdf: pikepdf.Pdf, page: pikepdf.Page, new_mcid: dict[int, int | None]) -> None:
    """Re-mark the page's content: dropped MCIDs become artifacts, kept ones are renumbered."""
    page.contents_coalesce()
    fast = _remark_bytes(page.obj.Contents.read_bytes(), new_mcid)
    if fast is None or fast[1] != len(new_mcid):  # not every mark found: let qpdf tokenize
        page.obj.Contents = pdf.make_stream(_remark_parsed(page, new_mcid))
    else:
        page.obj.Contents = pdf.make_stream(fast[0])


def _renumber_kids(element: pikepdf.Object, new_mcid: Mapping[int, int | None]) -> None:
    kids = element.K
    if isinstance(kids, Array):
        element.K = Array([new_mcid[n] if (n := _integer(k)) is not None and n in new_mcid else k for k in kids])
    elif (n := _integer(kids)) is not None and n in new_mcid:
        element.K = new_mcid[n]


def _integer(obj: object) -> int | None:
    """A PDF integer (an MCID among a structure element's kids), or None for anything else."""
    return int(obj) if isinstance(obj, int) else None


def _untagged_to_artifacts(
    pdf: pikepdf.Pdf, page: pikepdf.Page, array: pikepdf.Array, tree: frozenset[tuple[int, int]]
) -> None:
    """One page: marked content whose element is outside the tree becomes an artifact."""
    dropped = [m for m, elem in enumerate(array) if not isinstance(elem, Dictionary) or elem.objgen not in tree]
    if not dropped:
        return
    kept = [m for m in range(len(array)) if m not in set(dropped)]
    new_mcid: dict[int, int | None] = {m: None for m in dropped}
    renumbered = {old: new for new, old in enumerate(kept) if new != old}
    new_mcid.update(renumbered)
    _rewrite_stream(pdf, page, new_mcid)
    if renumbered:  # WeasyPrint draws margin boxes last: usually only the tail is dropped
        elements = {array[old].objgen: array[old] for old in renumbered}
        for element in elements.values():
            _renumber_kids(element, renumbered)
    for m in reversed(dropped):
        del array[m]


def describe_links(pdf: pikepdf.Pdf, labels: Mapping[str, str]) -> None:
    """A link's /Contents is its description for a screen reader (PDF/UA 7.18.5): WeasyPrint
    writes the target's anchor id there; a link to a contents entry gets the entry's label."""
    for page in pdf.pages:
        for annotation in page.obj.get(Name.Annots, Array()):
            target = annotation.get(Name.Dest)
            if annotation.get(Name.Subtype) == Name.Link and isinstance(target, pikepdf.String):
                label = labels.get(str(target))
                if label:
                    annotation.Contents = pikepdf.String(label)


def finish_tags(data: bytes, link_labels: Mapping[str, str] | None = None) -> bytes:
    """The tagged PDF `data` with untagged content as artifacts, the tree repaired and
    links to the anchors of `link_labels` described by their labels."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree_root = pdf.Root.get(Name.StructTreeRoot)
        if not isinstance(tree_root, Dictionary):  # an untagged PDF
            return data
        tree = read_tree(tree_root)
        arrays = _page_arrays(tree_root)
        for page in pdf.pages:
            key = page.obj.get(Name.StructParents)
            if key is not None and int(key) in arrays:
                _untagged_to_artifacts(pdf, page, arrays[int(key)], tree.objgens)
        repair_structure(pdf, tree)
        describe_links(pdf, link_labels or {})
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
