"""Images in rendered articles: each ``[[Image:N|caption]]`` becomes a placeholder while
python-markdown parses, then, once every id of the page is known (one resolver call), a
figure (an image alone in its paragraph) or an inline image with its caption and credit."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from django.utils.translation import gettext

PLACEHOLDER_TAG = "ker-image"


class ResolvedImage(Protocol):
    """What an image resolver gives for each id (a rendition's URL, text alternative, credit)."""

    url: str
    alt: str
    credit: str


ImageResolver = Callable[[list[int]], Mapping[int, ResolvedImage]]


def placeholder(image_id: str, caption: str) -> etree.Element:
    """What the parser puts where ``[[Image:N|caption]]`` was typed."""
    element = etree.Element(PLACEHOLDER_TAG)
    element.set("data-image-id", image_id)
    if caption:
        element.text = caption
    return element


def place_images(root: etree.Element, resolver: ImageResolver | None) -> list[int]:
    """Replaces every placeholder under ``root`` by its image; returns the ids used, in order
    of appearance (the resolver is called once, with these ids)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    placeholders = list(root.iter(PLACEHOLDER_TAG))
    image_ids = _unique(int(element.get("data-image-id", "0")) for element in placeholders)
    images: Mapping[int, ResolvedImage] = {}
    if image_ids and resolver is not None:
        images = resolver(list(image_ids)) or {}

    handled: set[etree.Element] = set()
    for element in placeholders:
        if element in handled:
            continue
        parent = parents.get(element)
        if parent is None:
            continue
        if _holds_only_images(parent):
            handled.update(list(parent))
            _replace_paragraph_with_figures(
                paragraph=parent, container=parents[parent], images=images
            )
        else:
            handled.add(element)
            _replace_in_place(
                element=element,
                parent=parent,
                replacement=_inline_image(placeholder=element, images=images),
            )
    return image_ids


def _unique(values: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(values))


def _holds_only_images(element: etree.Element) -> bool:
    """A paragraph made of image placeholders and whitespace only."""
    if element.tag != "p" or (element.text or "").strip():
        return False
    return all(child.tag == PLACEHOLDER_TAG and not (child.tail or "").strip() for child in element)


def _replace_in_place(
    *, element: etree.Element, parent: etree.Element, replacement: etree.Element
) -> None:
    replacement.tail = element.tail
    parent[list(parent).index(element)] = replacement


def _replace_paragraph_with_figures(
    *,
    paragraph: etree.Element,
    container: etree.Element,
    images: Mapping[int, ResolvedImage],
) -> None:
    blocks = []
    for placeholder in paragraph:
        image = images.get(int(placeholder.get("data-image-id", "0")))
        if image is None:
            # A missing image is inline content: it keeps a paragraph of its own.
            block = etree.Element("p")
            block.append(_missing_image(placeholder))
        else:
            block = _figure(placeholder=placeholder, image=image)
        block.tail = "\n"
        blocks.append(block)
    blocks[-1].tail = paragraph.tail
    position = list(container).index(paragraph)
    container.remove(paragraph)
    for offset, block in enumerate(blocks):
        container.insert(position + offset, block)


def _inline_image(
    *, placeholder: etree.Element, images: Mapping[int, ResolvedImage]
) -> etree.Element:
    image = images.get(int(placeholder.get("data-image-id", "0")))
    if image is None:
        return _missing_image(placeholder)
    wrapper = etree.Element("span", {"class": "article-image"})
    wrapper.append(_img(placeholder=placeholder, image=image))
    caption = etree.Element("span", {"class": "caption"})
    if _fill_caption(caption=caption, placeholder=placeholder, image=image):
        wrapper.append(caption)
    return wrapper


def _figure(*, placeholder: etree.Element, image: ResolvedImage) -> etree.Element:
    figure = etree.Element("figure", {"class": "article-image"})
    figure.append(_img(placeholder=placeholder, image=image))
    caption = etree.Element("figcaption")
    if _fill_caption(caption=caption, placeholder=placeholder, image=image):
        figure.append(caption)
    return figure


def _img(*, placeholder: etree.Element, image: ResolvedImage) -> etree.Element:
    caption_text = " ".join("".join(placeholder.itertext()).split())
    attributes = {
        "src": str(getattr(image, "url", "") or ""),
        "alt": str(getattr(image, "alt", "") or "") or caption_text,
        "loading": "lazy",
    }
    for dimension in ("width", "height"):
        value = getattr(image, dimension, None)
        if isinstance(value, int) and value > 0:
            attributes[dimension] = str(value)
    return etree.Element("img", attributes)


def _fill_caption(
    *, caption: etree.Element, placeholder: etree.Element, image: ResolvedImage
) -> bool:
    """Moves the typed caption into ``caption`` and adds the credit; False if both are empty."""
    caption.text = placeholder.text
    for child in list(placeholder):
        caption.append(child)
    credit = str(getattr(image, "credit", "") or "").strip()
    if credit:
        if len(caption):
            caption[-1].tail = (caption[-1].tail or "") + " "
        elif caption.text:
            caption.text += " "
        etree.SubElement(caption, "span", {"class": "credit"}).text = credit
    return bool(len(caption) or (caption.text or "").strip())


def _missing_image(placeholder: etree.Element) -> etree.Element:
    missing = etree.Element("span", {"class": "missing-image"})
    missing.text = gettext("[image %(id)s introuvable]") % {"id": placeholder.get("data-image-id")}
    return missing
