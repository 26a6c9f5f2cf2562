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
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

from site_builder.yearbook.structure import repair_structure

PAGINATION = Dictionary(Type=Name.Pagination)


def struct_kids(element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure elements among an element's /K (not MCIDs, MCRs or OBJRs)."""
    kids = element.get(Name.K)
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and kid.get(Name.S) is not None:
            yield kid


def reachable(tree_root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """Object numbers of every structure element in the tree."""
    seen: set[tuple[int, int]] = set()
    todo = list(struct_kids(tree_root))
    while todo:
        element = todo.pop()
        if element.objgen not in seen:
            seen.add(element.objgen)
            todo.extend(struct_kids(element))
    return seen


def _page_arrays(tree_root: pikepdf.Dictionary) -> dict[int, pikepdf.Array]:
    """The parent tree's MCID arrays by key (WeasyPrint writes a flat /Nums)."""
    nums = tree_root.ParentTree.get(Name.Nums, Array())
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2) if isinstance(nums[i + 1], Array)}


def _rewrite_stream(pdf: pikepdf.Pdf, page: pikepdf.Page, new_mcid: dict[int, int | None]) -> None:
    """Re-mark the page's content: dropped MCIDs become artifacts, kept ones are renumbered."""
    bdc = pikepdf.Operator("BDC")
    ops = []
    for op in pikepdf.parse_content_stream(page):
        props = op.operands[1] if op.operator == bdc and len(op.operands) == 2 else None
        if isinstance(props, Dictionary) and Name.MCID in props and int(props.MCID) in new_mcid:
            new = new_mcid[int(props.MCID)]
            marks = [Name.Artifact, PAGINATION] if new is None else [op.operands[0], Dictionary(MCID=new)]
            op = pikepdf.ContentStreamInstruction(marks, bdc)
        ops.append(op)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


def _renumber_kids(element: pikepdf.Dictionary, new_mcid: dict[int, int | None]) -> None:
    kids = element.K
    if isinstance(kids, Array):
        element.K = Array([new_mcid[int(k)] if isinstance(k, int) and int(k) in new_mcid else k for k in kids])
    elif isinstance(kids, int) and int(kids) in new_mcid:
        element.K = new_mcid[int(kids)]


def _untagged_to_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, array: pikepdf.Array, tree: set) -> None:
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


def finish_tags(data: bytes) -> bytes:
    """The tagged PDF `data` with untagged content as artifacts and the tree repaired."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree_root = pdf.Root.get(Name.StructTreeRoot)
        if tree_root is None:
            return data
        tree = reachable(tree_root)
        arrays = _page_arrays(tree_root)
        for page in pdf.pages:
            key = page.obj.get(Name.StructParents)
            if key is not None and int(key) in arrays:
                _untagged_to_artifacts(pdf, page, arrays[int(key)], tree)
        repair_structure(pdf, tree_root)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
