"""What a document is: its kind, told from its structure and wording over the whole text, with the reason.

KINDS: ITT (instructions to bidders, usually with the specification and more), specification, contract terms,
pricing schedule, form, addendum (clarifications, Q&A, amendments), notice, other. classify() returns a Kind:
the kind and a short reason naming what decided it, which every report shows.

Conservative: a document is one of the NARROW kinds (a pricing schedule, a form, an addendum, contract terms)
only when that structure holds most of its words (or most of them and its name or title says so too), because
the rules that look for something missing skip those kinds (applies_to: kinds in a rule). Anything else is one of
the broad kinds: an ITT when it instructs bidders (submission, evaluation, procedure: two families of cues or
more, wherever in the document), which most single-file tenders do whatever else they hold; a specification when
it describes the service and does not instruct; a notice when it has a notice's fields; other when nothing says.
The file name and title are one signal among many: they decide only between kinds the text leaves open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

KINDS = ("ITT", "specification", "contract terms", "pricing schedule", "form", "notice", "addendum", "other")
NARROW = ("pricing schedule", "form", "addendum", "contract terms")  # hold part of a tender, not its whole
SPREADSHEETS = ("xlsx", "xls", "ods")

# The name and title: what the document calls itself. The order breaks ties: an addendum to the specification
# is an addendum, a pricing form a pricing schedule, a contract notice a notice.
NAME_CUES = {
    "addendum": r"addend(?:um|a)|clarifications?|corrigend(?:um|a)|q\s*&\s*a|questions? and answers?|"
                r"clarification log|amendment(?: no\.?)? ?\d",
    "notice": r"(?:contract|tender|prior information|pipeline|award|opportunity|procurement|planned procurement|"
              r"preliminary market engagement) notice|find a tender|contracts finder|\bocds\b(?!-)|\bnotice\b",
    "pricing schedule": r"pric(?:e|ing)(?: and rates)? (?:schedule|matrix|submission|model|response|sheet|template)|"
                        r"\bpricing\b|schedule of rates|rates? card|bill of quantities|cost (?:model|breakdown|"
                        r"schedule)|financial (?:model|submission|response)|commercial (?:response|schedule)",
    "form": r"\bforms?\b|questionnaire|\b(?:sq|psq|pqq)\b|declarations?|form of tender|tender response|"
            r"response (?:template|document)|certificate|self[- ]declaration|\bappendix [a-z0-9]+ - ",
    "contract terms": r"terms and conditions|conditions of contract|contract (?:terms|conditions)|"
                      r"(?:call[- ]off|framework|standard|general) (?:terms|conditions)|form of (?:contract|"
                      r"agreement)|(?:draft|model) (?:contract|agreement)|\bt ?& ?cs?\b",
    "specification": r"specification|\bspec\b|statement of requirements?|scope of (?:services|works)|"
                     r"service requirements|requirements document|output spec",
    "ITT": r"\bitt\b|\brfq\b|\brfp\b|\bitq\b|invitation to (?:tender|quote|submit|participate)|instructions? "
           r"(?:to|for) (?:tenderers|bidders|suppliers)|request for (?:quotations?|proposals?|tenders?)|tender "
           r"document|tender pack|conditions of tender|how to tender",
}
_NAME = {kind: re.compile(cue, re.IGNORECASE) for kind, cue in NAME_CUES.items()}
OPENING_HEADINGS = 3

# Families of wording that instruct bidders: an ITT uses two or more (a Q&A addendum may use many, but its
# questions and answers hold most of its words, which decides first).
ITT_CUES = {
    "submission": r"deadline for (?:the )?(?:receipt of )?(?:tenders?|submissions?|bids?|quotes?|quotations?|"
                  r"responses?|proposals?)|(?:tenders?|bids?|quotations?|quotes?|proposals?|responses?) must be "
                  r"(?:submitted|received|returned)|submission deadline|closing date for (?:tenders?|bids?|"
                  r"quotations?)|how to (?:submit|tender|respond|apply)|submit (?:your|a) (?:tender|bid|quotation|"
                  r"quote|proposal|response)|tender return|return (?:your|the completed) (?:tender|quotation)",
    "evaluation": r"award criteri(?:a|on)|evaluation (?:criteri(?:a|on)|model|methodology)|weightings?\b|"
                  r"will be (?:evaluated|scored|assessed)|most (?:economically )?advantageous|scoring (?:matrix|"
                  r"methodology|scheme|guidance)|evaluation of (?:tenders|bids|quotations|responses)",
    "procedure": r"clarification questions?|standstill|open procedure|competitive (?:flexible )?procedure|"
                 r"(?:tenderers?|bidders?|suppliers?|applicants?) (?:must|should|are required to|are invited to|"
                 r"may not)|conditions of participation|selection (?:questionnaire|criteria|stage)|"
                 r"(?:costs|validity) of (?:tenders?|bids?|tendering)|(?:invitation|request) to (?:tender|quote)|"
                 r"invites? (?:tenders|bids|quotations|proposals)",
}
SPEC_CUES = (
    r"the (?:service )?provider (?:will|shall|must)",
    r"the (?:contractor|supplier) (?:will|shall|must) (?:provide|deliver|ensure|maintain|carry out|undertake)",
    r"service (?:requirements?|delivery|specification|users?|model)",
    r"\boutcomes?\b",
    r"key performance indicators?|\bkpis?\b",
    r"scope of (?:the )?(?:services?|works?|requirement)",
    r"referrals?",
    r"eligibility",
    r"hours of (?:operation|service)",
    r"staffing|staff (?:must|will|shall)",
    r"the requirement",
)
NOTICE_CUES = (
    r"section (?:i|ii|iii|iv|vi)\b", r"\bii\.\d", r"\bcpv\b|common procurement vocabulary",
    r"notice (?:identifier|type|reference|number)", r"procurement identifier|\bocid\b",
    r"contracting (?:authority|entity)", r"(?:date of )?publication date|published (?:on|date)",
    r"nuts code|\bitl\b", r"find a tender|contracts finder|sell2wales|public contracts scotland",
    r"(?:contract|tender) notice", r"type of (?:procedure|contract)", r"estimated (?:total )?value",
)
# contract terms: the headings of a contract's clauses, and the drafting of its obligations
TERMS_HEADINGS = (
    r"governing law|law and jurisdiction", r"terminat", r"indemnit", r"limitation of liability|liabilit",
    r"force majeure", r"dispute", r"assignment|sub-?contracting and assignment", r"confidentiality",
    r"intellectual property", r"definitions|interpretation", r"warrant", r"variation|change control",
    r"entire agreement", r"waiver", r"severance|severability", r"third party rights", r"notices\b",
    r"insurance", r"payment(?: and invoicing)?|invoic", r"data protection", r"freedom of information", r"audit",
    r"set[- ]off", r"publicity", r"conflicts? of interest", r"prevention of (?:fraud|bribery|corruption)|bribery",
    r"recitals?|whereas", r"(?:commencement|duration) and term|\bterm\b",
)
SHALL = re.compile(r"\b(?:the\s+)?(?:contractor|supplier|service provider|provider|authority|council|buyer|"
                   r"customer|purchaser|part(?:y|ies)|client|consultant)\s+shall\b", re.IGNORECASE)
AGREEMENT = re.compile(r"\bthis (?:contract|agreement|call[- ]off contract|framework agreement)\b", re.IGNORECASE)
# a price column: a table of lot values or contract values is not a pricing schedule
PRICE_HEADER = re.compile(r"\b(?:price|prices|pricing|rate|rates|cost|costs|fee|fees|charge|charges|gbp)\b|£",
                          re.IGNORECASE)
MONEY = re.compile(r"£\s?\d|^\s*\d{1,3}(?:,\d{3})*(?:\.\d{2})\s*$|^\s*\d+\.\d{2}\s*$")
QUESTION_START = re.compile(r"^\s*(?:(?:q|question|clarification(?: question)?|query)\s*(?:no\.?\s*)?\d+\b|q\s*:|"
                            r"q\.\s*\d*)", re.IGNORECASE)
ANSWER_START = re.compile(r"^\s*(?:a|answer|response|reply)\s*(?:\d+\b|:|\.|-)", re.IGNORECASE)
QA_HEADER = re.compile(r"question|query|clarification", re.IGNORECASE)
ANSWER_HEADER = re.compile(r"answer|response|reply", re.IGNORECASE)
FILL_IN = re.compile(r"_{4,}|\.{6,}|\[\s*\]|☐|□|^\s*(?:signed|signature|name|date|position|job title|"
                     r"(?:company|organisation|business|bidder|tenderer|supplier)(?:'s)? (?:name|address|"
                     r"registration number)|registered (?:office|address)|telephone|e-?mail(?: address)?|"
                     r"(?:for and )?on behalf of)\b[^.?!]{0,40}:?\s*$", re.IGNORECASE)
DECLARATION = re.compile(r"\bI\s*/\s*we\b|\bwe,? the undersigned|\bhereby (?:offer|tender|declare|confirm|certify|"
                         r"undertake)|\bform of tender\b|\bdeclaration\b|\bI confirm\b|\bwe confirm\b|"
                         r"\b(?:tick|delete) as (?:appropriate|applicable)\b", re.IGNORECASE)
AMENDMENT = re.compile(r"\b(?:is|are|has been|have been|shall be|will be) (?:amended|replaced|deleted|extended|"
                       r"changed|revised|corrected)\b|\bshould (?:now )?read\b|\bnow reads?\b|\breplace(?:s|d)? "
                       r"(?:with|by)\b|\baddendum (?:no\.?|number)?\s*\d+", re.IGNORECASE)
CLAUSE_NUMBER = re.compile(r"^\s*(?:clause\s+)?\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S", re.IGNORECASE)

_ITT = {family: re.compile(cue, re.IGNORECASE) for family, cue in ITT_CUES.items()}
_SPEC = [re.compile(cue, re.IGNORECASE) for cue in SPEC_CUES]
_NOTICE = [re.compile(cue, re.IGNORECASE) for cue in NOTICE_CUES]
_TERMS = [re.compile(rf"^\s*(?:(?:clause|schedule|part|section)\s+)?(?:\d{{1,2}}(?:\.\d{{1,2}})*\.?|[a-z]\)|"
                     rf"[ivx]+\.)?\s*(?:the\s+)?(?:{cue})", re.IGNORECASE) for cue in TERMS_HEADINGS]

SHARE_CLEAR = 0.6  # the narrow structure holds this share of the words: that kind
SHARE_NAMED = 0.35  # ... or this share, and the name or title says that kind too
MIN_ITT_FAMILIES = 2
MIN_SPEC_CUES = 3
MIN_NOTICE_FIELDS = 5
MIN_NOTICE_NAMED = 3  # fields enough when the name or title says notice
MIN_QUESTIONS = 3  # an addendum answers at least three questions
MIN_AMENDMENTS = 2  # ... or makes at least two amendments
MAX_ANSWER_BLOCKS = 4  # the blocks after a question that are its answer
MIN_FIELDS = 4  # fields and blanks that make a form
BLANK_WORDS = 3  # a blank to fill in counts as a short answer
MIN_CLAUSES = 4  # kinds of contract clause that make contract terms
MIN_SHALL = 3


@dataclass(frozen=True)
class Kind:
    kind: str  # one of KINDS
    reason: str  # what decided it, one short phrase: shown in reports

    def __str__(self) -> str:
        return self.kind


def classify(document, file: str | None = None) -> Kind:
    """The document's kind and why. file: the name it is known by (a pack member's name in the pack); by default
    the file name of document.path."""
    if document.format == "ocds":
        return Kind("notice", "a published OCDS notice")
    name = file if file is not None else PurePosixPath(str(document.path).partition("#")[0]).name
    reading = _Reading(document, name)
    return reading.decide()


class _Reading:
    def __init__(self, document, name: str):
        self.document = document
        self.blocks = [b for b in document.body_blocks if b.text.strip()]
        self.words = [len(b.text.split()) for b in self.blocks]
        self.total = sum(self.words) or 1
        self.named = self._named(document, name)
        self.texts = [b.text for b in self.blocks]

    # what it calls itself
    def _named(self, document, name: str) -> dict[str, str]:
        """kind -> the name or title wording that says it (name first)."""
        stem = re.sub(r"[_\-.]+", " ", PurePosixPath(name).stem)
        titles = [document.metadata.get("title") or ""]
        titles += [b.text[:200] for b in self.blocks if b.kind == "heading"][:OPENING_HEADINGS]
        if not any(titles[1:]):  # no headings: the first lines stand in for the title
            titles += [b.text[:200] for b in self.blocks[:2]]
        out = {}
        for kind, cue in _NAME.items():
            for where, text in [("name", stem)] + [("title", t) for t in titles if t]:
                m = cue.search(text)
                if m:
                    out[kind] = f"its {where} says \"{m.group(0).strip()}\""
                    break
        return out

    def decide(self) -> Kind:
        if self.document.format in SPREADSHEETS:
            return self._spreadsheet()
        shares = {"addendum": max(self._qa_share(), self._amendment_share(), key=lambda found: found[0]),
                  "pricing schedule": self._price_share(),
                  "form": self._form_share(), "contract terms": self._terms_share()}
        for kind, (share, how, inside) in sorted(shares.items(), key=lambda item: -item[1][0]):
            named = self.named.get(kind)
            if not (share >= SHARE_CLEAR or (named and share >= SHARE_NAMED and not self._named_broad())):
                continue
            # the rest of the document instructs bidders: an ITT with a large schedule, form or Q&A in it
            outside = self._families([t for i, t in enumerate(self.texts) if i not in inside])
            if len(outside) >= MIN_ITT_FAMILIES:
                continue
            return Kind(kind, f"{how}, {share:.0%} of its words" + (f"; {named}" if named else ""))
        return self._broad()

    def _families(self, texts) -> dict[str, str]:
        """The families of instructions to bidders the texts use: family -> the first wording found."""
        found = {}
        for family, cue in _ITT.items():
            for text in texts:
                m = cue.search(text)
                if m:
                    found[family] = m.group(0)
                    break
        return found

    def _named_broad(self) -> bool:
        return "ITT" in self.named

    def _broad(self) -> Kind:
        families = self._families(self.texts)
        spec = self._distinct(_SPEC)
        notice = self._distinct(_NOTICE)
        if "notice" in self.named and "ITT" not in self.named and len(notice) >= MIN_NOTICE_NAMED:
            return Kind("notice", f"{self.named['notice']}, with a notice's fields (\"{notice[0]}\", "
                                  f"\"{notice[1]}\", {len(notice) - 2} more)")
        if len(families) >= MIN_ITT_FAMILIES or ("ITT" in self.named and families):
            said = ", ".join(f"{f} (\"{q}\")" for f, q in families.items())
            also = f"; with a specification (\"{spec[0]}\")" if len(spec) >= MIN_SPEC_CUES else ""
            return Kind("ITT", f"instructs bidders: {said}{also}")
        if len(notice) >= MIN_NOTICE_FIELDS and ("notice" in self.named or len(spec) < MIN_SPEC_CUES):
            return Kind("notice", f"a notice's fields (\"{notice[0]}\", \"{notice[1]}\", {len(notice) - 2} more)")
        if len(spec) >= MIN_SPEC_CUES or ("specification" in self.named and spec):
            lead = f"{self.named['specification']}; " if "specification" in self.named else ""
            return Kind("specification", f"{lead}describes the service (\"{spec[0]}\", {len(spec) - 1} more) and does "
                                         "not instruct bidders")
        for kind in ("ITT", "notice", "specification"):
            if kind in self.named:
                return Kind(kind, f"{self.named[kind]}; the text is too short or plain to tell more")
        return Kind("other", "neither instructions to bidders, a specification, a notice's fields nor a schedule, "
                             "form, addendum or contract terms")

    def _distinct(self, cues) -> list[str]:
        found = []
        for cue in cues:
            for text in self.texts:
                m = cue.search(text)
                if m:
                    found.append(m.group(0))
                    break
        return found

    # the narrow structures: (share of words, what it is, the indices of the blocks it holds)
    def _qa_share(self) -> tuple[float, str, set]:
        """Questions with their answers: the rows of a question/answer table, or a labelled or numbered question
        ("Q3.", "Question 3", "2.4 Is ...?") and the few blocks after it, up to the next question or heading."""
        qa_tables = self._qa_tables()
        questions = sum(len(self.document.tables[i].body) for i in qa_tables)  # a row a question
        inside, answer_left = set(), 0
        for i, block in enumerate(self.blocks):
            text = block.text.strip()
            if block.kind == "table_cell" and block.location.table in qa_tables:
                inside.add(i)
                continue
            numbered = text.endswith("?") and len(text) < 600 and CLAUSE_NUMBER.match(text)
            if QUESTION_START.match(text) or numbered:
                questions += 1
                inside.add(i)
                answer_left = MAX_ANSWER_BLOCKS
            elif answer_left and (ANSWER_START.match(text) or block.kind in ("paragraph", "list_item")):
                inside.add(i)
                answer_left -= 1
            else:
                answer_left = 0
        if questions < MIN_QUESTIONS:
            return 0.0, "", set()
        return self._share(inside), f"{questions} questions with their answers", inside

    def _amendment_share(self) -> tuple[float, str, set]:
        """Amendments to the tender documents ("paragraph 4.2 is amended to read", "the deadline is extended"):
        each amending block and the block after it (the new wording)."""
        inside, amendments = set(), 0
        for i, text in enumerate(self.texts):
            if AMENDMENT.search(text):
                amendments += 1
                inside |= {i, i + 1} if i + 1 < len(self.texts) else {i}
        if amendments < MIN_AMENDMENTS:
            return 0.0, "", set()
        return self._share(inside), f"{amendments} amendments to the tender documents", inside

    def _share(self, inside: set) -> float:
        return sum(self.words[i] for i in inside) / self.total

    def _qa_tables(self) -> set:
        """The tables (by index) headed with a question and an answer (or response) column."""
        out = set()
        for i, table in enumerate(self.document.tables):
            header = " ".join(table.header)
            if QA_HEADER.search(header) and ANSWER_HEADER.search(header):
                out.add(i)
        return out

    def _price_share(self) -> tuple[float, str, set]:
        priced = {i for i, table in enumerate(self.document.tables) if self._priced(table, headed=True)}
        inside = {i for i, b in enumerate(self.blocks) if b.kind == "table_cell" and b.location.table in priced}
        return self._share(inside), "tables of prices, rates or costs", inside

    @staticmethod
    def _priced(table, headed: bool = False) -> bool:
        """A table of prices: a column headed price, rate, cost, fee, charge or £ with amounts or blanks to fill
        in under it; or (not headed: a spreadsheet) amounts in a good share of its cells."""
        columns = [i for i, c in enumerate(table.header) if PRICE_HEADER.search(c)]
        if columns and table.body:
            under = [row[i] for row in table.body for i in columns if i < len(row)]
            if any(MONEY.search(c) or not c.strip() or re.fullmatch(r"[\d,.\s]+", c) for c in under):
                return True
        if headed:
            return False
        cells = [c for row in table.rows for c in row if c.strip()]
        return sum(bool(MONEY.search(c)) for c in cells) >= max(2, len(cells) // 4)

    def _form_share(self) -> tuple[float, str, set]:
        labels = {i for i, b in enumerate(self.blocks)
                  if FILL_IN.search(b.text) or (b.kind == "table_cell" and b.text.strip().endswith(":"))}
        inside = set(labels)
        tables = {b.location.table for i, b in enumerate(self.blocks) if i in inside and b.kind == "table_cell"}
        empty = 0
        for t, table in enumerate(self.document.tables):  # a table with blanks to fill in is part of the form
            blanks = sum(1 for row in table.body for c in row if not c.strip())
            if blanks:
                empty += blanks
                tables.add(t)
        inside |= {i for i, b in enumerate(self.blocks) if b.kind == "table_cell" and b.location.table in tables}
        blanks = len(labels) + empty  # a labelled field ("Signed: ____") or an empty cell: something to fill in
        declared = any(DECLARATION.search(t) for t in self.texts)
        if blanks < MIN_FIELDS or not declared:
            return 0.0, "", set()
        # each blank counts as much as the short answer that will fill it
        words = sum(self.words[i] for i in inside) + BLANK_WORDS * blanks
        return words / (self.total + BLANK_WORDS * blanks), (f"a form to fill in ({blanks} fields and blanks, with "
                                                             "a declaration)"), inside

    def _terms_share(self) -> tuple[float, str, set]:
        inside, current, level, clauses = set(), False, None, set()
        for i, block in enumerate(self.blocks):
            text = block.text.strip()
            is_heading = block.kind == "heading" or (len(text) < 80 and CLAUSE_NUMBER.match(text)
                                                     and not text.endswith((".", ":", "?")))
            if is_heading:
                legal = next((n for n, cue in enumerate(_TERMS) if cue.match(text)), None)
                this_level = block.level or 9
                if legal is not None:
                    current, level = True, this_level
                    clauses.add(legal)
                elif level is None or this_level <= level:
                    current, level = False, None
            if current:
                inside.add(i)
        shall = sum(len(SHALL.findall(t)) for t in self.texts)
        agreement = any(AGREEMENT.search(t) for t in self.texts)
        if len(clauses) < MIN_CLAUSES or not (shall >= MIN_SHALL or agreement):
            return 0.0, "", set()
        return self._share(inside), (f"contract clauses ({len(clauses)} kinds of clause, such as governing law or "
                                     f"termination; {shall} obligations drafted with \"shall\")"), inside

    def _spreadsheet(self) -> Kind:
        priced = [t for t in self.document.tables if self._priced(t)]
        if priced:
            return Kind("pricing schedule", f"a spreadsheet with prices, rates or costs ({len(priced)} of "
                                            f"{len(self.document.tables)} sheets)")
        families = [f for f, cue in _ITT.items() if any(cue.search(t) for t in self.texts)]
        if "evaluation" in families:
            return Kind("other", "a spreadsheet of evaluation criteria or scores (not a pricing schedule)")
        if self._form_share()[0] or any(DECLARATION.search(t) for t in self.texts):
            return Kind("form", "a spreadsheet to fill in, with no prices")
        return Kind("other", "a spreadsheet with no prices, criteria or form")
