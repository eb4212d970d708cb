"""Rule-based language layer on spacy.blank("en"): sentences, money, percentages, durations, dates, negation."""
