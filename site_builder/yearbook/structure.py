"""Repairs to WeasyPrint's structure tree that PDF/UA asks for and HTML cannot express.

- Table header cells get /Scope in their /Table attributes (WeasyPrint 70 writes none):
  /Column for a cell in a row of header cells only, /Row for a header cell among data
  cells (the first cell of a row, as `<th scope="row">` would be).
- A list (/L) holds list items (/LI) only. WeasyPrint passes through the boxes between
  a list and its items: the `<div>` that keeps a glossary term with its definition,
  the anonymous column boxes of a list set in two columns (`columns: 2`). Those
  wrappers give their items to the list; a nested list that follows an item moves
  into that item's body (/LBody), where PDF puts a sub-list; anything else is wrapped
  in an item of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

import pikepdf
from pikepdf import Array, Dictionary, Name

WRAPPERS = (Name.Div, Name.NonStruct, Name.Part, Name.Sect)  # never a text /Span: it holds MCIDs


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get(Name.K)
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(obj: pikepdf.Object | None, tag: Name | None = None) -> TypeGuard[pikepdf.Dictionary]:
    return isinstance(obj, Dictionary) and obj.get(Name.S) is not None and (tag is None or tag == obj.S)


@dataclass(frozen=True)
class Tree:
    """The structure elements reachable from the tree's root, read once."""

    objgens: frozenset[tuple[int, int]]
    by_type: dict[str, list[pikepdf.Dictionary]]  # "/TR" -> elements, parents before children

    def of(self, tag: str) -> list[pikepdf.Dictionary]:
        return self.by_type.get(tag, [])


def read_tree(root: pikepdf.Dictionary) -> Tree:
    """Every structure element below `root`, each once, grouped by structure type."""
    seen: set[tuple[int, int]] = set()
    by_type: dict[str, list[pikepdf.Dictionary]] = {}
    todo = list(reversed(_kids(root)))
    while todo:
        element = todo.pop()
        if not _is_element(element) or element.objgen in seen:
            continue  # an MCID, a marked-content or object reference, or a second path
        seen.add(element.objgen)
        by_type.setdefault(str(element.S), []).append(element)
        todo.extend(reversed(_kids(element)))
    return Tree(frozenset(seen), by_type)


def _new_element(
    pdf: pikepdf.Pdf, tag: Name, parent: pikepdf.Dictionary, kids: list[pikepdf.Object]
) -> pikepdf.Dictionary:
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=tag, P=parent, K=Array(kids)))
    for kid in kids:
        if _is_element(kid):
            kid.P = element
    return element


def add_header_scope(rows: list[pikepdf.Dictionary]) -> None:
    """/Scope on every /TH of `rows`: /Column in a row of header cells, /Row otherwise."""
    for row in rows:
        cells = [k for k in _kids(row) if _is_element(k)]
        scope = Name.Column if all(c.S == Name.TH for c in cells) else Name.Row
        for cell in (c for c in cells if c.S == Name.TH):
            attributes = cell.get(Name.A)
            if not isinstance(attributes, Dictionary):
                attributes = cell.A = Dictionary(O=Name.Table)
            attributes.Scope = scope


def _item_body(pdf: pikepdf.Pdf, item: pikepdf.Dictionary) -> pikepdf.Dictionary:
    body = next((k for k in _kids(item) if _is_element(k, Name.LBody)), None)
    if body is None:
        body = _new_element(pdf, Name.LBody, item, [])
        item.K = Array([*_kids(item), body])
    return body


def _list_items(pdf: pikepdf.Pdf, lst: pikepdf.Dictionary, kids: list[pikepdf.Object]) -> list[pikepdf.Object]:
    """`kids` of the list `lst` made into list items (see the module docstring)."""
    items: list[pikepdf.Object] = []
    previous: pikepdf.Object | None = None
    for kid in kids:
        if not _is_element(kid) or kid.S in (Name.LI, Name.Caption):
            if _is_element(kid):
                kid.P = lst
            items.append(kid)
        elif kid.S == Name.L and _is_element(previous, Name.LI):
            body = _item_body(pdf, previous)
            body.K = Array([*_kids(body), kid])
            kid.P = body
        elif kid.S in (*WRAPPERS, Name.L):
            items += _list_items(pdf, lst, _kids(kid))
        else:
            item = _new_element(pdf, Name.LI, lst, [])
            item.K = Array([_new_element(pdf, Name.LBody, item, [kid])])
            items.append(item)
        previous = kid if _is_element(kid, Name.LI) else previous
    return items


def repair_lists(pdf: pikepdf.Pdf, lists: list[pikepdf.Dictionary]) -> None:
    for lst in lists:
        kids = _kids(lst)
        if any(_is_element(k) and k.S not in (Name.LI, Name.Caption) for k in kids):
            lst.K = Array(_list_items(pdf, lst, kids))


def repair_structure(pdf: pikepdf.Pdf, tree: Tree) -> None:
    """Repair the tree read by `read_tree` (before any repair)."""
    add_header_scope(tree.of("/TR"))
    repair_lists(pdf, tree.of("/L"))
