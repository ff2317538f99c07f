"""The figures in README's "Words the reader may not know": what the rare-word check (CK411) finds and misses.

For each course: its CK410/CK411 findings as it is (false positives: the course explains its words), then,
with its glossary.yml emptied, which of the glossary terms its modules use are found by coursekit's list
(CK410), by rare words alone (CK411), or not at all. Then how many of coursekit's listed terms, and of a list
of medical words from other topics, rare words alone find.

    .venv/bin/python scripts/rare_word_figures.py [PROJECT ...]   (default: the sample course and the head-injury fixture)
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from toolkit.check import run_check  # noqa: E402
from toolkit.loader import load_project  # noqa: E402
from toolkit.plain_language.rare_words import RareWords, base_forms, fold  # noqa: E402
from toolkit.plain_language.terms import TermMatcher, medical_terms, words  # noqa: E402
from toolkit.plain_language.text import module_units  # noqa: E402
from toolkit.plain_language.word_frequencies import frequencies  # noqa: E402

OTHER_TOPICS = """cellulitis HbA1c arterial debridement amputation peripheral neuropathy retinopathy nephropathy
hypoglycaemia hyperglycaemia insulin metformin ketoacidosis podiatrist ulcer gangrene angina arrhythmia atrial
fibrillation hypertension cholesterol statin anticoagulant warfarin stent stoma sepsis biopsy chemotherapy
radiotherapy oncologist tumour benign malignant metastasis lymph node catheter cannula intravenous subcutaneous
haemorrhage aneurysm embolism thrombosis dementia delirium incontinence prolapse hysterectomy osteoporosis arthritis
rheumatoid tendon ligament fracture dislocation anaesthetic sedation intubation ventilator dialysis renal hepatic
cirrhosis asthma inhaler bronchodilator spirometry COPD emphysema pneumonia antibiotic antiviral vaccine immunisation
eczema psoriasis dermatitis oedema diuretic palpitations syncope vertigo tinnitus cataract glaucoma macular concussion
haematoma contusion laceration suture CT MRI ECG GCS GP NHS ICU DVT BMI""".split()


def _forms(text: str) -> set[str]:
    return {base for word in words(text) for base in base_forms(fold(word))}


def course_figures(project: Path) -> None:
    loaded, _ = load_project(project)
    as_is = [d for d in run_check(project, strict=True).diagnostics if d.code in ("CK410", "CK411")]
    print(f"{project}: {len(as_is)} CK410/CK411 findings as it is")
    for course in loaded.courses:
        matcher = TermMatcher(course.glossary)
        used: list[str] = []
        for module in course.modules:
            for unit in module_units(module):
                for match in matcher.finditer(unit.text):
                    if match.entry is not None and match.entry.term not in used:
                        used.append(match.entry.term)
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "project"
            shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", ".git", ".venv", "tests"))
            (copy / "courses" / course.id / "glossary.yml").write_text("")
            reported: dict[str, str] = {}
            for d in run_check(copy).diagnostics:
                if d.code in ("CK410", "CK411") and (named := re.match(r"“(.+?)”", d.message)):
                    reported.setdefault(named.group(1), d.code)

        def found(term: str) -> set[str]:
            return {code for word, code in reported.items() if _forms(word) & _forms(term)}

        listed = [t for t in used if "CK410" in found(t)]
        rare = [t for t in used if found(t) == {"CK411"}]
        missed = [t for t in used if not found(t)]
        print(f"  {course.id}, glossary emptied: {len(used)} glossary terms used; the list finds {len(listed)}, "
              f"rare words {len(rare)} more: {', '.join(rare)}")
        print(f"  not found ({len(missed)}): {', '.join(missed)}")


def word_figures() -> None:
    judge = RareWords(frequencies("en"), ())
    listed = [t for t in medical_terms() if any(judge.is_rare(w) for w in words(t))]
    print(f"coursekit's list: rare words alone find {len(listed)} of its {len(medical_terms())} terms")
    found = [w for w in OTHER_TOPICS if judge.is_rare(w)]
    print(f"other topics: {len(found)} of {len(OTHER_TOPICS)} found; missed: "
          f"{', '.join(w for w in OTHER_TOPICS if w not in found)}")


if __name__ == "__main__":
    for root in [Path(p) for p in sys.argv[1:]] or [REPO, REPO / "tests" / "fixtures" / "tiered-course"]:
        course_figures(root.resolve())
    word_figures()
