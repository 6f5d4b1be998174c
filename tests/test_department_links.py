"""Wherever a department shows (a touchpoint's card, the channels index, a channel page, the dependency
graph), it shows as its label, linked to its page: never as a raw id or name as written."""
from __future__ import annotations

import re

from test_steering import CONFIG, SITE, page, site  # noqa: F401  (the fixture)


def department_links(markdown: str) -> list[tuple[str, str]]:
    """(href, text) of every link to a department's page."""
    return re.findall(r'<a href="([^"]*departments/[a-z][^"]*)"[^>]*>([^<]*)</a>', markdown)


def test_a_touchpoint_card_links_its_department_by_label(site) -> None:
    cards = page(site, "journeys/achat.md")
    card = {tp: department_links(html) for tp, html in re.findall(r'<article id="tp-(t\d)"(.*?)</article>', cards)}
    assert card["t1"] == [("../../departments/digital/", "Direction digitale")]  # owner: dsi (an alias)
    assert card["t2"] == [("../../departments/magasins/", "Direction des magasins")]  # its channel page's owner
    assert card["t3"] == [("../../departments/relation-client/", "Relation client")]  # RELATION-CLIENT


def test_channels_index_and_channel_page_link_the_owner_by_label(site) -> None:
    assert department_links(page(site, "channels/index.md")) == [
        ("../departments/magasins/", "Direction des magasins")]
    assert department_links(page(site, "channels/magasin.md")) == [
        ("../../departments/magasins/", "Direction des magasins")]


def test_irritants_name_one_measure_each(site) -> None:
    """A department's painful touchpoints (the pains page's irritants) and the irritant sentences noted on
    touchpoints (the indexes' indicator) never share a label."""
    department = page(site, "departments/relation-client.md")
    channels = page(site, "channels/index.md")
    assert "<dt>Irritants</dt>" in department and "Irritants relevés" not in department
    headers = re.findall(r"<th[^>]*>(?:<[^>]+>)*([^<]+)", channels)
    assert "Irritants relevés" in headers and "Irritants" not in headers
