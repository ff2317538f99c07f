"""The words coursekit adds around a course's content; English unless course.yml sets them.

`labels:` in `course.yml` may set any of these fields. A value written with
`{name}` parts (str.format placeholders) has the value filled in where it is
shown: `duration_minutes: "{minutes} minutos"`. Its placeholders must be exactly
those of the English default, so a translation cannot lose or invent a value.
"""

from __future__ import annotations

import string

from pydantic import ValidationInfo, field_validator

from toolkit.fields import Strict, Text


def placeholders(text: str) -> frozenset[str] | None:
    """The `{name}` placeholders in ``text``; None when a brace is unmatched or a placeholder has a format
    (`{minutes:>9}`, `{minutes!r}`): labels come from the course and may only name values."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return None
    if any(spec or conversion for _, name, spec, conversion in parts if name is not None):
        return None
    return frozenset(name for _, name, _, _ in parts if name is not None)


class Labels(Strict):
    """Every word and phrase the site, the decks, the handouts and the guide add around the content.

    Names start with where the words appear: `site_`, `slides_`, `handout_`,
    `guide_`; names without such a start appear in more than one output.
    """

    # Shared by several outputs
    red_flags_title: Text = "Get help at once if you notice any of these"
    exercise: Text = "Exercise"
    exercise_titled: Text = "Exercise: {title}"
    tip: Text = "Tip"
    caution: Text = "Caution"
    quiz_heading: Text = "Check your understanding"
    what_you_will_learn: Text = "What you will learn"
    key_points: Text = "Key points"
    questions: Text = "Questions to ask your care team"
    sources: Text = "Sources"
    glossary: Text = "Glossary"
    agenda: Text = "Agenda"
    agenda_module: Text = "Module"
    agenda_time: Text = "Time"
    agenda_total: Text = "Total"
    module_number: Text = "Module {number}"
    module_titled: Text = "Module {number}: {title}"
    module_of: Text = "Module {number} of {total}"
    version: Text = "Version {version}"
    reviewed: Text = "Reviewed {date}"
    next_review: Text = "Next review {date}"
    contact_phone: Text = "Phone"
    contact_email: Text = "Email"
    contact_website: Text = "Website"
    contact_address: Text = "Address"
    duration_minute: Text = "{minutes} minute"
    duration_minutes: Text = "{minutes} minutes"
    duration_hour: Text = "{hours} hour"
    duration_hours: Text = "{hours} hours"
    date: Text = "{day} {month} {year}"
    month_1: Text = "January"
    month_2: Text = "February"
    month_3: Text = "March"
    month_4: Text = "April"
    month_5: Text = "May"
    month_6: Text = "June"
    month_7: Text = "July"
    month_8: Text = "August"
    month_9: Text = "September"
    month_10: Text = "October"
    month_11: Text = "November"
    month_12: Text = "December"

    # The course site
    site_call_button: Text = "Phone {line}"
    site_quiz_check: Text = "Check my answer"
    site_quiz_show_answer: Text = "Show the answer"
    site_quiz_answer_is: Text = "The answer is:"
    site_quiz_right: Text = "Yes, that is right."
    site_quiz_wrong: Text = "Not quite. Have another look and try again."
    site_quiz_several: Text = "More than one answer is right: tick each one."
    site_quiz_choose: Text = "Choose an answer first."
    site_about_duration: Text = "About {duration}"
    site_downloads_lead: Text = "To print or present:"
    site_objectives_lead: Text = "In this module you will learn to:"
    site_audience: Text = "For: {audience}"
    site_downloads: Text = "Downloads"
    site_getting_help: Text = "Getting help"
    site_help_banner: Text = "If you notice any of the {signs}:"
    site_help_signs: Text = "warning signs"
    site_warning_signs_more: Text = "The signs are explained in {module}."
    site_written_by: Text = "Written by {authors}."
    site_reviewed_by: Text = "Clinically reviewed by {reviewer}."
    site_glossary_link: Text = "Glossary: the words this course uses"
    site_sources_link: Text = "Sources: where the facts come from"
    site_about_course: Text = "About this course"
    site_glossary_intro: Text = "The medical words this course uses, in plain language."
    site_glossary_also: Text = "Also written: {forms}"
    site_glossary_letters: Text = "Jump to a letter"
    site_sources_intro: Text = "The guidelines and leaflets each module is based on."
    site_courses: Text = "Courses"
    site_all_courses: Text = "All courses"
    site_course_size: Text = "{modules} modules · about {duration}"
    site_course_size_one: Text = "{modules} module · about {duration}"
    site_download_handout: Text = "Handout (PDF)"
    site_download_large_print: Text = "Large-print handout (PDF)"
    site_download_slides: Text = "Slides (PowerPoint)"
    site_download_booklet: Text = "Booklet: every module (PDF)"
    site_download_workshop: Text = "Workshop slides: the whole course (PowerPoint)"

    # The slide decks
    slides_red_flags_title: Text = "Get help at once"
    # A sentence that starts with one of these words is an instruction: a slide always shows it.
    slides_instruction_words: Text = ("call, ring, phone, dial, go, get, tell, say, ask, see, book, stop, "
                                      "contact, seek, do not, don't, never")
    slides_quiz: Text = "Quick check"
    slides_quiz_answer: Text = "{quiz}: the answer"
    slides_answer: Text = "Answer: {answer}"
    slides_answers: Text = "Answers: {answers}"
    slides_closing_title: Text = "Thank you"
    slides_urgent: Text = "Urgent"
    slides_online_course: Text = "Online course"
    slides_qr_alt: Text = "QR code linking to the online course at {address}"
    slides_agenda_item: Text = "{title} ({minutes} min)"
    slides_agenda_end: Text = "End"
    slides_untitled: Text = "Untitled"
    slides_title_in_module: Text = "{title} · module {number}"
    slides_notes_workshop: Text = "The workshop takes {minutes} minutes over {modules} modules."
    slides_notes_workshop_one: Text = "The workshop takes {minutes} minutes over {modules} module."
    slides_notes_agenda: Text = "Total time: {minutes} minutes. Times are from the start of the workshop."
    slides_notes_closing: Text = "Thank the group. Point out the contact details and the online course."

    # The handouts and the booklet
    handout_question: Text = "Question"
    handout_leaflet: Text = "Leaflet {id}"
    handout_cover: Text = "Cover"
    handout_contents: Text = "Contents"
    handout_booklet_glossary: Text = "Words used in this booklet"
    handout_notes: Text = "Notes"
    handout_back_cover: Text = "Back cover"
    handout_contact: Text = "How to contact us"
    handout_glossary: Text = "Words used in this handout"
    handout_logo_alt: Text = "{clinic} logo"
    handout_qr_course: Text = "Take this course online"
    handout_qr_module: Text = "Read this lesson online"
    handout_qr_scan: Text = "Scan the code with your phone's camera, or type this address:"
    handout_qr_alt_course: Text = "QR code: scan it with a phone camera to open the online course “{title}” at {address}"
    handout_qr_alt_module: Text = "QR code: scan it with a phone camera to open the online lesson “{title}” at {address}"
    handout_exercises: Text = "Exercises to try at home"
    handout_exercises_lead: Text = "Tick each step as you do it."
    handout_quiz_lead: Text = "Tick one answer for each question. The answers are at the end of this handout."
    handout_quiz_lead_booklet: Text = "Tick one answer for each question. The answers are at the end of this module."
    # When a question has more than one right answer: the lead, and the note under that question.
    handout_quiz_lead_several: Text = ("Tick the right answer for each question, or each right answer where a question "
                                       "says there is more than one. The answers are at the end of this handout.")
    handout_quiz_lead_booklet_several: Text = ("Tick the right answer for each question, or each right answer where a "
                                               "question says there is more than one. The answers are at the end of this module.")
    handout_quiz_several: Text = "More than one answer is right: tick each one."
    handout_answers: Text = "Answers"
    handout_page: Text = "Page {page} of {pages}"
    handout_red_flags_from: Text = "These warning signs are explained in the module “{title}”."

    # The facilitator guide
    guide_title: Text = "{course}: facilitator guide"
    guide_eyebrow: Text = "For the person running the workshop. Not for learners."
    guide_audience: Text = "Who it is for:"
    guide_minutes: Text = "Minutes"
    guide_objectives: Text = "Objectives"
    guide_exercises: Text = "Exercises"
    guide_notes: Text = "Speaker notes"
    guide_no_notes: Text = "This module has no speaker notes."
    guide_quiz_answers: Text = "Quiz answers"
    guide_materials: Text = "Checklist of materials"
    guide_materials_handouts: Text = "The module handouts ({modules} modules), one set for each learner"
    guide_materials_handouts_one: Text = "The module handout ({modules} module), one for each learner"
    guide_materials_large_print: Text = "Large-print handouts for anyone who asks for them"
    guide_materials_booklet: Text = "The booklet with every module, for learners who want it all in one place"
    guide_materials_slides: Text = "The workshop slides (workshop.pptx), on a laptop and a projector or screen"
    guide_materials_pens: Text = "Pens or pencils for the quiz worksheets"
    guide_materials_exercises: Text = "Chairs without arms and floor mats, with space to move, for the exercises"
    guide_warning_signs: Text = "The warning signs to teach, and what to do"
    guide_materials_emergency: Text = "The emergency line ({line}) written up where everyone can see it"
    guide_materials_cards: Text = "Cards with the clinic's number ({phone}) to take home"
    guide_materials_before: Text = "Before the session, prepare:"
    guide_materials_module: Text = "Prepare for this module"
    guide_materials_print: Text = "{title}: print {file}"
    guide_materials_copies: Text = "{item}, {copies}"
    guide_materials_in_modules: Text = "(module {numbers})"
    # The wallet card: the course's warning signs, each tier with its action, on cards to cut out.
    handout_wallet_card: Text = "Wallet card of the warning signs"
    handout_wallet_card_heading: Text = "Warning signs"
    handout_wallet_card_print: Text = "Print both sides (flip on the long edge), then cut along the marks."

    @field_validator("*")
    @classmethod
    def _same_placeholders(cls, value: str, info: ValidationInfo) -> str:
        """A label keeps exactly the `{name}` placeholders of its English default."""
        default = cls.model_fields[info.field_name].default  # type: ignore[index]
        wanted = placeholders(default) or frozenset()
        if placeholders(value) != wanted:
            names = ", ".join(f"`{{{n}}}`" for n in sorted(wanted)) or "no `{...}` placeholders"
            raise ValueError(f"expected text with {names}, as in {default!r}, got {value!r}; write `{{{{` and `}}}}` for a brace")
        return value

    @field_validator("handout_page")
    @classmethod
    def _page_before_pages(cls, value: str) -> str:
        """The print CSS puts the page number before the number of pages."""
        if value.index("{page}") > value.index("{pages}"):
            raise ValueError(f"`{{page}}` must come before `{{pages}}`, got {value!r}")
        return value

    def page_of(self) -> tuple[str, str, str]:
        """`handout_page` as the words before the page number, between the two numbers and after them."""
        literals = [literal for literal, _, _, _ in string.Formatter().parse(self.handout_page)]
        return literals[0], literals[1], "".join(literals[2:])

    def duration(self, total: int) -> str:
        """`45 minutes`, `1 hour 15 minutes`."""
        hours, rest = divmod(total, 60)
        parts = []
        if hours:
            parts.append((self.duration_hours if hours > 1 else self.duration_hour).format(hours=hours))
        if rest or not hours:
            parts.append((self.duration_minute if rest == 1 else self.duration_minutes).format(minutes=rest))
        return " ".join(parts)

    def modules(self, many: str, one: str, count: int, **values: object) -> str:
        """``many`` (a label for several modules) or ``one`` (its form for a single module), filled in."""
        return (one if count == 1 else many).format(modules=count, **values)

    def long_date(self, day) -> str:  # type: ignore[no-untyped-def]
        """`1 November 2026`, with the course's month names and order; never the machine's locale."""
        month = getattr(self, f"month_{day.month}")
        return self.date.format(day=day.day, month=month, year=day.year)

    def untranslated(self) -> list[str]:
        """The labels `course.yml` left unset, so still in English."""
        return [name for name in type(self).model_fields if name not in self.model_fields_set]


ENGLISH = Labels()
