"""`labels:` in course.yml: the words coursekit adds, in the course's language, on every output (and CK507)."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import COURSE_YML, FIXTURES, MODULE, ProjectFactory
from tests.pdf_support import read
from toolkit.build import BuildSettings, run_build
from toolkit.check import run_check
from toolkit.labels import ENGLISH, Labels

# Test data only: every label in Spanish, so no English word coursekit adds is left.
SPANISH = {
    "red_flags_title": "Pida ayuda ya si nota alguno de estos signos",
    "exercise": "Ejercicio",
    "exercise_titled": "Ejercicio: {title}",
    "tip": "Consejo",
    "caution": "Precaución",
    "quiz_heading": "Compruebe lo que sabe",
    "what_you_will_learn": "Lo que aprenderá",
    "key_points": "Puntos clave",
    "questions": "Preguntas para su equipo de salud",
    "sources": "Fuentes",
    "glossary": "Glosario",
    "agenda": "Programa",
    "agenda_module": "Módulo",
    "agenda_time": "Hora",
    "agenda_total": "Total",
    "module_number": "Módulo {number}",
    "module_titled": "Módulo {number}: {title}",
    "module_of": "Módulo {number} de {total}",
    "version": "Versión {version}",
    "reviewed": "Revisado el {date}",
    "next_review": "Próxima revisión el {date}",
    "contact_phone": "Teléfono",
    "contact_email": "Correo",
    "contact_website": "Web",
    "contact_address": "Dirección",
    "duration_minute": "{minutes} minuto",
    "duration_minutes": "{minutes} minutos",
    "duration_hour": "{hours} hora",
    "duration_hours": "{hours} horas",
    "date": "{day} de {month} de {year}",
    "month_1": "enero", "month_2": "febrero", "month_3": "marzo", "month_4": "abril", "month_5": "mayo",
    "month_6": "junio", "month_7": "julio", "month_8": "agosto", "month_9": "septiembre", "month_10": "octubre",
    "month_11": "noviembre", "month_12": "diciembre",
    "site_call_button": "Llamar al {line}",
    "site_quiz_check": "Comprobar mi respuesta",
    "site_quiz_show_answer": "Ver la respuesta",
    "site_quiz_answer_is": "La respuesta es:",
    "site_quiz_right": "Sí, es correcto.",
    "site_quiz_wrong": "No del todo. Vuelva a mirar e inténtelo de nuevo.",
    "site_quiz_several": "Hay más de una respuesta correcta: marque cada una.",
    "site_quiz_choose": "Elija primero una respuesta.",
    "site_about_duration": "Unos {duration}",
    "site_downloads_lead": "Para imprimir o presentar:",
    "site_objectives_lead": "En este módulo aprenderá a:",
    "site_audience": "Para: {audience}",
    "site_downloads": "Descargas",
    "site_getting_help": "Cómo pedir ayuda",
    "site_help_banner": "Si nota alguna de las {signs}:",
    "site_help_signs": "señales de alarma",
    "site_warning_signs_more": "Las señales se explican en {module}.",
    "site_written_by": "Escrito por {authors}.",
    "site_reviewed_by": "Revisado clínicamente por {reviewer}.",
    "site_glossary_link": "Glosario: las palabras que usa este curso",
    "site_sources_link": "Fuentes: de dónde vienen los datos",
    "site_about_course": "Sobre este curso",
    "site_glossary_intro": "Las palabras médicas que usa este curso, en lenguaje sencillo.",
    "site_glossary_also": "También se escribe: {forms}",
    "site_glossary_letters": "Ir a una letra",
    "site_sources_intro": "Las guías y folletos en los que se basa cada módulo.",
    "site_courses": "Cursos",
    "site_all_courses": "Todos los cursos",
    "site_course_size": "{modules} módulos · unos {duration}",
    "site_course_size_one": "{modules} módulo · unos {duration}",
    "site_download_handout": "Folleto (PDF)",
    "site_download_large_print": "Folleto en letra grande (PDF)",
    "site_download_slides": "Diapositivas (PowerPoint)",
    "site_download_booklet": "Cuadernillo: todos los módulos (PDF)",
    "site_download_workshop": "Diapositivas del taller: todo el curso (PowerPoint)",
    "slides_red_flags_title": "Pida ayuda ya",
    "slides_instruction_words": "llame, vaya, pida, diga, pregunte, consulte, pare, no, nunca",
    "slides_quiz": "Comprobación rápida",
    "slides_quiz_answer": "{quiz}: la respuesta",
    "slides_answer": "Respuesta: {answer}",
    "slides_answers": "Respuestas: {answers}",
    "slides_closing_title": "Gracias",
    "slides_urgent": "Urgente",
    "slides_online_course": "Curso en línea",
    "slides_qr_alt": "Código QR que lleva al curso en línea en {address}",
    "slides_agenda_item": "{title} ({minutes} min)",
    "slides_agenda_end": "Fin",
    "slides_untitled": "Sin título",
    "slides_title_in_module": "{title} · módulo {number}",
    "slides_notes_workshop": "El taller dura {minutes} minutos y tiene {modules} módulos.",
    "slides_notes_workshop_one": "El taller dura {minutes} minutos y tiene {modules} módulo.",
    "slides_notes_agenda": "Tiempo total: {minutes} minutos. Las horas cuentan desde el inicio del taller.",
    "slides_notes_closing": "Dé las gracias al grupo. Señale los datos de contacto y el curso en línea.",
    "handout_question": "Pregunta",
    "handout_leaflet": "Folleto {id}",
    "handout_cover": "Portada",
    "handout_contents": "Índice",
    "handout_notes": "Notas",
    "handout_back_cover": "Contraportada",
    "handout_contact": "Cómo contactar con nosotros",
    "handout_booklet_glossary": "Palabras usadas en este cuadernillo",
    "handout_glossary": "Palabras usadas en este folleto",
    "handout_logo_alt": "Logotipo de {clinic}",
    "handout_qr_course": "Haga este curso en línea",
    "handout_qr_module": "Lea esta lección en línea",
    "handout_qr_scan": "Escanee el código con la cámara del móvil o escriba esta dirección:",
    "handout_qr_alt_course": "Código QR: escanéelo con el móvil para abrir el curso en línea «{title}» en {address}",
    "handout_qr_alt_module": "Código QR: escanéelo con el móvil para abrir la lección en línea «{title}» en {address}",
    "handout_exercises": "Ejercicios para hacer en casa",
    "handout_exercises_lead": "Marque cada paso cuando lo haga.",
    "handout_quiz_lead": "Marque una respuesta en cada pregunta. Las respuestas están al final de este folleto.",
    "handout_quiz_lead_booklet": "Marque una respuesta en cada pregunta. Las respuestas están al final de este módulo.",
    "handout_quiz_lead_several": ("Marque la respuesta correcta de cada pregunta, o cada respuesta correcta si la pregunta "
                                  "dice que hay más de una. Las respuestas están al final de este folleto."),
    "handout_quiz_lead_booklet_several": ("Marque la respuesta correcta de cada pregunta, o cada respuesta correcta si la "
                                          "pregunta dice que hay más de una. Las respuestas están al final de este módulo."),
    "handout_quiz_several": "Hay más de una respuesta correcta: marque cada una.",
    "handout_answers": "Respuestas",
    "handout_page": "Página {page} de {pages}",
    "handout_red_flags_from": "Estos signos de alarma se explican en el módulo «{title}».",
    "guide_title": "{course}: guía para quien dirige el taller",
    "guide_eyebrow": "Para quien dirige el taller. No es para los participantes.",
    "guide_audience": "Para quién es:",
    "guide_minutes": "Minutos",
    "guide_objectives": "Objetivos",
    "guide_exercises": "Ejercicios",
    "guide_notes": "Notas del orador",
    "guide_no_notes": "Este módulo no tiene notas del orador.",
    "guide_quiz_answers": "Respuestas de las preguntas",
    "guide_materials": "Lista de materiales",
    "guide_materials_handouts": "Los folletos de los módulos ({modules} módulos), un juego por participante",
    "guide_materials_handouts_one": "El folleto del módulo ({modules} módulo), uno por participante",
    "guide_materials_large_print": "Folletos en letra grande para quien los pida",
    "guide_materials_booklet": "El cuadernillo con todos los módulos",
    "guide_materials_slides": "Las diapositivas del taller (workshop.pptx), en un portátil con proyector o pantalla",
    "guide_materials_pens": "Bolígrafos o lápices para las preguntas",
    "guide_materials_exercises": "Sillas sin brazos y esterillas, con espacio para moverse",
    "guide_warning_signs": "Las señales de alarma que enseñar, y qué hacer",
    "guide_materials_emergency": "El número de urgencias ({line}) escrito donde todos lo vean",
    "guide_materials_cards": "Tarjetas con el número de la clínica ({phone}) para llevar a casa",
    "guide_materials_before": "Antes de la sesión, prepare:",
    "guide_materials_module": "Qué preparar para este módulo",
    "guide_materials_print": "{title}: imprima {file}",
    "guide_materials_copies": "{item}, {copies}",
    "guide_materials_in_modules": "(módulo {numbers})",
    "handout_wallet_card": "Tarjeta de bolsillo con las señales de alarma",
    "handout_wallet_card_heading": "Señales de alarma",
    "handout_wallet_card_print": "Imprima por las dos caras (girando por el lado largo) y recorte por las marcas.",
}

SPANISH_COURSE = (COURSE_YML.replace("language: en-GB", "language: es")
                  + "labels:\n"
                  + "".join(f"  {key}: \"{value}\"\n" for key, value in SPANISH.items()))

# The small module, with a quiz, an exercise and an untitled tip, so every kind of label is shown.
MODULE_WITH_BLOCKS = MODULE + """
::: tip
Walk with a friend.
:::

::: exercise Knee hug
1. Lie on your back.
2. Pull one knee to your chest.
:::

::: quiz
How often should you walk?

- [ ] Never
- [x] Each day
:::
"""

# English words a Spanish reader would notice; each is a default the Spanish labels replace.
ENGLISH_WORDS = [ENGLISH.red_flags_title, ENGLISH.key_points, ENGLISH.sources, ENGLISH.what_you_will_learn,
                 ENGLISH.quiz_heading, ENGLISH.site_quiz_check, ENGLISH.site_quiz_show_answer, ENGLISH.tip,
                 "Exercise:", "Module 1", "minutes", ENGLISH.site_getting_help, ENGLISH.site_about_course,
                 ENGLISH.slides_closing_title, ENGLISH.slides_quiz, ENGLISH.agenda, ENGLISH.handout_answers,
                 ENGLISH.handout_exercises, ENGLISH.handout_qr_scan, "Version", "Reviewed", "November",
                 ENGLISH.guide_materials, ENGLISH.guide_notes, "Phone", "Page"]


class _ArticleText(HTMLParser):
    """The text inside a page's `<article>`, and the values of its `data-ck-*` attributes (the quiz's words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if self.depth:
            self.parts.extend(v for k, v in attrs if v and k.startswith("data-ck-") and k != "data-ck-correct")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def _article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _words(text: str) -> str:
    """Text with its white space made single spaces, as PDF text extraction breaks lines anywhere."""
    return " ".join(text.split())


def _absent(text: str) -> list[str]:
    """The English words from ENGLISH_WORDS found in ``text`` (as whole words)."""
    return [w for w in ENGLISH_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def test_the_spanish_test_data_sets_every_label() -> None:
    assert sorted(SPANISH) == sorted(Labels.model_fields)


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Spanish course with every label set, built to site, slides, handouts and guide."""
    base = tmp_path_factory.mktemp("spanish")
    course = base / "project" / "courses" / "small"
    (course / "modules").mkdir(parents=True)
    config = (FIXTURES / "site-hostile" / "mkdocs.yml").read_text()
    (base / "project" / "mkdocs.yml").write_text(config + "site_url: https://example.org/curso/\n")
    (course / "course.yml").write_text(SPANISH_COURSE)
    (course / "modules" / "01-keep-moving.md").write_text(textwrap.dedent(MODULE_WITH_BLOCKS))
    out = base / "out"
    result = run_build(base / "project", BuildSettings(out=out, jobs=1))
    assert result.ok, result.diagnostics.format_text(base / "project")
    assert "CK507" not in result.diagnostics.format_text(base / "project")
    return out


def test_the_site_shows_the_spanish_labels(spanish_build: Path) -> None:
    module = _article_text((spanish_build / "site" / "small" / "keep-moving" / "index.html").read_text())
    for label in ("red_flags_title", "key_points", "sources", "site_quiz_check", "site_quiz_show_answer",
                  "site_quiz_right", "site_quiz_wrong", "site_objectives_lead", "tip"):
        assert SPANISH[label] in module, label
    assert "Ejercicio: Knee hug" in module and "Módulo 1 de 1" in module and "Unos 10 minutos" in module
    assert "Revisado el 1 de noviembre de 2026" in module
    assert _absent(module) == []
    front = _article_text((spanish_build / "site" / "index.html").read_text())
    for label in ("agenda", "agenda_total", "site_getting_help", "site_about_course", "contact_phone"):
        assert SPANISH[label] in front, label
    assert _absent(front) == []


def _titles_and_notes(path: Path) -> tuple[list[str], str]:
    deck = Presentation(str(path))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
    return titles, notes


def test_the_decks_show_the_spanish_labels(spanish_build: Path) -> None:
    titles, notes = _titles_and_notes(spanish_build / "slides" / "small" / "keep-moving.pptx")
    assert {"Lo que aprenderá", SPANISH["red_flags_title"], "Ejercicio: Knee hug", "Comprobación rápida", "Puntos clave"} <= set(titles)
    assert "Respuesta: B. Each day" in notes
    workshop, notes = _titles_and_notes(spanish_build / "slides" / "small" / "workshop.pptx")
    assert workshop[1] == "Programa" and workshop[-1] == "Gracias"
    assert "Puntos clave · módulo 1" in workshop
    assert SPANISH["slides_notes_closing"] in notes
    assert _absent(" | ".join(titles + workshop)) == []


def test_the_handouts_and_the_guide_show_the_spanish_labels(spanish_build: Path) -> None:
    handout = _words(" ".join(p.extract_text() for p in read(spanish_build / "handouts/small/keep-moving.pdf").pages))
    for label in ("red_flags_title", "key_points", "sources", "handout_exercises", "handout_qr_scan"):
        assert SPANISH[label] in handout, label
    assert "Versión 1.0.0" in handout and "Revisado el 1 de noviembre de 2026" in handout
    assert "Página 1 de 1" in handout  # the print CSS's page counter, with the label's words
    assert _absent(handout) == []
    booklet = _words(" ".join(p.extract_text() for p in read(spanish_build / "handouts/small/booklet.pdf").pages))
    for label in ("handout_answers", "quiz_heading", "handout_question"):  # the quiz is in the full lesson
        assert SPANISH[label] in booklet, label
    guide = _words(" ".join(p.extract_text() for p in read(spanish_build / "guide/small/facilitator-guide.pdf").pages))
    for label in ("agenda", "guide_notes", "guide_materials", "guide_quiz_answers", "guide_objectives"):
        assert SPANISH[label] in guide, label
    assert _absent(guide) == []


def test_an_unknown_label_is_an_error_at_its_line_with_the_closest_key(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "labels:\n  key_points: Puntos clave\n  key_pionts: Puntos\n")
    found = run_check(root).diagnostics
    text = found.format_text(root)
    line = COURSE_YML.count("\n") + 3
    assert f"courses/small/course.yml:{line}:3: error[CK101]: unknown field `labels.key_pionts`" in text
    assert "Did you mean `key_points`?" in text


def test_a_label_must_keep_the_placeholders_of_its_english_words(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "labels:\n  duration_minutes: \"{minutos} minutos\"\n")
    text = run_check(root).diagnostics.format_text(root)
    line = COURSE_YML.count("\n") + 2
    assert re.search(rf"courses/small/course.yml:{line}:\d+: error\[CK\d+\]: `labels.duration_minutes`: expected text "
                     r"with `\{minutes\}`", text), text


def _ck507(root: Path) -> list[str]:
    return [d.format() for d in run_check(root).diagnostics if d.code == "CK507"]


def test_a_spanish_course_that_leaves_labels_in_english_is_warned_at_its_language_line(make_project: ProjectFactory) -> None:
    course_yml = COURSE_YML.replace("language: en-GB", "language: es") + "labels:\n  key_points: Puntos clave\n"
    found = _ck507(make_project(course_yml=course_yml))
    line = COURSE_YML.splitlines().index("language: en-GB") + 1
    total = len(Labels.model_fields)
    assert len(found) == 1
    assert found[0].startswith(f"courses/small/course.yml:{line}:1: warning[CK507]: `language: es`, "
                               f"but {total - 1} of the {total} words coursekit adds are still in English")
    assert "`red_flags_title`" in found[0] and "`key_points`" not in found[0]


def test_english_courses_and_fully_labelled_courses_are_not_warned(make_project: ProjectFactory, tmp_path: Path) -> None:
    assert _ck507(make_project()) == []
    assert _ck507(make_project(course_yml=COURSE_YML.replace("language: en-GB", "language: en-US"))) == []
    full = COURSE_YML.replace("language: en-GB", "language: es") + "labels:\n" + "".join(
        f"  {key}: \"{value}\"\n" for key, value in SPANISH.items())
    assert _ck507(make_project(course_yml=full)) == []


def test_a_course_of_one_module_is_counted_in_the_singular(make_project: ProjectFactory) -> None:
    from toolkit.handouts.plan import plan_guide
    from toolkit.slides import fit
    from toolkit.slides.geometry import DEFAULT_GEOMETRY
    from toolkit.slides.plan import plan_workshop_deck

    course = run_check(make_project()).project.courses[0]
    assert len(course.modules) == 1
    guide = plan_guide(course, paper="a4", created=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc))
    assert guide.materials[0].text == "The module handout (1 module), one for each learner"
    metrics = fit.load_metrics("fontpkg_atkinson_hyperlegible", "Atkinson Hyperlegible")
    workshop, _ = plan_workshop_deck(course, DEFAULT_GEOMETRY, metrics, qr_png=lambda url: b"png")
    assert "The workshop takes 10 minutes over 1 module." in workshop.slides[0].notes
    assert ENGLISH.modules(ENGLISH.site_course_size, ENGLISH.site_course_size_one, 1, duration="10 minutes") == \
        "1 module · about 10 minutes"
    assert ENGLISH.modules(ENGLISH.site_course_size, ENGLISH.site_course_size_one, 2, duration="20 minutes") == \
        "2 modules · about 20 minutes"


def test_english_defaults_are_todays_words() -> None:
    assert ENGLISH.duration(1) == "1 minute" and ENGLISH.duration(75) == "1 hour 15 minutes"
    assert ENGLISH.duration(120) == "2 hours"
    assert Labels(date="{month} {day}, {year}").long_date(dt.date(2026, 11, 1)) == "November 1, 2026"
