"""The pipeline: one spaCy Doc per block, entities with normalised extension attributes, no model loaded."""

from checker.extract.text import parse_text
from checker.nlp.pipeline import annotate, get_nlp


def test_pipeline_is_blank_english_with_rule_components_only():
    nlp = get_nlp()
    assert nlp.pipe_names == ["sentencizer", "tc_abbreviations", "tc_quantities"]
    assert get_nlp() is nlp  # built once per process


def test_annotate_aligns_with_blocks_and_sets_attributes():
    document = parse_text("# Value\n\nThe contract is worth £240k per annum (excluding VAT) for 3+1+1 years.\n\n"
                          "| Criterion | Weighting |\n|---|---|\n| Social value | 10% |\n\n"
                          "Tenders close on 12 March 2026.\n")
    docs = annotate(document)
    assert len(docs) == len(document.blocks)
    assert [d.text for d in docs] == [b.text for b in document.blocks]
    ents = {e.label_: e for d in docs for e in d.ents}
    assert ents["MONEY"]._.value == 240_000 and ents["MONEY"]._.per_annum and ents["MONEY"]._.vat == "ex"
    assert ents["DURATION"]._.value == 36 and ents["DURATION"]._.months_max == 60
    assert ents["PERCENT"]._.value == 10
    assert ents["DATE"]._.value == "2026-03-12"


def test_overlapping_mentions_keep_the_date():
    doc = get_nlp()("The deadline is 12 March 2026.")
    assert [(e.label_, e.text) for e in doc.ents] == [("DATE", "12 March 2026")]


def test_abbreviations_do_not_end_sentences():
    nlp = get_nlp()
    assert len(list(nlp("Quality 70% (incl. 10% social value) and price 30%.").sents)) == 1
    assert len(list(nlp("The value is approx. £500,000 for Lot No. 1 of the contract.").sents)) == 1
    assert [s.text for s in nlp("The contract is for 3 yrs. It may be extended.").sents] == [
        "The contract is for 3 yrs.", "It may be extended."]
