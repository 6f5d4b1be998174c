"""YAML's syntax errors in plain language, with the fix, at the line and column where it goes
(the French of each: test_french.py)."""
from __future__ import annotations

import pytest

from journeysite.config import read_site_config
from journeysite.frontmatter import FrontMatterError, parse_yaml
from journeysite.yamlerrors import quoted

HEAD = "type: journey\ntitle: J\npersona: q\n"


def explained(yaml_text: str) -> tuple[int, int, str]:
    """(line, column, message) of the error in ``yaml_text`` read as front matter (its first line is line 2)."""
    with pytest.raises(FrontMatterError) as caught:
        parse_yaml(yaml_text, first_line=2)
    return caught.value.line, caught.value.column, caught.value.message


@pytest.mark.parametrize("text, line, column, message", [
    # a colon inside a value: quote the text
    (HEAD + "touchpoints:\n  - id: t1\n    action: Facture : double prélèvement\n", 7, 21,
     "the text of 'action' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
     "action: \"Facture : double prélèvement\""),
    ("type: persona\nquote: « Trop cher : je pars »\n", 3, 20,
     "the text of 'quote' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
     "quote: \"« Trop cher : je pars »\""),
    ("type: persona\nquote: C'est \"le\" prix : trop\n", 3, 24,  # holds a double quote: single quotes
     "the text of 'quote' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
     "quote: 'C''est \"le\" prix : trop'"),
    # bad indentation: a key one space off, either way
    (HEAD + "touchpoints:\n  - id: t1\n    stage: achat\n   channel: web\n", 8, 4,
     "'channel' is not lined up with 'stage' (line 7): keys of one block start at the same column; indent it with "
     "spaces like the keys it belongs with"),
    (HEAD + "touchpoints:\n  - id: t1\n    stage: achat\n      channel: web\n", 8, 7,
     "'channel' is not lined up with 'stage' (line 7): keys of one block start at the same column; indent it with "
     "spaces like the keys it belongs with"),
    ("type: persona\n name: Q\n", 3, 2,
     "'name' is not lined up with 'type' (line 2): keys of one block start at the same column; indent it with "
     "spaces like the keys it belongs with"),
    # a tab
    ("type: persona\nname: Q\n\tsegment: x\n", 4, 1,
     "a tab character: YAML indents with spaces only; replace the tab with spaces"),
    ("type: persona\ngoals:\n  -\tPartir\n", 4, 4,
     "a tab character: YAML indents with spaces only; replace the tab with spaces"),
    # a quote never closed, or closed too early
    ("type: persona\nname: \"Quentin\nsegment: x\n", 3, 7, "this text opens with \" and never closes it; end it "
                                                           "with \" too"),
    ("type: persona\ngoals: ['avis, prix]\n", 3, 9,
     "this text opens with ' and never closes it; end it with ' too or, if the ' is an apostrophe, put the whole "
     "text in double quotes (\"…\")"),
    ("type: persona\nquote: 'C'est bien'\n", 3, 8,
     "the text of 'quote' starts with a quote, so it ends at the next quote and the rest cannot be read; put the "
     "whole text in quotes of the other kind: quote: \"C'est bien\""),
    ("type: persona\nquote: \"Je veux\" dit-il\n", 3, 8,
     "the text of 'quote' starts with a quote, so it ends at the next quote and the rest cannot be read; put the "
     "whole text in quotes of the other kind: quote: '\"Je veux\" dit-il'"),
    # a bracket never closed, a comma missing
    ("type: persona\ngoals: [Partir, Rester\nsegment: x\n", 3, 8,
     "the '[' opened here is never closed; end the list with ']' on the same line, or write one item a line, each "
     "starting with '- '"),
    ("type: persona\nmetrics: {clv: 1\n", 3, 10, "the '{' opened here is never closed; end it with '}' on the same "
                                                 "line"),
    (HEAD + "touchpoints:\n  - id: t1\n    importance: {customer: 4 business: 3}\n", 7, 38,
     "the items between '{' and '}' must be separated by commas; add the missing ',' (a text holding a comma, a "
     "quote or a colon goes in quotes)"),
    # a ' : ' inside a value between brackets (French typography): the colon, not a missing comma
    ("type: channel\nitems:\n  - {id: chatbot, label: Chatbot : assistant virtuel}\n", 4, 34,
     "the text of 'label' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
     "label: \"Chatbot : assistant virtuel\""),
    ("type: persona\nmetrics: {clv: 1, note: Bien : oui}\n", 3, 30,
     "the text of 'note' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
     "note: \"Bien : oui\""),
    # a key given twice
    ("type: persona\nname: Q\nsegment: x\nname: R\n", 5, 1,
     "'name' is given twice in the same block (first at line 3); keep one, or, if this one belongs to another "
     "item, indent it like that item's keys"),
    # a list item at the wrong level
    (HEAD + "touchpoints:\n  - id: t1\n    stage: achat\n   - id: t2\n", 8, 4,
     "this list item is not lined up with the item of line 6: items of one list start their '-' at the same "
     "column (column 3 there)"),
    (HEAD + "touchpoints:\n  - id: t1\n    stage: achat\n    - id: t2\n", 8, 5,
     "this list item is not lined up with the item of line 6: items of one list start their '-' at the same "
     "column (column 3 there)"),
    ("type: persona\ngoals:\n  - Partir\n - Rester\n", 5, 2,
     "this list item is not lined up with the item of line 4: items of one list start their '-' at the same "
     "column (column 3 there)"),
    # and a few more traps: no space after ':', a text starting with a character YAML reserves
    ("type: persona\nname:Quentin\nsegment: x\n", 3, 6, "a space is missing after ':'; write name: Quentin"),
    ("type: persona\nquote: @home\n", 3, 8,
     "the text of 'quote' starts with '@', which YAML reserves; put the text in quotes: quote: \"@home\""),
    ("type: persona\nquote: *important*\n", 3, 8,
     "the text of 'quote' starts with '*', which YAML reserves; put the text in quotes: quote: \"*important*\""),
    ("type: persona\nquote: [Important] à lire\n", 3, 8,
     "the text of 'quote' starts with '[', which YAML reads as the start of a list or a mapping; put the text in "
     "quotes: quote: \"[Important] à lire\""),
])
def test_yaml_mistakes_are_explained_at_their_line_and_column(text: str, line: int, column: int, message: str) -> None:
    assert explained(text) == (line, column, message)


def test_other_errors_keep_yaml_s_words() -> None:
    line, column, message = explained("a: 1\n...\nb: 2\n")
    assert (line, message) == (4, "YAML syntax error: did not find expected <document start>")


def test_the_fix_quotes_the_text_as_yaml_reads_it() -> None:
    for text in ("Facture : double prélèvement", "C'est \"le\" prix : trop", "C:\\dossier : x", "« a : b »"):
        quoted_text = quoted(text)
        assert parse_yaml(f"key: {quoted_text}\n") == {"key": text}


def test_a_colon_in_a_list_item_is_explained_too(load) -> None:
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\ngoals:\n  - Objectif : partir léger\n---\n",
                        "docs/q.md": "---\ntype: persona\nname: Q\ngoals: [a, b]\ncolour: {x: 1}\nsegment: {a: b}\n---\n"},
                       "site_name: T\ndocs_dir: docs\ntheme: {name: material, language: en}\nplugins: [journeysite]\n")
    assert sorted(str(p) for p in problems) == [
        "docs/p.md:5:14: this item of 'goals' holds ': ', which YAML reads as 'key: value'; put the text in quotes: "
        "- \"Objectif : partir léger\"",  # as written: the space before the colon kept
        "docs/q.md:5: warning: unknown key 'colour' in persona",
        "docs/q.md:6: 'segment' must be text, not a mapping; if the text holds ': ', put it in quotes"]


def test_a_yaml_mistake_in_mkdocs_yml_is_explained_at_its_line_and_column(make_site) -> None:
    root = make_site({}, "site_name: Parcours : clients\ntheme:\n  language: fr\n")
    problems = read_site_config(root / "mkdocs.yml").problems
    assert [(p.line, p.column) for p in problems] == [(1, 21)]  # in French: the lines say so
    assert problems[0].message.startswith("le texte de «\u00a0site_name\u00a0» contient «\u00a0:\u00a0»")


def test_a_colon_in_an_irritant_keeps_the_text_as_written(load) -> None:
    _, problems = load({"docs/j.md": "---\ntype: journey\ntitle: J\npersona: q\ntouchpoints:\n  - id: t1\n"
                                     "    irritants:\n      - R\u00e9ponse du conseiller : rappelez avec \"l'acte\"\n---\n"},
                       "site_name: T\ndocs_dir: docs\ntheme: {name: material, language: en}\nplugins: [journeysite]\n")
    fix = [str(p) for p in problems if "irritants" in p.message]
    assert fix == ["docs/j.md:8:31: this item of 'irritants' holds ': ', which YAML reads as 'key: value'; put the "
                   "text in quotes: - 'R\u00e9ponse du conseiller : rappelez avec \"l''acte\"'"]


@pytest.mark.parametrize("line, warned", [
    ("    action: Je note ma commande #1234\n", "docs/j.md:9:33: warning: '#1234' is read as a YAML comment and left "
     "out, so this text stops at 'Je note ma commande'; if it belongs to the text, put the whole text in quotes: "
     "\"Je note ma commande #1234\""),
    ("    action: Je note ma commande\n    step: Suivi #2\n", "docs/j.md:10:17: warning: '#2' is read as a YAML "
     "comment and left out, so this text stops at 'Suivi'; if it belongs to the text, put the whole text in quotes: "
     "\"Suivi #2\""),
    ("    action: Je note ma commande # le numéro vient du mail\n", None),  # '# ': a comment
    ("    action: Je note ma commande\n    stage: achat #etape\n", None),  # after an id: a comment
    ("    action: \"Je note ma commande #1234\"\n", None),
])
def test_a_hash_that_cuts_a_text_is_a_warning(load, line: str, warned: str | None) -> None:
    _, problems = load({"docs/j.md": "---\ntype: journey\ntitle: J\npersona: q\ntouchpoints:\n  - id: t1\n"
                                     "    stage: achat\n    channel: web\n" + line + "---\n"},
                       "site_name: T\ndocs_dir: docs\ntheme: {name: material, language: en}\nplugins: [journeysite]\n")
    assert [str(p) for p in problems if p.severity == "warning"] == ([warned] if warned else [])


def test_a_more_indented_item_merged_into_the_one_above_is_a_warning(load) -> None:
    site, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\ngoals:\n  - Partir léger\n    - Être "
                                        "conseillé\n  - Payer moins\n---\n"},
                          "site_name: T\ndocs_dir: docs\ntheme: {name: material, language: en}\nplugins: [journeysite]\n")
    assert site.personas["p"].goals == ("Partir léger - Être conseillé", "Payer moins")
    assert [str(p) for p in problems] == [
        "docs/p.md:6:5: warning: this '- ' is read as more of the text above, not as a new item: YAML makes of both "
        "lines the one text 'Partir léger - Être conseillé'; to start an item here, put its '-' under the '-' above it"]
