"""tendercheck: a rules-as-code checker for tender documents against Locality's Keep it Local guide.

Keep this module import-light: `tendercheck --version` must answer without importing spaCy or PDF libraries.
"""

__version__ = "0.1.0"
