"""Every rule of the lesson format, with its stable diagnostic code.

Codes are grouped by hundreds: CK0xx reading files, CK1xx fields, CK2xx course
and module structure, CK3xx media and links, CK4xx plain language, CK5xx
governance, CK6xx themes, CK7xx rendering. A code is never reused.
"""

from __future__ import annotations

from toolkit.diagnostics import Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {}


def _rule(code: str, severity: Severity, summary: str, hint: str) -> Rule:
    assert code not in RULES, code
    RULES[code] = rule = Rule(code, severity, summary, hint)
    return rule


# CK0xx: reading files
UNREADABLE = _rule("CK001", E, "A file cannot be read as UTF-8 text.",
                   "Save the file as UTF-8 text (in most editors: Save As, Encoding: UTF-8).")
YAML_SYNTAX = _rule("CK002", E, "YAML that cannot be parsed.",
                    "Check the indentation and that each line reads `name: value`; put text containing `: ` or `#` in quotes.")
YAML_DUPLICATE_KEY = _rule("CK003", E, "The same field is given twice in one place.",
                           "Keep one of the two lines and delete the other.")
YAML_ALIAS = _rule("CK004", E, "YAML anchors and aliases (`&name`, `*name`) are not allowed.",
                   "Write the value out in full where it is needed.")
YAML_TAG = _rule("CK005", E, "YAML tags (`!name`, `!!type`) are not allowed.",
                 "Remove the tag; write the plain value, in quotes if needed.")
FRONT_MATTER_MISSING = _rule("CK006", E, "A module must start with front matter between two `---` lines.",
                             "Put `---` on the first line, the module's fields below it, then `---` on a line of its own.")
FRONT_MATTER_UNCLOSED = _rule("CK007", E, "The front matter is never closed.",
                              "Add a line with only `---` after the last field.")
FRONT_MATTER_TOO_LARGE = _rule("CK008", E, "Front matter is larger than the limit.",
                               "Keep the front matter short; move long text into the module body.")
NOT_A_MAPPING = _rule("CK009", E, "A YAML file or front matter must be a list of `name: value` fields.",
                      "Write each field as `name: value` on its own line.")
FILE_TOO_LARGE = _rule("CK010", E, "A file is larger than the limit.",
                       "Split the module into smaller modules.")
CONTROL_CHARACTER = _rule("CK012", E, "Invisible control characters (such as NUL) in a file.",
                          "Delete the character; it usually comes from copying text out of another program.")

# CK1xx: fields
UNKNOWN_FIELD = _rule("CK101", E, "A field that the format does not know.",
                      "Check the spelling against the format reference, or remove the field.")
MISSING_FIELD = _rule("CK102", E, "A required field is missing.",
                      "Add the field; the format reference shows an example.")
WRONG_TYPE = _rule("CK103", E, "A field's value has the wrong type or form.",
                   "Change the value to the form the format reference shows.")
MATERIAL_UNKNOWN_PRINT = _rule("CK104", E, "`print:` in `materials:` names something coursekit cannot print.",
                               "Write `print: wallet-card`, or the path of a PNG, JPEG or SVG file from the course "
                               "folder, such as `print: media/body-outline.svg`.")

# CK2xx: course and module structure
DUPLICATE_MODULE_ID = _rule("CK201", E, "Two modules have the same id.",
                            "Rename one of the module files so each name (after its number) is different.")
MODULE_ID_CASE = _rule("CK202", E, "Two module ids differ only in upper and lower case.",
                       "Rename one of the files; ids are compared without case because some computers ignore it.")
MODULE_FILE_NAME = _rule("CK203", E, "A module file name must be `NN-words-with-dashes.md`.",
                         "Rename the file, for example `03-moving-well.md`: a number, a dash, then lower-case words joined by dashes.")
MODULE_NOT_FOUND = _rule("CK204", E, "`course.yml` lists a module file that does not exist.",
                         "Fix the name in `modules:` or create the module file.")
MODULE_NOT_LISTED = _rule("CK205", W, "A module file is not listed in `course.yml`.",
                          "Add the file to `modules:` in `course.yml`, or delete it.")
MODULE_ORDER = _rule("CK206", E, "Module numbers must follow the order in `course.yml` without repeats.",
                     "Renumber the files, or reorder `modules:`, so both agree.")
MODULE_LISTED_TWICE = _rule("CK207", E, "A module is listed twice in `course.yml`.",
                            "Remove the second entry.")
NO_SECTION = _rule("CK208", E, "A module has no section (`## heading`).",
                   "Add at least one `## heading` before the module's text.")
UNKNOWN_BLOCK = _rule("CK209", E, "A `:::` block with a name the format does not know.",
                      "Use one of: red-flags, exercise, quiz, notes, tip, caution, only.")
UNCLOSED_BLOCK = _rule("CK210", E, "A `:::` block is never closed.",
                       "Add a line with only `:::` where the block ends.")
QUIZ_NO_ANSWER = _rule("CK211", E, "A quiz has no correct answer.",
                       "Mark the right option with `- [x]`.")
QUIZ_ONE_OPTION = _rule("CK212", E, "A quiz needs at least two options.",
                        "Add more options as `- [ ] wrong answer` lines.")
QUIZ_NO_QUESTION = _rule("CK213", E, "A quiz must start with its question.",
                         "Write the question as the first line inside `::: quiz`.")
EXERCISE_NO_STEPS = _rule("CK214", E, "An exercise needs numbered steps.",
                          "Write the steps as a numbered list: `1. First step`, `2. Next step`.")
EXERCISE_NO_TITLE = _rule("CK215", E, "An exercise needs a title.",
                          "Write the title after the block name: `::: exercise Pelvic tilt`.")
NO_RED_FLAGS = _rule("CK216", E, "The course has no `red-flags` block.",
                     "Add a `::: red-flags` block listing the urgent warning signs to at least one module.")
EMPTY_BLOCK = _rule("CK217", E, "A `:::` block is empty.",
                    "Write the block's content between its opening line and `:::`, or remove it.")
BAD_ONLY_TARGET = _rule("CK218", E, "`::: only` names an output that does not exist.",
                        "Use `::: only site`, `::: only slides` or `::: only handout` (several may be joined with commas); "
                        "`leaflet` or `booklet` names one kind of handout.")
NO_MODULES = _rule("CK219", E, "The course has no modules.",
                   "Add a module file in `modules/`, for example with `coursekit new module`.")
NO_COURSES = _rule("CK220", E, "The project has no course.",
                   "Create a course folder in `courses/` with a `course.yml`, for example with `coursekit new`.")
RAW_HTML = _rule("CK221", W, "Raw HTML in a module is not shown as written.",
                 "Use the format's Markdown and blocks instead of HTML.")
HEADING_LEVEL = _rule("CK222", W, "Use `##` for sections and `###` for parts of them; `#` is the module title.",
                      "Change the heading to `##` (the module title comes from `title:` in the front matter).")
ATTRIBUTE_LIST = _rule("CK223", W, "Attribute lists (`{: ...}`, `{#id}`, `{.class}`) are not part of the format.",
                       "Remove the braces; the format's blocks (such as `::: tip`) give each output the right look.")
NESTED_TOO_DEEP = _rule("CK224", E, "Lists or quotes are nested more deeply than the limit.",
                        "Flatten the list: use fewer levels, or split it into several lists under `###` headings.")
QUIZ_OPTION_MALFORMED = _rule("CK226", E, "A line of a quiz looks like an option but is not one.",
                              "Write the option as a dash, a space, `[ ]` or `[x]`, a space, then its words: `- [x] Every 30 minutes`.")
PLACEHOLDER_TEXT = _rule("CK225", W, "A module still holds a placeholder sentence from `coursekit new module`.",
                         "Replace it with your own words, or delete it.")

# CK3xx: media and links
IMAGE_MISSING = _rule("CK301", E, "An image file does not exist.",
                      "Put the image in the course's `media/` folder and check the spelling of its name.")
PATH_ESCAPES = _rule("CK302", E, "A path leads outside the course folder.",
                     "Copy the file into the course's `media/` folder and point at it there.")
PATH_ABSOLUTE = _rule("CK303", E, "An absolute path is not allowed.",
                      "Use a path relative to the module, such as `../media/picture.png`.")
PATH_URL = _rule("CK304", E, "Images must be files in the course, not web addresses.",
                 "Download the image (if its licence allows), save it in `media/`, and point at that file.")
PATH_NOT_REGULAR = _rule("CK305", E, "An image path must name an ordinary file.",
                         "Point at an image file, not at a folder, link or device.")
IMAGE_FORMAT = _rule("CK306", E, "Only PNG, JPEG and SVG images are supported.",
                     "Save the image as PNG or JPEG.")
IMAGE_NO_ALT = _rule("CK307", E, "An image has no alt text.",
                     "Describe the picture between the square brackets: `![A nerve running down the leg](../media/nerve.png)`.")
LINK_UNRESOLVED = _rule("CK308", E, "A link to another module does not resolve.",
                        "Link to a module file that exists, such as `02-warning-signs.md`.")
ALT_IS_FILE_NAME = _rule("CK309", E, "Alt text must describe the picture, not repeat its file name.",
                         "Write what the picture shows, in a short sentence.")
LINK_SCHEME = _rule("CK310", E, "A link uses an address type that is not allowed.",
                    "Use `https://` web addresses or links to other modules.")
IMAGE_TOO_MANY_PIXELS = _rule("CK311", E, "An image has more pixels than the limit.",
                              "Resize the image; 2000 pixels across is plenty for every output.")
IMAGE_TOO_MANY_BYTES = _rule("CK312", E, "An image file is larger than the limit.",
                             "Save the image smaller (PNG for drawings, JPEG for photos), or resize it.")
IMAGE_UNREADABLE = _rule("CK313", E, "An image file is damaged, or is not the kind its name says.",
                         "Open the image in an image editor and save it again as PNG or JPEG with the matching name.")
SVG_UNSAFE = _rule("CK314", E, "An SVG image has a DOCTYPE, entities, scripts or links to other files.",
                   "Export the SVG again as plain SVG (or save it as PNG); it must not load anything else.")

# CK6xx: themes
THEME_NOT_FOUND = _rule("CK601", E, "The course's theme does not exist.",
                        "Use `theme: default`, or create `themes/<name>/theme.yml`.")
THEME_CONTRAST = _rule("CK602", E, "A text and background colour pair fails WCAG AA contrast (4.5:1).",
                       "Make the text colour darker or the background lighter (or the other way round) until the ratio is at least 4.5.")
THEME_ASSET_MISSING = _rule("CK603", E, "A file named in `theme.yml` does not exist in the theme folder.",
                            "Put the file in the theme folder or fix its name.")
THEME_FONT_MISSING = _rule("CK604", E, "The theme's font is not installed.",
                           "Install the font's Python package, or name an installed one in `font: package:`.")

# CK70x: site
HTML_TAG_REMOVED = _rule("CK700", W, "An HTML tag in a module was removed because it is not allowed.",
                         "Use the format's Markdown and blocks instead of HTML; scripts, frames, styles, forms and media tags are never shown.")
HTML_ATTRIBUTE_REMOVED = _rule("CK701", W, "An HTML attribute in a module was removed because it is not allowed.",
                               "Remove the attribute; event handlers (`on...`), styles, classes and ids are never shown.")
HTML_URL_REMOVED = _rule("CK702", W, "A link or address in a module's HTML was removed because its type is not allowed.",
                         "Use `https://`, `mailto:` or `tel:` addresses, or a Markdown link to another module.")
SITE_RESERVED_NAME = _rule("CK703", E, "A course or module name is also the name of a page or folder the site needs.",
                           "Rename the course folder or the module file (for example add a word to it).")
SITE_THEME_MIXED = _rule("CK704", W, "Courses in one site use different themes; the site uses the first course's theme.",
                         "Give every course the same `theme:` in `course.yml`, or build them as separate projects.")
SITE_PAGE_REPLACED = _rule("CK705", W, "A file in the MkDocs docs folder has the same address as a page coursekit makes.",
                           "Rename or remove the file; coursekit's page is used.")

# CK4xx: plain language
READING_GRADE_HIGH = _rule("CK401", E, "A module's reading grade is above the error level (default 10).",
                           "Rewrite the hardest sentences named here: split long sentences and use everyday words. "
                           "Aim for grade 8 or below; `checks: reading_grade_error` in `course.yml` sets the level.")
READING_GRADE_ABOVE_TARGET = _rule("CK402", W, "A module's reading grade is above the target (default 8).",
                                   "Rewrite the hardest sentences named here: split long sentences and use everyday words. "
                                   "`checks: reading_grade_warning` in `course.yml` sets the target.")
SENTENCE_TOO_LONG = _rule("CK403", W, "A sentence is longer than the limit (default 25 words).",
                          "Split the sentence in two, or turn it into a list.")
SENTENCES_LONG_ON_AVERAGE = _rule("CK404", W, "A module's sentences are too long on average (default over 20 words).",
                                  "Split the longest sentences; most sentences should have 15 words or fewer.")
COURSE_GRADE_ABOVE_TARGET = _rule("CK405", W, "The course's average reading grade is above the target (default 7).",
                                  "Simplify the modules with the highest grades (`coursekit report` lists them).")
JARGON_UNDEFINED = _rule("CK410", E, "A medical term is used without a glossary entry.",
                         "Add the term to the course's `glossary.yml` with a plain-language definition, "
                         "or say it in everyday words.")
RARE_WORD_UNEXPLAINED = _rule("CK411", W, "A word that is rare in everyday language is used without a glossary entry.",
                              "Add the word (or the term it is part of) to the course's `glossary.yml` with a "
                              "plain-language definition, or say it in everyday words; if your readers know it "
                              "(a place or a brand), add it to `checks: allowed_words` in `course.yml`.")
RARE_WORDS_UNCHECKED = _rule("CK412", Severity.INFO, "coursekit has no word frequencies for the course's language, "
                             "so it cannot find rare words.",
                             "Nothing to fix. Check the words yourself, and list the medical ones under "
                             "`checks: medical_words` in `course.yml` so the glossary must explain them.")
SUMMARY_TOO_LONG = _rule("CK420", W, "A module's summary is too long to read first (default over 40 words).",
                         "Cut the summary to one or two short sentences: the main thing the reader should know.")
HEADING_NOT_INFORMATIVE = _rule("CK421", W, "A heading does not say what its section is about.",
                                "Write a heading that tells the reader what they will learn, "
                                "such as `Why your leg feels numb` instead of `Overview`.")
NO_LIST = _rule("CK422", W, "A module uses no list.",
                "Turn steps, choices or warning signs into a bulleted or numbered list.")
NOT_ADDRESSED_TO_READER = _rule("CK423", W, "A module never speaks to the reader as “you”.",
                                "Write to the reader directly: “You may feel…”, “Your nerves…”.")
NO_ACTION = _rule("CK424", W, "A module does not ask the reader to do anything.",
                  "Add an exercise or at least one instruction that starts with a verb, such as “Walk for ten minutes each day.”")

# CK5xx: governance
GOVERNANCE_FIELD_MISSING = _rule("CK501", E, "`course.yml` lacks a field the clinical sign-off needs.",
                                 "Add the field to `course.yml`: version, reviewer, reviewed, next_review, "
                                 "disclaimer, contact and emergency are all required.")
REVIEW_OVERDUE = _rule("CK502", E, "The course's next review date has passed.",
                       "Have the course reviewed, then update `reviewed:` and `next_review:` in `course.yml`.")
REVIEW_DUE_SOON = _rule("CK503", W, "The course's next review is due soon (default within 60 days).",
                        "Book the review with the clinical reviewer before `next_review:`.")
REVIEWED_IN_FUTURE = _rule("CK504", E, "The reviewed date is in the future.",
                           "Set `reviewed:` to the date the review actually took place.")
REVIEW_DATES_ORDER = _rule("CK505", E, "The next review date is not after the reviewed date.",
                           "Set `next_review:` to a date after `reviewed:` (often one to three years later).")
NO_SOURCES = _rule("CK506", E, "A module lists no sources.",
                   "Add `sources:` to the module's front matter with each document its facts come from.")
LABELS_IN_ENGLISH = _rule("CK507", W, "A course not written in English leaves words that coursekit adds in English.",
                         "Set the words under `labels:` in `course.yml`, in the course's language; "
                         "docs/format.md lists every key with its English words.")
RED_FLAG_NOT_COVERED = _rule("CK510", E, "A warning sign that `course.yml` requires is in no `red-flags` block.",
                             "Mention the sign in a `::: red-flags` block, using one of the phrases listed for it "
                             "under `red_flags:` in `course.yml`.")
RED_FLAGS_NO_TIER = _rule("CK511", W, "A `red-flags` block does not say how urgent its signs are, so it is shown as `at-once`.",
                          "Write the tier after the block name: `::: red-flags at-once`, `::: red-flags same-day` or "
                          "`::: red-flags soon`, one block per tier. Each tier's heading and action come from "
                          "`urgency:` in `course.yml`, so leave the action out of the block.")
RED_FLAGS_UNKNOWN_TIER = _rule("CK512", E, "A `red-flags` block names an urgency tier that does not exist.",
                               "Use one of `at-once`, `same-day` or `soon`: `::: red-flags same-day`.")
RED_FLAGS_TIER_UNWORDED = _rule("CK513", E, "A `red-flags` block's urgency tier has no words in `course.yml`.",
                                "Add the tier under `urgency:` in `course.yml`, with a `title:` (what stands above the "
                                "signs) and an `action:` (what to do), and `call:` with the number to ring if there is one.")
RED_FLAG_WRONG_TIER = _rule("CK514", E, "A warning sign is only in `red-flags` blocks of another urgency tier than `course.yml` gives it.",
                            "Move the sign into a block of its tier (`::: red-flags at-once`, ...), or change its "
                            "`tier:` under `red_flags:` in `course.yml`.")

# CK74x: slides
SLIDES_TEMPLATE_UNREADABLE = _rule("CK740", E, "The theme's slide template cannot be opened as a PowerPoint file.",
                                   "Point `slides_template:` in `theme.yml` at a `.pptx` file saved by PowerPoint or Impress.")
SLIDES_LAYOUT_MISSING = _rule("CK741", E, "The slide template lacks a layout that decks need.",
                              "Add the missing layouts to the template's slide master (in PowerPoint: View, Slide Master, "
                              "Insert Layout, then Rename) with exactly the names listed.")
SLIDES_PLACEHOLDER_MISSING = _rule("CK742", E, "A layout of the slide template lacks a placeholder that decks need.",
                                   "Open the layout in the slide master, insert the placeholder and rename it as listed.")
SLIDE_OVERFLOW = _rule("CK743", W, "Text does not fit on its slide even at the smallest type size.",
                       "Shorten the text at this line, or split it into shorter list items or sections.")
SLIDES_SVG = _rule("CK744", W, "An SVG picture cannot go on a slide and has no PNG beside it.",
                   "Save a PNG copy of the picture with the same name next to the SVG (for example `nerve.png` beside `nerve.svg`).")
SLIDES_NO_SITE_URL = _rule("CK745", W, "The workshop deck's closing slide has no QR code because the site has no address.",
                           "Add `site_url: https://...` to `mkdocs.yml` with the public address of the course site.")
SLIDES_IMAGE_UNREADABLE = _rule("CK746", E, "A picture cannot be placed on a slide.",
                                "Open the picture in an image editor and save it again as PNG or JPEG.")
SLIDES_TOO_MANY = _rule("CK748", W, "A module has more slides than its `duration` allows, at about one slide a minute.",
                        "Teach less in this module or split it in two; or, if the time is right, raise `duration:`. "
                        "Long paragraphs make several slides: shorten them, or move detail into `::: notes`.")
SLIDES_WRITE_FAILED = _rule("CK747", E, "A deck could not be written.",
                            "Check that the output folder can be written to and that the disk is not full.")

# CK70x: site (continued)
SITE_BUILD_FAILED = _rule("CK706", E, "MkDocs could not build the course site.",
                          "Read MkDocs' message; it usually names a setting in `mkdocs.yml` or a plugin to fix.")
SITE_MKDOCS_WARNING = _rule("CK707", W, "MkDocs warned while building the course site.",
                            "Read MkDocs' message and fix the setting or plugin it names in `mkdocs.yml`.")
SITE_URL_IN_COURSE = _rule("CK708", W, "`site_url` in `course.yml` is an old place for the site's address: it belongs in `mkdocs.yml`.",
                           "Move the line `site_url: ...` to `mkdocs.yml`, as the address of the whole site, "
                           "and delete it from `course.yml`.")
SITE_URL_INVALID = _rule("CK709", E, "`site_url` in `mkdocs.yml` is not a web address.",
                         "Write the site's public address in full, starting with `https://`, "
                         "for example `site_url: https://example.org/courses/`.")
SITE_CONTENT_DROPPED = _rule("CK710", E, "The site engine published a page without the content coursekit wrote for it.",
                             "Build with the default engine (`--site-engine mkdocs`), or with an engine version that "
                             "renders HTML blocks and attribute lists (see the README's site engines); nothing was published.")
SITE_ENGINE_MISSING = _rule("CK711", E, "The site engine chosen in `mkdocs.yml` or on the command line is not installed.",
                            "Install it with the command the message gives, or choose an installed engine "
                            "(`--site-engine mkdocs` is always there).")

# CK78x: the proof
PROOF_TOOL_MISSING = _rule("CK780", W, "A program the proof draws with is not installed, so the proof leaves part out.",
                           "Install the program the message names (on Debian or Ubuntu: `sudo apt-get install "
                           "libreoffice-impress` for the slides, `sudo apt-get install chromium` and "
                           "`pip install 'coursekit[proof]'` for the site); `make proof` installs all three.")
PROOF_INCOMPLETE = _rule("CK781", W, "Part of an output could not be shown in the proof.",
                         "Read the message: it names the deck, page or document and what LibreOffice, Chromium or "
                         "WeasyPrint said. Open that file yourself before you sign the proof off.")
PROOF_FAILED = _rule("CK782", E, "A course's proof could not be made.",
                     "Read the message: it says what failed. The build itself is fine, and any earlier proof "
                     "was left as it was; run `coursekit proof` again once the cause is mended.")

# CK79x: writing the output
OUTPUT_WRITE_FAILED = _rule("CK790", E, "The output could not be written.",
                            "Check that the output folder can be written to and that the disk is not full; "
                            "the previous build was left as it was.")

# CK77x: handouts
HANDOUT_FETCH_REFUSED = _rule("CK770", E, "A handout tried to load something from the web or from outside the project.",
                              "Handouts may only use files inside the project (and its theme): save the picture in the "
                              "course's `media/` folder, and remove any web address or outside path from inside SVG "
                              "pictures and the theme's print CSS.")
HANDOUT_ACCESSIBILITY = _rule("CK771", E, "A handout fails an accessibility requirement of tagged PDF (PDF/UA).",
                              "Fix what the message names: give every picture alt text "
                              "(`![what it shows](../media/x.png)`) and the course a `language:` in `course.yml`.")
HANDOUT_WEASYPRINT_WARNING = _rule("CK772", W, "WeasyPrint warned while making a handout.",
                                   "Read WeasyPrint's message; it usually names a picture that cannot be read or a "
                                   "rule of the theme's print CSS to fix.")
HANDOUT_RENDER_FAILED = _rule("CK773", E, "A handout could not be made.",
                              "Read the message; it usually names a picture that cannot be read (save it again as "
                              "PNG or JPEG) or a rule of the theme's print CSS to fix.")
LEAFLET_TOO_LONG = _rule("CK777", W, "A module's leaflet runs past one sheet: two sides (large print: four).",
                        "Make the leaflet shorter: fewer or shorter key points, fewer words to explain, or an "
                        "exercise kept for the other outputs with `::: only site, slides, booklet`. The booklet "
                        "keeps the whole lesson.")
FIGURE_LABELS_TOO_SMALL = _rule("CK779", W, "A diagram's smallest label prints below the floor for its document "
                                "(14 pt in large print, 10 pt otherwise), even at the full width of the page.",
                                "Make the label bigger in the SVG (a larger `font-size`), or draw the diagram with "
                                "fewer, bigger labels (a numbered key below the picture instead of words on it).")
HANDOUT_NO_SITE_URL = _rule("CK774", Severity.INFO, "The handouts have no QR code because the site has no address.",
                            "Add `site_url: https://...` to `mkdocs.yml` with the public address of the course site.")
HANDOUT_RENDER_TIMEOUT = _rule("CK775", E, "A handout took longer to render than the time limit, so it was stopped.",
                               "Look for what makes the module slow to lay out (a huge table, very long lines without "
                               "spaces, thousands of list items) and split it; or, if the module is right as it is, "
                               "raise `render_seconds` under `limits:` in `course.yml`.")
HANDOUT_MACHINE_LIBRARY = _rule("CK776", Severity.INFO, "This computer lacks a library WeasyPrint prefers, so it uses a "
                                "slower stand-in.",
                                "Install the library WeasyPrint names with the system's package manager (on Debian or "
                                "Ubuntu, `sudo apt install libharfbuzz-subset0`). The handouts look the "
                                "same either way.")
