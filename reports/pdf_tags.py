"""Finishing touches to the tag tree WeasyPrint writes, so the PDF passes PDF/UA-1's rule on page furniture.

WeasyPrint marks the running header and footer (CSS page-margin boxes) as tagged content but leaves their
structure elements out of the tag tree (its issue #1836): a checker then finds content that is neither in the
tree nor an Artifact (ISO 14289-1, 7.1). The header and footer repeat on every page and a screen reader should
skip them, so whatever the tree does not reach becomes an Artifact.
"""

from __future__ import annotations

from typing import Any

import pydyf


def _number(reference: Any) -> int:
    """Return the object number of a pydyf reference (``b"12 0 R"``)."""
    return int(bytes(reference).split(b" ", 1)[0])


def mark_untagged_content_as_artifacts(document: Any, pdf: pydyf.PDF) -> None:
    """Turn every marked-content sequence the tag tree does not reach into an Artifact (a WeasyPrint finisher)."""
    del document  # the finisher's signature; the PDF objects hold all it needs
    if "StructTreeRoot" not in pdf.catalog:
        return
    objects = pdf.objects
    page_numbers = pdf.pages["Kids"][::3]  # the kids are written as "number 0 R" triples
    page_index = {number: index for index, number in enumerate(page_numbers)}
    reached: set[tuple[int | None, int]] = set()
    tree = objects[_number(pdf.catalog["StructTreeRoot"])]
    pending = [objects[_number(kid)] for kid in tree["K"]]
    while pending:
        element = pending.pop()
        page = page_index.get(_number(element["Pg"])) if "Pg" in element else None
        for kid in element["K"]:
            if isinstance(kid, int):
                reached.add((page, kid))
            elif isinstance(kid, bytes):
                child = objects[_number(kid)]
                if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
                    pending.append(child)
    parent_tree = objects[_number(tree["ParentTree"])]["Nums"]
    for index, number in enumerate(page_numbers):
        stream = objects[_number(objects[number]["Contents"])]
        unreached: list[int] = []
        operations: list[Any] = []
        for operation in stream.stream:
            properties = operations[-1] if operations else None
            mcid = properties.get("MCID") if isinstance(properties, pydyf.Dictionary) else None
            if operation == b"BDC" and mcid is not None and (index, mcid) not in reached:
                unreached.append(mcid)
                operations[-2:] = ["/Artifact", b"BMC"]
                continue
            operations.append(operation)
        stream.stream = operations
        # The parent tree maps each page's marked-content ids to their elements: an Artifact has none.
        mapping = parent_tree[2 * index + 1] if parent_tree[2 * index] == index else None
        for mcid in unreached:
            if mapping is not None and mcid < len(mapping):
                mapping[mcid] = b"null"
