"""Writing a site in French: a site with a dozen typical mistakes reads in its language, each problem at
its line (and column, for YAML) with the fix, what broke before what it affects, nothing twice."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from journeysite.build import build_site
from journeysite.cli import main
from journeysite.config import read_site_config
from journeysite.i18n import LOCALE_DIR
from journeysite.problems import CONTENT, FILE, REFERENCE
from sites import MISTAKES_CONFIG, MISTAKES_SITE

# Non-breaking spaces read as spaces below; test_french_typography checks where they are.
FRENCH = [
    'docs/chantiers/rappel.md:6:1: « status » est donné deux fois dans le même bloc (la première à la '
     "ligne 4) ; gardez-en un, ou, s'il appartient à un autre élément, indentez-le comme les clés de cet "
     'élément',
    "docs/parcours/achat-cible.md:11:4: cet élément de liste n'est pas aligné sur celui de la ligne 7 : "
     "les « - » d'une même liste sont à la même colonne (colonne 3 là-bas)",
    'docs/parcours/demenagement.md:13:21: le texte de « action » contient « : », que YAML prend pour le '
     'début d\'une autre clé ; mettez le texte entre guillemets : action: "Facture : double prélèvement"',
    "docs/parcours/location.md:10:16: le « [ » ouvert ici n'est jamais fermé ; terminez la liste par « ] "
     '» sur la même ligne, ou écrivez un élément par ligne, chacun commençant par « - »',
    'docs/parcours/retour.md:9:13: ce texte commence par " sans jamais le refermer ; ajoutez le " de fin',
    "docs/parcours/sav.md:8:4: « channel » n'est pas aligné sur « stage » (ligne 7) : les clés d'un même "
     'bloc commencent à la même colonne ; indentez cette clé avec des espaces, comme les autres clés de '
     'son bloc',
    "docs/personas/sophie.md:4:1: une tabulation : YAML n'indente qu'avec des espaces ; remplacez la "
     'tabulation par des espaces',
    "docs/chantiers/espace-client.md:4: le statut « en pause » doit être l'un de : idea, planned, "
     'in_progress, done, dropped (ou leur libellé : Idée, Planifié, En cours, Livré, Abandonné)',
    'docs/parcours/achat.md:10: le point de contact « t1 » cite le canal « webb », absent du référentiel '
     '(vouliez-vous dire « web » ?)',
    "docs/parcours/achat.md:17: le point de contact « t2 » : l'émotion « mitigé » n'est pas sur l'échelle "
     '(Enchantement, Plaisir, Satisfaction, Déception, Irritant)',
    'docs/parcours/achat.md:18: avertissement : « irritants » est écrit sur une ligne entre crochets : '
     "YAML l'a coupé à chaque virgule, en 2 éléments ; si « La FAQ parle de résiliation, pas de "
     'déménagement » est une seule phrase, écrivez un élément par ligne : « irritants: » puis, dessous, « '
     '- La FAQ parle de résiliation, pas de déménagement »',
    'docs/personas/quentin.md:4: avertissement : « goals » est écrit sur une ligne entre crochets : YAML '
     "l'a coupé à chaque virgule, en 2 éléments ; si « Partir léger, sans me ruiner » est une seule "
     'phrase, écrivez un élément par ligne : « goals: » puis, dessous, « - Partir léger, sans me ruiner »',
    'docs/chantiers/espace-client.md:6: avertissement : le parcours « achat-cible » est dans '
     "docs/parcours/achat-cible.md, illisible pour l'instant (voir ses problèmes plus haut) ; cette "
     'référence et 1 autre vers ce fichier seront vérifiées une fois celui-ci corrigé',
    'docs/chantiers/espace-client.md:6: avertissement : le parcours « demenagement » est dans '
     "docs/parcours/demenagement.md, illisible pour l'instant (voir ses problèmes plus haut) ; cette "
     'référence et 1 autre vers ce fichier seront vérifiées une fois celui-ci corrigé',
    'docs/chantiers/faq.md:7: avertissement : le chantier « rappel » est dans docs/chantiers/rappel.md, '
     "illisible pour l'instant (voir ses problèmes plus haut) ; cette référence sera vérifiée une fois ce "
     'fichier corrigé',
]

ENGLISH = [
    "docs/chantiers/rappel.md:6:1: 'status' is given twice in the same block (first at line 4); keep one, "
     "or, if this one belongs to another item, indent it like that item's keys",
    'docs/parcours/achat-cible.md:11:4: this list item is not lined up with the item of line 7: items of '
     "one list start their '-' at the same column (column 3 there)",
    "docs/parcours/demenagement.md:13:21: the text of 'action' holds ': ', which YAML reads as the start "
     'of another key; put the text in quotes: action: "Facture : double prélèvement"',
    "docs/parcours/location.md:10:16: the '[' opened here is never closed; end the list with ']' on the "
     "same line, or write one item a line, each starting with '- '",
    'docs/parcours/retour.md:9:13: this text opens with " and never closes it; end it with " too',
    "docs/parcours/sav.md:8:4: 'channel' is not lined up with 'stage' (line 7): keys of one block start "
     'at the same column; indent it with spaces like the keys it belongs with',
    'docs/personas/sophie.md:4:1: a tab character: YAML indents with spaces only; replace the tab with '
     'spaces',
    "docs/chantiers/espace-client.md:4: status 'en pause' must be one of idea, planned, in_progress, "
     'done, dropped (or their labels: Idea, Planned, In progress, Done, Dropped)',
    "docs/parcours/achat.md:10: touchpoint 't1' names channel 'webb', which the referential lacks (did "
     "you mean 'web'?)",
    "docs/parcours/achat.md:17: touchpoint 't2': emotion 'mitigé' is not on the scale (Delight, Pleasure, "
     'Satisfaction, Disappointment, Irritation)',
    "docs/parcours/achat.md:18: warning: 'irritants' is written on one line between brackets, so YAML cut "
     "it at each comma into 2 items; if 'La FAQ parle de résiliation, pas de déménagement' is one "
     "sentence, write one item a line: 'irritants:' then, below it, '  - La FAQ parle de résiliation, pas "
     "de déménagement'",
    "docs/personas/quentin.md:4: warning: 'goals' is written on one line between brackets, so YAML cut it "
     "at each comma into 2 items; if 'Partir léger, sans me ruiner' is one sentence, write one item a "
     "line: 'goals:' then, below it, '  - Partir léger, sans me ruiner'",
    "docs/chantiers/espace-client.md:6: warning: journey 'achat-cible' is in "
     'docs/parcours/achat-cible.md, which cannot be read (see its problems above); this reference and 1 '
     'other to that file are checked once it is fixed',
    "docs/chantiers/espace-client.md:6: warning: journey 'demenagement' is in "
     'docs/parcours/demenagement.md, which cannot be read (see its problems above); this reference and 1 '
     'other to that file are checked once it is fixed',
    "docs/chantiers/faq.md:7: warning: workstream 'rappel' is in docs/chantiers/rappel.md, which cannot be "
     'read (see its problems above); this reference is checked once that file is fixed',
]


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def mistakes(make_site):
    """``mistakes(language)`` -> the build of the site of mistakes in ``language``."""
    def run(language: str):
        root = make_site(MISTAKES_SITE, MISTAKES_CONFIG.replace("language: fr", f"language: {language}"))
        return build_site(read_site_config(root / "mkdocs.yml"))
    return run


def test_a_french_site_of_mistakes_reads_in_french_causes_first(mistakes) -> None:
    result = mistakes("fr")
    assert [plain(str(p)) for p in result.problems] == FRENCH
    layers = [p.layer for p in result.problems]
    assert layers == sorted(layers) and set(layers) == {FILE, CONTENT, REFERENCE}  # what broke first
    assert all(p.column for p in result.problems if p.layer == FILE)  # YAML says where, to the column


def test_the_same_site_in_english_reads_in_english(mistakes) -> None:
    assert [str(p) for p in mistakes("en").problems] == ENGLISH


def test_nothing_is_reported_twice(mistakes) -> None:
    problems = mistakes("fr").problems
    assert len({(p.path, p.line, p.message) for p in problems}) == len(problems)
    # a reference into a file that cannot be read is never "does not exist", nor a did-you-mean
    for problem in problems:
        assert "n'existe pas" not in problem.message and "vouliez-vous" not in problem.message or \
            problem.path == "docs/parcours/achat.md"
    # one line per file that cannot be read and that others reference
    waiting = [p for p in problems if p.layer == REFERENCE]
    assert sorted(re.search(r"est dans (\S+),", p.message).group(1) for p in waiting) == [
        "docs/chantiers/rappel.md", "docs/parcours/achat-cible.md", "docs/parcours/demenagement.md"]


def test_values_written_as_people_say_them_need_no_fix(mistakes) -> None:
    site = mistakes("fr").site
    quentin = site.personas["quentin"]
    assert quentin.channels == ("web", "magasin")  # Site web, Magasin
    achat = site.journeys["achat"]
    assert achat.state == "current"  # actuel
    assert [(t.stage, t.channel, t.emotion) for t in achat.touchpoints] == [
        ("recherche", "webb", "plaisir"),  # content is a pleasure, never a delight
        ("choix", "telephone", None),      # Choix, Téléphone; mitigé is on no scale
        ("apres-vente", "email", "deception")]  # après-vente, E-mail, déçu
    faq = site.chantiers["faq"]
    assert (faq.status, faq.quarter) == ("in_progress", "2027-Q1")  # en cours, T1 2027
    assert site.chantiers["espace-client"].objectives == ("fidelisation",)


def test_check_and_mkdocs_build_see_the_same_problems(make_site, capsys) -> None:
    root = make_site(MISTAKES_SITE, MISTAKES_CONFIG)
    assert main(["check", str(root)]) == 1
    lines = [plain(line) for line in capsys.readouterr().err.splitlines()]
    assert lines[:-1] == FRENCH
    assert lines[-1] == "10 erreurs, 5 avertissements dans 14 fichiers"


def test_french_typography() -> None:
    """French messages put a non-breaking space before : ; ? ! and inside « », and quote with « »."""
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "journeysite.po").open("rb") as po:
        catalogue = read_po(po, locale="fr")
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        for text in [message.string] if isinstance(message.string, str) else message.string:
            if "%(" in text:  # argparse's own words keep its placeholders
                text = re.sub(r"%\(\w+\)\w", "x", text)
            if re.search(r" [:;?!]|«[^\u00a0]|[^\u00a0]»|'\{\w+\}'", text):
                wrong.append(text)
    assert not wrong, "\n".join(wrong)
